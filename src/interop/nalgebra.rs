//! Conversions with [nalgebra](https://docs.rs/nalgebra) (feature `nalgebra`).
//!
//! nalgebra stores matrices column by column; `shaped` row by row. Every conversion keeps
//! element `(i, j)` at `[i, j]`: owned data are reordered, and views carry the strides over
//! (a tensor viewed from nalgebra has strides `[1, nrows]`), never a silent transpose.
//!
//! Dims map one to one: [`Const<N>`](crate::Const) is nalgebra's `Const<N>` (`U3`, ...),
//! [`Dyn`] is nalgebra's `Dyn`, [`One`] is `U1` ([`ToNalgebraDim`],
//! [`FromNalgebraDim`]).
//!
//! | from | into | how |
//! |---|---|---|
//! | `Tensor<T, (R, C)>` | `OMatrix<T, R', C'>` (`SMatrix`, `DMatrix`, mixed) | `From`, copies |
//! | `Tensor<T, (N,)>` | `OVector<T, N'>` (`SVector`, `DVector`) | `From`, copies |
//! | `SMatrix<T, R, C>` or a static view | `Tensor<T, (Const<R>, Const<C>)>` | `From`, copies |
//! | `SVector<T, N>` | `Tensor<T, (Const<N>,)>` | `From`, copies |
//! | a matrix or view with a `Dyn` side | `Tensor<T, (M, N)>` | `TryFrom`, sizes checked, copies |
//! | `DVector<T>` (or a `Dyn` column view) | `Tensor<T, (N,)>` | `TryFrom`, size checked |
//! | `TensorView<T, (R, C)>` in column-major layout (`a.t()`) | `MatrixView<T, R', C', U1, Dyn>` (`DMatrixView`, `SMatrixView`) | `TryFrom`, no copy, the column stride carried over |
//! | `&mut TensorViewMut<T, (R, C)>`, column-major | `MatrixViewMut<T, R', C', U1, Dyn>` | `TryFrom`, no copy |
//! | `&OMatrix<T, R, C>` (contiguous storage) | `TensorView<T, (R'', C'')>` | `From`, no copy, strides `[1, nrows]` |
//! | `&mut OMatrix<T, R, C>` | `TensorViewMut<T, (R'', C'')>` | `From`, no copy |
//!
//! (`R'` is the nalgebra dim of `R`, `R''` the `shaped` dim of nalgebra's `R`.) nalgebra's
//! strided views (`DMatrixView` of a block) do not hand out their memory safely, so they
//! convert by copy (`TryFrom`/`From` into a `Tensor`), not into a `TensorView`. In the other
//! direction only column-major views (row stride 1) become nalgebra views: nalgebra 0.35's
//! products index past the data of a view whose row stride is not 1, so a row-major tensor
//! is handed over as its transpose (`a.t()`, then nalgebra's `transpose()`), or copied.
//!
//! ```
//! use nalgebra::{DMatrix, Matrix2x3, SMatrix};
//! use shaped::{Const, Dyn, Matrix, Tensor, TensorView, tensor};
//!
//! // Static nalgebra types map to `Const` dims: no check needed.
//! let n = Matrix2x3::new(1., 2., 3., 4., 5., 6.);
//! let t: Matrix<f64, 2, 3> = n.into();
//! assert_eq!(t.as_slice(), &[1., 2., 3., 4., 5., 6.]); // row-major, same elements
//!
//! // Run-time sizes are checked when they go into a typed shape.
//! let d = DMatrix::from_row_slice(2, 3, &[1., 2., 3., 4., 5., 6.]);
//! let t = Tensor::<f64, (Dyn, Const<3>)>::try_from(d.clone())?;
//! assert_eq!(t[[1, 0]], 4.0);
//! assert!(Tensor::<f64, (Dyn, Const<2>)>::try_from(d.clone()).is_err());
//!
//! // A borrowed nalgebra matrix is a column-major TensorView, without a copy.
//! let v = TensorView::<f64, (Dyn, Dyn)>::from(&d);
//! assert_eq!(v.strides(), [1, 2]);
//! assert_eq!(v[[1, 0]], 4.0);
//!
//! // And back: a column-major tensor view is a nalgebra view with the same strides.
//! let m: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
//! let nv = nalgebra::MatrixView::<f64, nalgebra::U2, nalgebra::U2, nalgebra::U1, nalgebra::Dyn>::try_from(m.t())?;
//! assert_eq!(nv[(0, 1)], 3.0); // element [1, 0] of m
//! let s: SMatrix<f64, 2, 2> = m.into();
//! assert_eq!(s[(1, 0)], 3.0);
//! # Ok::<(), shaped::ShapeError>(())
//! ```

use nalgebra as na;
use nalgebra::allocator::Allocator;
use nalgebra::storage::{IsContiguous, RawStorage, RawStorageMut};
use nalgebra::{DefaultAllocator, DimName, MatrixView, MatrixViewMut, OMatrix, OVector};

use super::{typed_shape, view_data};
use crate::dim::{AnyDim, Const, Dyn, One};
use crate::error::ShapeError;
use crate::scalar::Scalar;
use crate::tensor::{Tensor, TensorView, TensorViewMut};

/// A `shaped` dim with a nalgebra counterpart: `Const<N>` -> `nalgebra::Const<N>`,
/// `Dyn` -> `nalgebra::Dyn`, `One` -> `nalgebra::U1`.
///
/// ```
/// use shaped::interop::nalgebra::ToNalgebraDim;
/// use shaped::{Const, Dyn};
/// let _: nalgebra::U3 = Const::<3>.to_nalgebra();
/// assert_eq!(Dyn(7).to_nalgebra(), nalgebra::Dyn(7));
/// ```
pub trait ToNalgebraDim: AnyDim {
    /// The nalgebra dim of the same size.
    type Nalgebra: na::Dim;
    /// The nalgebra dim value.
    fn to_nalgebra(self) -> Self::Nalgebra;
}

impl<const N: usize> ToNalgebraDim for Const<N> {
    type Nalgebra = na::Const<N>;
    fn to_nalgebra(self) -> na::Const<N> {
        na::Const
    }
}

impl ToNalgebraDim for Dyn {
    type Nalgebra = na::Dyn;
    fn to_nalgebra(self) -> na::Dyn {
        na::Dyn(self.0)
    }
}

impl ToNalgebraDim for One {
    type Nalgebra = na::U1;
    fn to_nalgebra(self) -> na::U1 {
        na::Const
    }
}

/// A nalgebra dim with a `shaped` counterpart: `nalgebra::Const<N>` -> `Const<N>`,
/// `nalgebra::Dyn` -> `Dyn`.
///
/// ```
/// use shaped::interop::nalgebra::FromNalgebraDim;
/// use shaped::{Const, Dyn};
/// let _: Const<3> = nalgebra::Const::<3>.to_shaped();
/// assert_eq!(nalgebra::Dyn(7).to_shaped(), Dyn(7));
/// ```
pub trait FromNalgebraDim: na::Dim {
    /// The `shaped` dim of the same size.
    type Shaped: AnyDim;
    /// The `shaped` dim value.
    fn to_shaped(self) -> Self::Shaped;
}

impl<const N: usize> FromNalgebraDim for na::Const<N> {
    type Shaped = Const<N>;
    fn to_shaped(self) -> Const<N> {
        Const
    }
}

impl FromNalgebraDim for na::Dyn {
    type Shaped = Dyn;
    fn to_shaped(self) -> Dyn {
        Dyn(self.0)
    }
}

// ---------------------------------------------------------------------------------------------
// shaped -> nalgebra

impl<T: Scalar, R: ToNalgebraDim, C: ToNalgebraDim> From<Tensor<T, (R, C)>>
    for OMatrix<T, R::Nalgebra, C::Nalgebra>
where
    DefaultAllocator: Allocator<R::Nalgebra, C::Nalgebra>,
{
    /// The matrix as a nalgebra matrix of the same dims (static ones stay static): element
    /// `[i, j]` becomes `(i, j)`, the data copied into column-major order.
    ///
    /// ```
    /// use shaped::{tensor, Dyn, Matrix, Tensor};
    /// let m: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// let s: nalgebra::SMatrix<f64, 2, 3> = m.clone().into();
    /// assert_eq!(s[(1, 2)], 6.0);
    /// let d: nalgebra::DMatrix<f64> = m.into_dyn().into();
    /// assert_eq!(d.as_slice(), &[1., 4., 2., 5., 3., 6.]); // column-major storage
    /// ```
    fn from(t: Tensor<T, (R, C)>) -> Self {
        let (r, c) = t.shape();
        OMatrix::from_row_slice_generic(r.to_nalgebra(), c.to_nalgebra(), t.as_slice())
    }
}

impl<T: Scalar, N: ToNalgebraDim> From<Tensor<T, (N,)>> for OVector<T, N::Nalgebra>
where
    DefaultAllocator: Allocator<N::Nalgebra>,
{
    /// The vector as a nalgebra column vector of the same dim.
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f32, 3> = tensor![1., 2., 3.];
    /// let v: nalgebra::Vector3<f32> = x.into();
    /// assert_eq!(v.z, 3.0);
    /// ```
    fn from(t: Tensor<T, (N,)>) -> Self {
        let (n,) = t.shape();
        OVector::from_column_slice_generic(n.to_nalgebra(), na::Const::<1>, t.as_slice())
    }
}

/// nalgebra's column-major view strides `(1, col_stride)` for a (rows, cols) layout with
/// strides `[rs, cs]`, or the error of `op` when the rows are not one element apart.
///
/// nalgebra's products assume a row stride of 1 (its own views, `DMatrixView<T>`, have it): a
/// view with a longer row stride makes `view * other` index past its data (nalgebra 0.35,
/// `axcpy_uninit` walks the whole strided slice as if it were one column). So views are
/// handed over only in the column-major layouts nalgebra handles.
fn column_major(
    op: &'static str,
    [r, c]: [usize; 2],
    [rs, cs]: [usize; 2],
    mutable: bool,
) -> Result<usize, ShapeError> {
    if r == 0 || c == 0 {
        return Ok(r);
    }
    let cs = if c == 1 { r } else { cs };
    if (rs == 1 || r == 1) && (!mutable || cs >= r) {
        return Ok(cs);
    }
    let reason = if rs == 1 || r == 1 {
        format!(
            "the view's strides [{rs}, {cs}] make its columns overlap, which a mutable nalgebra view cannot hold"
        )
    } else {
        format!(
            "a nalgebra view needs the rows one element apart (column-major, row stride 1), the view's strides are [{rs}, {cs}]; convert its transpose (`.t()`) or copy it into a nalgebra matrix"
        )
    };
    Err(ShapeError::new(op, &[r, c], reason))
}

impl<'a, T: Scalar, R: ToNalgebraDim, C: ToNalgebraDim> TryFrom<TensorView<'a, T, (R, C)>>
    for MatrixView<'a, T, R::Nalgebra, C::Nalgebra, na::U1, na::Dyn>
{
    type Error = ShapeError;

    /// The view as a nalgebra matrix view (`DMatrixView`, `SMatrixView`, ...) without a
    /// copy, when its layout is column-major: rows one element apart, columns any stride.
    /// That is the transpose of a row-major tensor (`a.t()`), a view of a nalgebra matrix,
    /// or a block of either. Element `[i, j]` is `(i, j)` of the nalgebra view.
    ///
    /// # Errors
    /// [`ShapeError`] when the row stride is not 1 (a row-major tensor: convert `a.t()` and
    /// use nalgebra's `transpose()`, or copy with `DMatrix::from(tensor)`).
    ///
    /// ```
    /// use nalgebra::{DMatrixView, Dyn, MatrixView, U1, U2, U3};
    /// use shaped::{tensor, Matrix};
    /// let m: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// // The transpose of a row-major matrix is column-major: no copy.
    /// let v = MatrixView::<f64, U3, U2, U1, Dyn>::try_from(m.t())?;
    /// assert_eq!(v.strides(), (1, 3));
    /// assert_eq!(v[(2, 1)], 6.0);
    /// assert_eq!((v.transpose() * v)[(0, 0)], 14.0);
    /// // The row-major matrix itself is refused rather than handed over with a row stride of 3.
    /// assert!(MatrixView::<f64, U2, U3, U1, Dyn>::try_from(m.view()).is_err());
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(v: TensorView<'a, T, (R, C)>) -> Result<Self, ShapeError> {
        let (r, c) = v.shape();
        let cs = column_major(
            "nalgebra view of a TensorView",
            v.dims(),
            v.strides(),
            false,
        )?;
        Ok(MatrixView::from_slice_with_strides_generic(
            view_data(&v),
            r.to_nalgebra(),
            c.to_nalgebra(),
            na::U1::name(),
            na::Dyn(cs),
        ))
    }
}

impl<'b, T: Scalar, R: ToNalgebraDim, C: ToNalgebraDim>
    TryFrom<&'b mut TensorViewMut<'_, T, (R, C)>>
    for MatrixViewMut<'b, T, R::Nalgebra, C::Nalgebra, na::U1, na::Dyn>
{
    type Error = ShapeError;

    /// A mutable nalgebra view of a column-major mutable tensor view, without a copy (the
    /// layout rules of the shared view, and columns that do not overlap).
    ///
    /// # Errors
    /// [`ShapeError`] when the row stride is not 1 or the columns overlap.
    ///
    /// ```
    /// use nalgebra::{Dyn, MatrixViewMut, U1, U2};
    /// use shaped::Matrix;
    /// let mut m = Matrix::<f64, 2, 2>::zeros();
    /// let mut t = m.view_mut().t_mut();
    /// let mut v = MatrixViewMut::<f64, U2, U2, U1, Dyn>::try_from(&mut t)?;
    /// v[(0, 1)] = 5.0; // element [1, 0] of m
    /// assert_eq!(m.as_slice(), &[0., 0., 5., 0.]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(v: &'b mut TensorViewMut<'_, T, (R, C)>) -> Result<Self, ShapeError> {
        let (r, c) = v.shape();
        let cs = column_major(
            "nalgebra view of a TensorViewMut",
            v.dims(),
            v.strides(),
            true,
        )?;
        Ok(MatrixViewMut::from_slice_with_strides_generic(
            v.raw_data_mut(),
            r.to_nalgebra(),
            c.to_nalgebra(),
            na::U1::name(),
            na::Dyn(cs),
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// nalgebra -> shaped

/// The row-major copy of a nalgebra matrix into a tensor of shape type `S`.
fn copy_matrix<T: Scalar, R: na::Dim, C: na::Dim, St: RawStorage<T, R, C>, M: AnyDim, N: AnyDim>(
    m: &na::Matrix<T, R, C, St>,
) -> Result<Tensor<T, (M, N)>, ShapeError> {
    let shape: (M, N) = typed_shape("from nalgebra", &[m.nrows(), m.ncols()])?;
    Ok(Tensor::from_fn_with(shape, |[i, j]| m[(i, j)]))
}

impl<T: Scalar, const R: usize, const C: usize, St>
    From<na::Matrix<T, na::Const<R>, na::Const<C>, St>> for Tensor<T, (Const<R>, Const<C>)>
where
    St: RawStorage<T, na::Const<R>, na::Const<C>>,
{
    /// A static nalgebra matrix (or static view) as a static tensor: element `(i, j)` becomes
    /// `[i, j]`, copied into row-major order.
    ///
    /// ```
    /// use shaped::Matrix;
    /// let n = nalgebra::Matrix2::new(1, 2, 3, 4);
    /// let t: Matrix<i32, 2, 2> = n.into();
    /// assert_eq!(t.as_slice(), &[1, 2, 3, 4]);
    /// ```
    fn from(m: na::Matrix<T, na::Const<R>, na::Const<C>, St>) -> Self {
        Tensor::from_fn(|[i, j]: [usize; 2]| m[(i, j)])
    }
}

impl<T: Scalar, const N: usize, St> From<na::Matrix<T, na::Const<N>, na::U1, St>>
    for Tensor<T, (Const<N>,)>
where
    St: RawStorage<T, na::Const<N>, na::U1>,
{
    /// A static nalgebra column vector as a static tensor vector.
    ///
    /// ```
    /// use shaped::Vector;
    /// let t: Vector<f64, 3> = nalgebra::Vector3::new(1., 2., 3.).into();
    /// assert_eq!(t.as_slice(), &[1., 2., 3.]);
    /// ```
    fn from(m: na::Matrix<T, na::Const<N>, na::U1, St>) -> Self {
        Tensor::from_fn(|[i]: [usize; 1]| m[(i, 0)])
    }
}

/// `TryFrom` for the nalgebra matrices with a run-time side, one impl per (rows, cols) kind.
macro_rules! try_from_dynamic {
    ($(<$($g:ident),*> $r:ty, $c:ty;)*) => {$(
        impl<T: Scalar, $(const $g: usize,)* St, M: AnyDim, N: AnyDim>
            TryFrom<na::Matrix<T, $r, $c, St>> for Tensor<T, (M, N)>
        where
            St: RawStorage<T, $r, $c>,
        {
            type Error = ShapeError;

            /// A nalgebra matrix with a run-time side as a tensor of shape type `(M, N)`:
            /// the sizes are checked, element `(i, j)` becomes `[i, j]`.
            ///
            /// # Errors
            /// [`ShapeError`] naming both shapes when a size does not fit `(M, N)`.
            ///
            /// ```
            /// use shaped::{Const, Dyn, Tensor};
            /// let d = nalgebra::DMatrix::from_row_slice(2, 2, &[1., 2., 3., 4.]);
            /// let t = Tensor::<f64, (Const<2>, Dyn)>::try_from(d.clone())?;
            /// assert_eq!(t.as_slice(), &[1., 2., 3., 4.]);
            /// let e = Tensor::<f64, (Const<3>, Dyn)>::try_from(d).unwrap_err();
            /// assert_eq!(e.to_string(), "from nalgebra: shape (2, 2) does not fit the type's shape (3, _) (`_` is any size)");
            /// # Ok::<(), shaped::ShapeError>(())
            /// ```
            fn try_from(m: na::Matrix<T, $r, $c, St>) -> Result<Self, ShapeError> {
                copy_matrix(&m)
            }
        }
    )*};
}

try_from_dynamic! {
    <> na::Dyn, na::Dyn;
    <C> na::Dyn, na::Const<C>;
    <R> na::Const<R>, na::Dyn;
}

impl<T: Scalar, St, N: AnyDim> TryFrom<na::Matrix<T, na::Dyn, na::U1, St>> for Tensor<T, (N,)>
where
    St: RawStorage<T, na::Dyn, na::U1>,
{
    type Error = ShapeError;

    /// A nalgebra column vector of run-time length as a tensor vector, its length checked.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when the length does not fit `(N,)`.
    ///
    /// ```
    /// use shaped::{Const, Dyn, Tensor};
    /// let d = nalgebra::DVector::from_vec(vec![1., 2., 3.]);
    /// assert_eq!(Tensor::<f64, (Dyn,)>::try_from(d.clone())?.dims(), [3]);
    /// assert!(Tensor::<f64, (Const<4>,)>::try_from(d).is_err());
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    fn try_from(m: na::Matrix<T, na::Dyn, na::U1, St>) -> Result<Self, ShapeError> {
        let shape: (N,) = typed_shape("from nalgebra", &[m.nrows()])?;
        Ok(Tensor::from_fn_with(shape, |[i]| m[(i, 0)]))
    }
}

impl<'a, T, R: FromNalgebraDim, C: FromNalgebraDim, St> From<&'a na::Matrix<T, R, C, St>>
    for TensorView<'a, T, (R::Shaped, C::Shaped)>
where
    St: RawStorage<T, R, C> + IsContiguous,
{
    /// A nalgebra matrix with contiguous storage (`SMatrix`, `DMatrix`, ...) as a
    /// `TensorView`, without a copy: its column-major layout is kept as strides `[1, nrows]`.
    ///
    /// ```
    /// use shaped::{Const, TensorView};
    /// let n = nalgebra::Matrix2x3::new(1., 2., 3., 4., 5., 6.);
    /// let v = TensorView::from(&n);
    /// let _: &TensorView<f64, (Const<2>, Const<3>)> = &v;
    /// assert_eq!(v.strides(), [1, 2]);
    /// assert_eq!(v.to_tensor().as_slice(), &[1., 2., 3., 4., 5., 6.]);
    /// ```
    fn from(m: &'a na::Matrix<T, R, C, St>) -> Self {
        let (r, c) = m.shape_generic();
        let rows = r.value();
        TensorView::from_slice_strided(m.as_slice(), (r.to_shaped(), c.to_shaped()), [1, rows])
            .expect("a contiguous nalgebra matrix holds rows x cols elements")
    }
}

impl<'a, T, R: FromNalgebraDim, C: FromNalgebraDim, St> From<&'a mut na::Matrix<T, R, C, St>>
    for TensorViewMut<'a, T, (R::Shaped, C::Shaped)>
where
    St: RawStorageMut<T, R, C> + IsContiguous,
{
    /// A mutable `TensorView` of a nalgebra matrix with contiguous storage, without a copy
    /// (strides `[1, nrows]`): writes land in the nalgebra matrix.
    ///
    /// ```
    /// use shaped::TensorViewMut;
    /// let mut n = nalgebra::DMatrix::<f64>::zeros(2, 3);
    /// let mut v = TensorViewMut::from(&mut n);
    /// v[[1, 2]] = 7.0;
    /// assert_eq!(n[(1, 2)], 7.0);
    /// ```
    fn from(m: &'a mut na::Matrix<T, R, C, St>) -> Self {
        let (r, c) = m.shape_generic();
        let rows = r.value();
        TensorViewMut::from_slice_strided(
            m.as_mut_slice(),
            (r.to_shaped(), c.to_shaped()),
            [1, rows],
        )
        .expect("a contiguous nalgebra matrix holds rows x cols elements")
    }
}
