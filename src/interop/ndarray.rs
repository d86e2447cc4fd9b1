//! Conversions with [ndarray](https://docs.rs/ndarray) (feature `ndarray`).
//!
//! | from | into | how |
//! |---|---|---|
//! | `Tensor<T, S>` | `Array<T, IxN>` (N = rank of S) | `From`, moves the data |
//! | `&Tensor<T, S>`, `TensorView<T, S>` | `ArrayView<T, IxN>` | `From`, no copy, same strides |
//! | `&mut Tensor<T, S>` | `ArrayViewMut<T, IxN>` | `From`, no copy |
//! | `Array<T, D>` (any `D`, `IxDyn` too) | `Tensor<T, S>` | `TryFrom`, sizes checked; moves the data when it is in standard order |
//! | `ArrayView<T, D>` | `Tensor<T, S>` | `TryFrom`, sizes checked, copies (any strides) |
//! | `ArrayView<T, D>` | `TensorView<T, S>` | `TryFrom`, no copy: the view must be contiguous in memory (any axis order) with non-negative strides |
//! | `ArrayViewMut<T, D>` | `TensorViewMut<T, S>` | `TryFrom`, the same rule |
//!
//! A dynamic-rank `ArrayD` from a tensor is `Array::from(t).into_dyn()`.
//!
//! ```
//! use ndarray::{array, Array2, ArrayView2};
//! use shaped::{Const, Dyn, Matrix, Tensor, TensorView, tensor};
//!
//! // ndarray -> shaped: run-time sizes are checked against the type.
//! let a: Array2<f64> = array![[1., 2., 3.], [4., 5., 6.]];
//! let t = Tensor::<f64, (Dyn, Const<3>)>::try_from(a.clone())?;
//! assert_eq!(t.dims(), [2, 3]);
//! let e = Tensor::<f64, (Dyn, Const<4>)>::try_from(a.clone()).unwrap_err();
//! assert_eq!(e.to_string(), "from ndarray: shape (2, 3) does not fit the type's shape (_, 4) (`_` is any size)");
//!
//! // A transposed ndarray view becomes a strided TensorView without a copy.
//! let at = TensorView::<f64, (Const<3>, Const<2>)>::try_from(a.t())?;
//! assert_eq!(at[[2, 1]], 6.0);
//! assert_eq!(at.strides(), [1, 3]);
//!
//! // shaped -> ndarray.
//! let m: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
//! let v: ArrayView2<f64> = m.t().into(); // strides carried over, no copy
//! assert_eq!(v, array![[1., 3.], [2., 4.]]);
//! let owned: Array2<f64> = m.into();
//! assert_eq!(owned[[1, 0]], 3.0);
//! # Ok::<(), shaped::ShapeError>(())
//! ```

use ndarray::{
    Array, ArrayBase, ArrayView, ArrayViewMut, Data, Dimension, IntoDimension, ShapeBuilder,
};

use super::{typed_shape, view_data};
use crate::error::ShapeError;
use crate::scalar::Scalar;
use crate::shape::Shape;
use crate::tensor::{Tensor, TensorView, TensorViewMut};

/// ndarray's dimension type for a shape of rank N: `Dim<[usize; N]>` (`Ix2` for a matrix).
type IxOf<S> = <<S as Shape>::Index as IntoDimension>::Dim;

impl<T: Scalar, S: Shape> From<Tensor<T, S>> for Array<T, IxOf<S>>
where
    S::Index: IntoDimension,
{
    /// The tensor as an ndarray `Array` of the same rank and sizes, in standard (row-major)
    /// order; the data move without a copy.
    ///
    /// ```
    /// use ndarray::{Array2, array};
    /// use shaped::{tensor, Matrix};
    /// let m: Matrix<i32, 2, 2> = tensor![[1, 2], [3, 4]];
    /// let a: Array2<i32> = m.into();
    /// assert_eq!(a, array![[1, 2], [3, 4]]);
    /// ```
    fn from(t: Tensor<T, S>) -> Self {
        let dims = t.dims();
        Array::from_shape_vec(dims.into_dimension(), t.into_vec())
            .expect("a tensor's element count matches its sizes")
    }
}

impl<'a, T, S: Shape> From<TensorView<'a, T, S>> for ArrayView<'a, T, IxOf<S>>
where
    S::Index: IntoDimension,
{
    /// The view as an ndarray `ArrayView` with the same sizes and strides (no copy): a
    /// transposed or sliced view stays transposed or sliced.
    ///
    /// ```
    /// use ndarray::{ArrayView2, array};
    /// use shaped::{tensor, Matrix};
    /// let m: Matrix<f32, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// let v: ArrayView2<f32> = m.t().into();
    /// assert_eq!(v.strides(), &[1, 3]);
    /// assert_eq!(v, array![[1., 4.], [2., 5.], [3., 6.]]);
    /// ```
    fn from(v: TensorView<'a, T, S>) -> Self {
        let dims = v.dims();
        let data = view_data(&v);
        if v.numel() == 0 {
            return ArrayView::from_shape(dims.into_dimension(), &data[..0])
                .expect("an empty shape fits an empty slice");
        }
        let strides = v.strides().into_dimension();
        // Read-only views may repeat elements (stride 0); ndarray accepts that for views.
        ArrayView::from_shape(dims.into_dimension().strides(strides), data)
            .expect("a TensorView's strides stay inside its data")
    }
}

impl<'a, T, S: Shape> From<&'a Tensor<T, S>> for ArrayView<'a, T, IxOf<S>>
where
    S::Index: IntoDimension,
{
    /// A borrowed ndarray view of the tensor (no copy).
    ///
    /// ```
    /// use ndarray::ArrayView1;
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f64, 3> = tensor![1., 2., 3.];
    /// let v = ArrayView1::from(&x);
    /// assert_eq!(v.sum(), 6.0);
    /// ```
    fn from(t: &'a Tensor<T, S>) -> Self {
        ArrayView::from_shape(t.dims().into_dimension(), t.as_slice())
            .expect("a tensor's element count matches its sizes")
    }
}

impl<'a, T, S: Shape> From<&'a mut Tensor<T, S>> for ArrayViewMut<'a, T, IxOf<S>>
where
    S::Index: IntoDimension,
{
    /// A mutable ndarray view of the tensor (no copy): writes land in the tensor.
    ///
    /// ```
    /// use ndarray::ArrayViewMut2;
    /// use shaped::Matrix;
    /// let mut m = Matrix::<f64, 2, 2>::zeros();
    /// ArrayViewMut2::from(&mut m).fill(7.0);
    /// assert_eq!(m.as_slice(), &[7.0; 4]);
    /// ```
    fn from(t: &'a mut Tensor<T, S>) -> Self {
        let dims = t.dims();
        ArrayViewMut::from_shape(dims.into_dimension(), t.as_mut_slice())
            .expect("a tensor's element count matches its sizes")
    }
}

impl<T: Scalar, S: Shape, D: Dimension> TryFrom<Array<T, D>> for Tensor<T, S> {
    type Error = ShapeError;

    /// The array as a tensor of shape type `S`: the same rank, each static dim of `S` equal
    /// to the array's size on that axis. The data move without a copy when the array is in
    /// standard (row-major) order; other layouts (`.t()`, Fortran order) are copied into
    /// row-major order, element `[i, j]` staying `[i, j]`.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when the array's rank or sizes do not fit `S`.
    ///
    /// ```
    /// use ndarray::{Array2, ShapeBuilder};
    /// use shaped::{Const, Dyn, Tensor};
    /// let f = Array2::from_shape_vec((2, 3).f(), vec![1., 4., 2., 5., 3., 6.]).unwrap();
    /// let t = Tensor::<f64, (Dyn, Dyn)>::try_from(f)?; // column-major in, row-major out
    /// assert_eq!(t.as_slice(), &[1., 2., 3., 4., 5., 6.]);
    /// let e = Tensor::<f64, (Dyn,)>::try_from(Array2::<f64>::zeros((2, 3))).unwrap_err();
    /// assert!(e.to_string().contains("shape (2, 3) does not fit the type's shape (_,)"));
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(a: Array<T, D>) -> Result<Self, ShapeError> {
        let shape: S = typed_shape("from ndarray", a.shape())?;
        let n = a.len();
        let data = if a.is_standard_layout() {
            let (mut v, offset) = a.into_raw_vec_and_offset();
            let start = offset.unwrap_or(0);
            v.truncate(start + n);
            v.drain(..start);
            v
        } else {
            a.iter().copied().collect()
        };
        Tensor::from_vec(shape, data)
    }
}

impl<T: Scalar, S: Shape, D: Dimension> TryFrom<ArrayView<'_, T, D>> for Tensor<T, S> {
    type Error = ShapeError;

    /// A tensor of shape type `S` holding a copy of the view's elements in row-major order
    /// (any strides, negative ones too).
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when the view's rank or sizes do not fit `S`.
    ///
    /// ```
    /// use ndarray::{array, s};
    /// use shaped::{Const, Tensor};
    /// let a = array![[1, 2, 3], [4, 5, 6]];
    /// let every_other = a.slice(s![.., ..;2]); // strides (3, 2): copied
    /// let t = Tensor::<i32, (Const<2>, Const<2>)>::try_from(every_other)?;
    /// assert_eq!(t.as_slice(), &[1, 3, 4, 6]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(a: ArrayView<'_, T, D>) -> Result<Self, ShapeError> {
        let shape: S = typed_shape("from ndarray", a.shape())?;
        Tensor::from_vec(shape, a.iter().copied().collect())
    }
}

/// The strides of an ndarray array as `S::Index`, and the slice covering its memory, when
/// the array is contiguous in memory with non-negative strides (the layouts a `TensorView`
/// describes without a copy); otherwise the error of `op` saying why.
fn layout<S: Shape, A: Data, D: Dimension>(
    op: &'static str,
    a: &ArrayBase<A, D>,
) -> Result<(S, S::Index), ShapeError> {
    let shape: S = typed_shape(op, a.shape())?;
    let mut strides = S::Index::default();
    for ((s, &st), &d) in strides.as_mut().iter_mut().zip(a.strides()).zip(a.shape()) {
        if st < 0 && d > 1 {
            return Err(ShapeError::new(
                op,
                a.shape(),
                format!(
                    "the view has a negative stride ({st} on an axis of {d}), which a TensorView cannot hold; copy it with `Tensor::try_from`"
                ),
            ));
        }
        *s = st.unsigned_abs();
    }
    if !a.is_empty() && a.as_slice_memory_order().is_none() {
        return Err(ShapeError::new(
            op,
            a.shape(),
            format!(
                "the view (strides {:?}) is not contiguous in memory, so its elements cannot be borrowed as one slice; copy it with `Tensor::try_from`",
                a.strides()
            ),
        ));
    }
    Ok((shape, strides))
}

impl<'a, T, S: Shape, D: Dimension> TryFrom<ArrayView<'a, T, D>> for TensorView<'a, T, S> {
    type Error = ShapeError;

    /// The ndarray view as a `TensorView` with the same strides, without a copy.
    ///
    /// The view must cover one contiguous block of memory, in any axis order (standard order,
    /// Fortran order, `.t()`, a permutation), with non-negative strides; a strided slice
    /// (`s![.., ..;2]`) or a reversed axis is an error (copy those with
    /// `Tensor::try_from`).
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when the view's sizes do not fit `S`, or saying
    /// which layout rule failed.
    ///
    /// ```
    /// use ndarray::{array, s};
    /// use shaped::{Const, Dyn, TensorView};
    /// let a = array![[1., 2.], [3., 4.], [5., 6.]];
    /// let v = TensorView::<f64, (Dyn, Const<2>)>::try_from(a.view())?;
    /// assert_eq!(v.as_slice(), Some(&[1., 2., 3., 4., 5., 6.][..]));
    /// let e = TensorView::<f64, (Dyn, Dyn)>::try_from(a.slice(s![..;2, ..])).unwrap_err();
    /// assert!(e.to_string().contains("not contiguous"));
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(a: ArrayView<'a, T, D>) -> Result<Self, ShapeError> {
        let (shape, strides) = layout::<S, _, _>("TensorView from ndarray", &a)?;
        let data = a.to_slice_memory_order().unwrap_or(&[]);
        TensorView::from_slice_strided(data, shape, strides)
    }
}

impl<'a, T, S: Shape, D: Dimension> TryFrom<ArrayViewMut<'a, T, D>> for TensorViewMut<'a, T, S> {
    type Error = ShapeError;

    /// The mutable ndarray view as a `TensorViewMut` with the same strides, without a copy;
    /// the same layout rules as the shared view.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when the view's sizes do not fit `S`, or saying
    /// which layout rule failed.
    ///
    /// ```
    /// use ndarray::Array2;
    /// use shaped::{Const, TensorViewMut};
    /// let mut a = Array2::<f64>::zeros((2, 3));
    /// let mut v = TensorViewMut::<f64, (Const<2>, Const<3>)>::try_from(a.view_mut())?;
    /// v[[1, 2]] = 5.0;
    /// assert_eq!(a[[1, 2]], 5.0);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(a: ArrayViewMut<'a, T, D>) -> Result<Self, ShapeError> {
        let (shape, strides) = layout::<S, _, _>("TensorViewMut from ndarray", &a)?;
        let data = a.into_slice_memory_order().unwrap_or(&mut []);
        TensorViewMut::from_slice_strided(data, shape, strides)
    }
}
