//! Machine learning on top of the SVD: principal component analysis ([`Pca`], `x.pca::<K>()`),
//! the best rank-K approximation (`a.low_rank::<K>()`) and column standardisation
//! (`x.standardize()`).
//!
//! Data matrices are (N, D): N samples (rows) by D features (columns).

mod low_rank;
mod pca;
mod standardize;

pub use pca::Pca;

/// Emits the same block of methods for `Tensor` and `TensorView` matrices (rows `M`, columns
/// `N`): `$body` calls `AsView::view(self)` to reach the data.
macro_rules! data_methods {
    ($($body:tt)*) => {
        impl<T: Float, M: Dim, N: Dim> Tensor<T, (M, N)> {
            $($body)*
        }
        impl<T: Float, M: Dim, N: Dim> TensorView<'_, T, (M, N)> {
            $($body)*
        }
        impl<T: Float, M: Dim, N: Dim> TensorViewMut<'_, T, (M, N)> {
            $($body)*
        }
    };
}
use data_methods;
