//! Conversions with [faer](https://docs.rs/faer) (feature `faer`).
//!
//! faer's matrices are column-major and its views carry a row and a column stride. Element
//! `(i, j)` of faer is always element `[i, j]` here: owned data are reordered, views carry
//! the strides over, never a silent transpose.
//!
//! | from | into | how |
//! |---|---|---|
//! | `&Tensor<T, (R, C)>` | `MatRef<T>` | `From`, no copy (row stride `cols`, column stride 1) |
//! | `&mut Tensor<T, (R, C)>` | `MatMut<T>` | `From`, no copy |
//! | `TensorView<T, (R, C)>` | `MatRef<T>` | `TryFrom`, no copy, when one of the two strides is 1 (row-major, transposed, a slice of either) |
//! | `&mut TensorViewMut<T, (R, C)>` | `MatMut<T>` | `TryFrom`, no copy, when one stride is 1 and the rows or columns do not overlap |
//! | `Tensor<T, (R, C)>` | `Mat<T>` | `From`, copies |
//! | `MatRef<T>`, `MatMut<T>`, `Mat<T>` | `Tensor<T, (M, N)>` | `TryFrom`, sizes checked, copies |
//!
//! faer's views do not hand out their memory as a slice, so a `MatRef` becomes a tensor by
//! copy, not a `TensorView`.
//!
//! ```
//! use faer::{Mat, MatRef};
//! use shaped::{Const, Dyn, Matrix, Tensor, tensor};
//!
//! let m: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
//! let r = MatRef::from(&m);                 // no copy
//! assert_eq!(r[(1, 2)], 6.0);
//! let rt = MatRef::try_from(m.t())?;        // a transposed view: column stride 3, row stride 1
//! assert_eq!((rt.nrows(), rt.ncols()), (3, 2));
//! assert_eq!(rt[(2, 1)], 6.0);
//!
//! // Back, with the sizes checked against the type.
//! let f = Mat::<f64>::from_fn(2, 3, |i, j| (10 * i + j) as f64);
//! let t = Tensor::<f64, (Dyn, Const<3>)>::try_from(f.as_ref())?;
//! assert_eq!(t[[1, 2]], 12.0);
//! assert!(Tensor::<f64, (Dyn, Const<2>)>::try_from(f.as_ref()).is_err());
//! # Ok::<(), shaped::ShapeError>(())
//! ```

use faer::prelude::IntoConst;
use faer::{Mat, MatMut, MatRef};

use super::{typed_shape, view_data};
use crate::dim::AnyDim;
use crate::error::ShapeError;
use crate::scalar::Scalar;
use crate::tensor::{Tensor, TensorView, TensorViewMut};

impl<'a, T, R: AnyDim, C: AnyDim> From<&'a Tensor<T, (R, C)>> for MatRef<'a, T> {
    /// A faer view of the matrix (row stride `cols`, column stride 1), without a copy.
    ///
    /// ```
    /// use faer::MatRef;
    /// use shaped::Matrix;
    /// let m = Matrix::<f64, 3, 3>::eye();
    /// let r = MatRef::from(&m);
    /// assert_eq!(r.row_stride(), 3);
    /// assert_eq!(r[(2, 2)], 1.0);
    /// ```
    fn from(t: &'a Tensor<T, (R, C)>) -> Self {
        let [r, c] = t.dims();
        MatRef::from_row_major_slice(t.as_slice(), r, c)
    }
}

impl<'a, T, R: AnyDim, C: AnyDim> From<&'a mut Tensor<T, (R, C)>> for MatMut<'a, T> {
    /// A mutable faer view of the matrix, without a copy: writes land in the tensor.
    ///
    /// ```
    /// use faer::MatMut;
    /// use shaped::Matrix;
    /// let mut m = Matrix::<f64, 2, 2>::zeros();
    /// let mut r = MatMut::from(&mut m);
    /// r[(1, 0)] = 3.0;
    /// assert_eq!(m.as_slice(), &[0., 0., 3., 0.]);
    /// ```
    fn from(t: &'a mut Tensor<T, (R, C)>) -> Self {
        let [r, c] = t.dims();
        MatMut::from_row_major_slice_mut(t.as_mut_slice(), r, c)
    }
}

/// How a (rows, cols) layout with strides `[rs, cs]` maps onto faer's slice constructors.
enum Layout {
    /// Column stride 1: rows start `stride` elements apart.
    RowMajor { stride: usize },
    /// Row stride 1: columns start `stride` elements apart.
    ColMajor { stride: usize },
}

/// The faer layout of a view, or the error of `op` when neither stride is 1 (or, for a
/// mutable view, when its rows or columns overlap).
fn faer_layout(
    op: &'static str,
    [r, c]: [usize; 2],
    [rs, cs]: [usize; 2],
    mutable: bool,
) -> Result<Layout, ShapeError> {
    if r == 0 || c == 0 {
        return Ok(Layout::RowMajor { stride: c });
    }
    // A stride along an axis of size 1 is never used: any value will do.
    let rs = if r == 1 { c } else { rs };
    let cs = if c == 1 { 1 } else { cs };
    if cs == 1 && (!mutable || rs >= c) {
        return Ok(Layout::RowMajor { stride: rs });
    }
    let rs = if r == 1 { 1 } else { rs };
    let cs = if c == 1 { r } else { cs };
    if rs == 1 && (!mutable || cs >= r) {
        return Ok(Layout::ColMajor { stride: cs });
    }
    let reason = if rs == 1 || cs == 1 {
        format!(
            "the view's strides [{rs}, {cs}] make its elements overlap, which a mutable faer view cannot hold"
        )
    } else {
        format!(
            "a faer view needs a row or column stride of 1, the view's strides are [{rs}, {cs}]; copy it with `to_tensor()` first"
        )
    };
    Err(ShapeError::new(op, &[r, c], reason))
}

impl<'a, T, R: AnyDim, C: AnyDim> TryFrom<TensorView<'a, T, (R, C)>> for MatRef<'a, T> {
    type Error = ShapeError;

    /// The view as a faer `MatRef`, without a copy, when its row or column stride is 1
    /// (a row-major matrix, a transposed one, a block of either, a column of a 3-D tensor).
    ///
    /// # Errors
    /// [`ShapeError`] when neither stride is 1 (e.g. a strided permutation of a 3-D tensor);
    /// copy such a view with `to_tensor()` and convert the tensor.
    ///
    /// ```
    /// use faer::MatRef;
    /// use shaped::{tensor, Matrix};
    /// let m: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// let block = m.narrow::<1, 2>(1);          // columns 1..3, strides [3, 1]
    /// let r = MatRef::try_from(block)?;
    /// assert_eq!(r[(1, 0)], 5.0);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(v: TensorView<'a, T, (R, C)>) -> Result<Self, ShapeError> {
        let [r, c] = v.dims();
        let data = view_data(&v);
        Ok(
            match faer_layout("MatRef from TensorView", [r, c], v.strides(), false)? {
                Layout::RowMajor { stride } => {
                    MatRef::from_row_major_slice_with_stride(data, r, c, stride)
                }
                Layout::ColMajor { stride } => {
                    MatRef::from_column_major_slice_with_stride(data, r, c, stride)
                }
            },
        )
    }
}

impl<'b, T, R: AnyDim, C: AnyDim> TryFrom<&'b mut TensorViewMut<'_, T, (R, C)>> for MatMut<'b, T> {
    type Error = ShapeError;

    /// A mutable faer view of a mutable tensor view, without a copy, when its row or column
    /// stride is 1 and its rows (or columns) do not overlap.
    ///
    /// # Errors
    /// [`ShapeError`] when neither stride is 1, or the elements overlap.
    ///
    /// ```
    /// use faer::MatMut;
    /// use shaped::Matrix;
    /// let mut m = Matrix::<f64, 2, 2>::zeros();
    /// let mut vt = m.view_mut().t_mut();
    /// let mut f = MatMut::try_from(&mut vt)?;
    /// f[(0, 1)] = 1.0; // element [1, 0] of m
    /// assert_eq!(m.as_slice(), &[0., 0., 1., 0.]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(v: &'b mut TensorViewMut<'_, T, (R, C)>) -> Result<Self, ShapeError> {
        let [r, c] = v.dims();
        let layout = faer_layout("MatMut from TensorViewMut", [r, c], v.strides(), true)?;
        let data = v.raw_data_mut();
        Ok(match layout {
            Layout::RowMajor { stride } => {
                MatMut::from_row_major_slice_with_stride_mut(data, r, c, stride)
            }
            Layout::ColMajor { stride } => {
                MatMut::from_column_major_slice_with_stride_mut(data, r, c, stride)
            }
        })
    }
}

impl<T: Scalar, R: AnyDim, C: AnyDim> From<Tensor<T, (R, C)>> for Mat<T> {
    /// The matrix as an owned faer `Mat` (column-major), element `[i, j]` at `(i, j)`.
    ///
    /// ```
    /// use faer::Mat;
    /// use shaped::{tensor, Matrix};
    /// let m: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    /// let f = Mat::from(m);
    /// assert_eq!(f[(1, 0)], 3.0);
    /// ```
    fn from(t: Tensor<T, (R, C)>) -> Self {
        let [r, c] = t.dims();
        Mat::from_fn(r, c, |i, j| t[[i, j]])
    }
}

/// The row-major copy of a faer view into a tensor of shape type `(M, N)`.
fn copy_faer<T: Scalar, M: AnyDim, N: AnyDim>(
    m: MatRef<'_, T>,
) -> Result<Tensor<T, (M, N)>, ShapeError> {
    let shape: (M, N) = typed_shape("from faer", &[m.nrows(), m.ncols()])?;
    Ok(Tensor::from_fn_with(shape, |[i, j]| m[(i, j)]))
}

impl<T: Scalar, M: AnyDim, N: AnyDim> TryFrom<MatRef<'_, T>> for Tensor<T, (M, N)> {
    type Error = ShapeError;

    /// A tensor of shape type `(M, N)` holding a copy of the faer view (any strides).
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when the view's sizes do not fit `(M, N)`.
    ///
    /// ```
    /// use faer::mat;
    /// use shaped::{Const, Tensor};
    /// let f = mat![[1.0, 2.0], [3.0, 4.0]];
    /// let t = Tensor::<f64, (Const<2>, Const<2>)>::try_from(f.as_ref())?;
    /// assert_eq!(t.as_slice(), &[1., 2., 3., 4.]);
    /// let e = Tensor::<f64, (Const<3>, Const<2>)>::try_from(f.as_ref()).unwrap_err();
    /// assert_eq!(e.to_string(), "from faer: shape (2, 2) does not fit the type's shape (3, 2) (`_` is any size)");
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(m: MatRef<'_, T>) -> Result<Self, ShapeError> {
        copy_faer(m)
    }
}

impl<T: Scalar, M: AnyDim, N: AnyDim> TryFrom<MatMut<'_, T>> for Tensor<T, (M, N)> {
    type Error = ShapeError;

    /// A tensor holding a copy of the mutable faer view; as for `MatRef`.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when the view's sizes do not fit `(M, N)`.
    ///
    /// ```
    /// use faer::Mat;
    /// use shaped::{Dyn, Tensor};
    /// let mut f = Mat::<f64>::zeros(2, 3);
    /// let t = Tensor::<f64, (Dyn, Dyn)>::try_from(f.as_mut())?;
    /// assert_eq!(t.dims(), [2, 3]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(m: MatMut<'_, T>) -> Result<Self, ShapeError> {
        copy_faer(m.into_const())
    }
}

impl<T: Scalar, M: AnyDim, N: AnyDim> TryFrom<Mat<T>> for Tensor<T, (M, N)> {
    type Error = ShapeError;

    /// A tensor holding a copy of the faer matrix, element `(i, j)` at `[i, j]`.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when the sizes do not fit `(M, N)`.
    ///
    /// ```
    /// use faer::Mat;
    /// use shaped::{Const, Dyn, Tensor};
    /// let f = Mat::<f64>::from_fn(3, 2, |i, j| (i + 10 * j) as f64);
    /// let t = Tensor::<f64, (Dyn, Const<2>)>::try_from(f)?;
    /// assert_eq!(t.as_slice(), &[0., 10., 1., 11., 2., 12.]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(m: Mat<T>) -> Result<Self, ShapeError> {
        copy_faer(m.as_ref())
    }
}
