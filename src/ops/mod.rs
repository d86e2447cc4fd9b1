//! Operations on tensors and views: elementwise arithmetic with broadcasting, reductions,
//! norms, similarity, and products.

pub(crate) mod kernels;
pub mod matmul;

pub mod elementwise;
mod norms;
mod reduce;
pub mod shape_ops;
mod similarity;

/// Emits the same methods into `impl Tensor<T, S>` and `impl TensorView<'_, T, S>`, so that
/// every operation is called the same way on an owned tensor and on a view (a transposed one
/// included). The methods take `&self` and reach the data through `AsView::view(self)`.
///
/// `tensor_and_view!([T: Scalar, S: Shape] S; ...items...)` expands to
/// `impl<T: Scalar, S: Shape> Tensor<T, S> { items }` and
/// `impl<'v, T: Scalar, S: Shape> TensorView<'v, T, S> { items }`.
macro_rules! tensor_and_view {
    ([$($g:tt)*] $shape:ty; $($items:tt)*) => {
        impl<$($g)*> $crate::tensor::Tensor<T, $shape> {
            $($items)*
        }
        impl<'v, $($g)*> $crate::tensor::TensorView<'v, T, $shape> {
            $($items)*
        }
    };
}
pub(crate) use tensor_and_view;
