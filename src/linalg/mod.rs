//! Linear algebra on typed matrices: LU, Cholesky, QR, triangular solves, SVD, symmetric
//! eigen, least squares, and the matrix norms built on them.
//!
//! Two layers: the typed methods (`a.solve(&b)`, `a.cholesky()?`, `a.qr()?`) check shapes and
//! allocate; the kernels in [`kernels`] work on plain slices with strides and only do
//! arithmetic.
//!
//! Which calls return `Result` (DESIGN section 6): `solve`, `lu`, `cholesky`, `qr`, `inv`,
//! `solve_triangular`, `project` (each can meet NaN, a singular matrix, or `Dyn` sizes that
//! disagree). `det` and `slogdet` return plain values: 0 and `(0, -inf)` for a singular
//! matrix, NaN for NaN input.

pub mod kernels;

pub(crate) mod cholesky;
pub(crate) mod eig;
pub(crate) mod eigh;
mod full;
pub(crate) mod instances;
mod lstsq;
pub(crate) mod lu;
mod multi_dot;
mod norm_ord;
mod norms;
mod products;
mod qr;
mod stacked;
pub(crate) mod svd;
mod triangular;

pub use cholesky::Cholesky;
pub use lu::Lu;
pub use qr::Qr;
pub use triangular::Triangle::{self, Lower, Upper};

pub use eig::Eig;
pub use eigh::SymmetricEigen;
pub use lstsq::{Lstsq, LstsqOf, LstsqRhs};
pub use svd::Svd;

pub use full::{QrComplete, SvdFull};
pub use multi_dot::{ChainFirst, ChainLast, JoinShape, MultiDot, NoDim, multi_dot, try_multi_dot};
pub use norm_ord::NormOrd;
pub use products::{InnerShape, KronShape, TensorDotShape};
pub use stacked::{QrStack, StackRhs, StackRhs2, SvdStack, SymmetricEigenStack};

use crate::dim::{AnyDim, SameDim};
use crate::error::{LinalgError, ShapeError, unwrap_or_panic};
use crate::ops::kernels::for_each_offsets;
use crate::scalar::Float;
use crate::shape::{Shape, fmt_dims};
use crate::tensor::{AsView, Data, Tensor, TensorView};

/// The rows and columns of a matrix that must be square (`solve`, `det`, `cholesky`, `inv`).
///
/// Implemented for every pair of dims that can be equal; two different `Const`s do not
/// compile, and a `Dyn` is checked at run time.
///
/// ```
/// use shaped::linalg::SquareDims;
/// use shaped::{Const, Dyn};
/// fn square<R: SquareDims<C>, C: shaped::AnyDim>() {}
/// square::<Const<3>, Const<3>>();
/// square::<Dyn, Const<3>>();
/// ```
#[diagnostic::on_unimplemented(
    message = "not a square matrix: `{Self}` rows vs `{C}` columns",
    label = "this operation needs an (N, N) matrix",
    note = "solve, det, slogdet, inv, lu, cholesky, eigh and eig need as many rows as columns"
)]
pub trait SquareDims<C: AnyDim>: AnyDim {}

#[diagnostic::do_not_recommend]
impl<R: SameDim<C>, C: AnyDim> SquareDims<C> for R {}

/// A right-hand side for a matrix with `N` rows: a vector `(N,)` or a matrix `(N, R)` of `R`
/// right-hand sides. The solution has the same shape.
///
/// ```
/// use shaped::linalg::RhsShape;
/// use shaped::{Const, Dyn};
/// fn rhs<S: RhsShape<Const<3>>>() {}
/// rhs::<(Const<3>,)>();
/// rhs::<(Dyn, Const<2>)>();
/// ```
#[diagnostic::on_unimplemented(
    message = "right-hand side `{Self}` does not fit a matrix with `{N}` rows",
    label = "the right-hand side must have as many rows as the matrix",
    note = "a right-hand side is (N,) or (N, R) for an (N, N) matrix (for `project`: (M,) or (M, R) for an (M, N) matrix)"
)]
pub trait RhsShape<N: AnyDim>: Shape {}

#[diagnostic::do_not_recommend]
impl<N: AnyDim, B: SameDim<N>> RhsShape<N> for (B,) {}
#[diagnostic::do_not_recommend]
impl<N: AnyDim, B: SameDim<N>, R: AnyDim> RhsShape<N> for (B, R) {}

/// The elements of a view in row-major order. The shape is erased here: the copy,
/// [`gather`], is compiled once per element type, not once per shape.
#[inline]
pub(crate) fn row_major<T: Float, S: Shape>(a: &TensorView<'_, T, S>) -> Vec<T> {
    gather(a.raw_data(), a.dims().as_ref(), a.strides().as_ref())
}

/// The elements `data[sum_i idx_i * strides_i]` of a strided layout of sizes `dims`, in
/// row-major order of the multi-index.
#[inline(never)]
pub(crate) fn gather<T: Copy>(data: &[T], dims: &[usize], strides: &[usize]) -> Vec<T> {
    let n: usize = dims.iter().product();
    let mut expect = 1;
    let mut contiguous = true;
    for (&d, &s) in dims.iter().zip(strides).rev() {
        if d > 1 && s != expect {
            contiguous = false;
        }
        expect *= d;
    }
    if contiguous || n == 0 {
        return data[..n].to_vec();
    }
    let mut out = Vec::with_capacity(n);
    for_each_offsets(dims, [strides], |[o]| out.push(data[o]));
    out
}

/// Run-time check that an (m, n) matrix is square, for `op`.
pub(crate) fn check_square(op: &'static str, dims: [usize; 2]) -> Result<usize, ShapeError> {
    if dims[0] == dims[1] {
        Ok(dims[0])
    } else {
        Err(ShapeError::new(
            op,
            &dims,
            format!(
                "the matrix {} is not square ({} rows, {} columns)",
                fmt_dims(&dims),
                dims[0],
                dims[1]
            ),
        ))
    }
}

/// Run-time check that a right-hand side has `rows` rows; returns its column count (1 for a
/// vector).
pub(crate) fn check_rhs(op: &'static str, a: [usize; 2], b: &[usize]) -> Result<usize, ShapeError> {
    if b[0] != a[0] {
        return Err(ShapeError::pair(
            op,
            &a,
            b,
            format!(
                "lhs {} has {} rows but rhs {} has {} rows",
                fmt_dims(&a),
                a[0],
                fmt_dims(b),
                b[0]
            ),
        ));
    }
    Ok(if b.len() == 1 { 1 } else { b[1] })
}

/// `NonFinite` for `op` unless every element is finite.
pub(crate) fn check_finite<T: Float>(op: &'static str, data: &[T]) -> Result<(), LinalgError> {
    if data.iter().all(|x| x.is_finite()) {
        Ok(())
    } else {
        Err(LinalgError::NonFinite { op })
    }
}

/// A tensor of shape `S` from row-major data that has the right length.
pub(crate) fn tensor_of<T: Float, S: Shape>(shape: S, data: Vec<T>) -> Tensor<T, S> {
    Tensor::from_data(shape, data)
}

impl<T: Float, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// Solves `A x = b` for square `A` by LU with partial pivoting:
    /// (N, N) with (N,) -> (N,), or (N, N) with (N, R) -> (N, R).
    ///
    /// # Errors
    /// [`LinalgError::Singular`] when elimination meets an exactly zero pivot,
    /// [`LinalgError::NonFinite`] for NaN or infinite input,
    /// [`LinalgError::Shape`] when `Dyn` sizes disagree.
    ///
    /// ```
    /// use shaped::{tensor, Matrix, Vector};
    /// let a: Matrix<f64, 2, 2> = tensor![[3., 1.], [1., 2.]];
    /// let b: Vector<f64, 2> = tensor![9., 8.];
    /// let x = a.solve(&b)?;
    /// assert!((x[[0]] - 2.0).abs() < 1e-12 && (x[[1]] - 3.0).abs() < 1e-12);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn solve<SB: RhsShape<M>>(
        &self,
        b: impl AsView<T, SB>,
    ) -> Result<Tensor<T, SB>, LinalgError>
    where
        M: SquareDims<N>,
    {
        lu::solve(AsView::view(self), b.view())
    }

    /// The LU factorisation with partial pivoting, `P A = L U`, of a square matrix.
    ///
    /// # Errors
    /// Only [`LinalgError::NonFinite`] (NaN or infinite input) and
    /// [`LinalgError::Shape`] (a `Dyn` matrix that is not square): a singular matrix
    /// factors, and [`Lu::solve`] / [`Lu::inverse`] report it.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    /// let lu = a.lu()?;
    /// assert!((lu.det() + 2.0).abs() < 1e-12);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn lu(&self) -> Result<Lu<T, M>, LinalgError>
    where
        M: SquareDims<N>,
    {
        Lu::new(AsView::view(self))
    }

    /// The determinant of a square matrix, through LU: 0 for a singular matrix,
    /// NaN when the input holds NaN; 1 for a 0 x 0 matrix.
    ///
    /// # Panics
    /// When a `Dyn` matrix is not square (see [`Self::try_det`]).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    /// assert!((a.det() + 2.0).abs() < 1e-12);
    /// let s: Matrix<f64, 2, 2> = tensor![[1., 2.], [2., 4.]];
    /// assert_eq!(s.det(), 0.0);
    /// ```
    #[track_caller]
    pub fn det(&self) -> T
    where
        M: SquareDims<N>,
    {
        unwrap_or_panic(self.try_det())
    }

    /// [`Self::det`] that returns a [`ShapeError`] for a non-square `Dyn` matrix.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    /// assert!(a.try_det().is_err());
    /// ```
    pub fn try_det(&self) -> Result<T, ShapeError> {
        lu::det(AsView::view(self))
    }

    /// The sign and the natural log of the absolute value of the determinant:
    /// `det = sign * exp(logabsdet)`, without overflow for large matrices.
    /// A singular matrix gives `(0, -inf)`; NaN input gives `(NaN, NaN)`.
    ///
    /// # Panics
    /// When a `Dyn` matrix is not square (see [`Self::try_slogdet`]).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[0., 2.], [3., 0.]];
    /// let (sign, logdet) = a.slogdet();
    /// assert_eq!(sign, -1.0);
    /// assert!((logdet - 6f64.ln()).abs() < 1e-12);
    /// ```
    #[track_caller]
    pub fn slogdet(&self) -> (T, T)
    where
        M: SquareDims<N>,
    {
        unwrap_or_panic(self.try_slogdet())
    }

    /// [`Self::slogdet`] that returns a [`ShapeError`] for a non-square `Dyn` matrix.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn)>::eye_with((Dyn(3), Dyn(3)));
    /// assert_eq!(a.try_slogdet().unwrap(), (1.0, 0.0));
    /// ```
    pub fn try_slogdet(&self) -> Result<(T, T), ShapeError> {
        lu::slogdet(AsView::view(self))
    }

    /// The inverse of a square matrix: (N, N) -> (N, N).
    ///
    /// A last resort: to apply `A^-1` to `b`, [`Self::solve`] is cheaper and more
    /// accurate, and [`Self::lu`] factors once for many right-hand sides.
    ///
    /// # Errors
    /// As [`Self::solve`].
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[4., 7.], [2., 6.]];
    /// let ai = a.inv()?;
    /// assert!((ai[[0, 0]] - 0.6).abs() < 1e-12 && (ai[[1, 0]] + 0.2).abs() < 1e-12);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn inv(&self) -> Result<Tensor<T, (M, N)>, LinalgError>
    where
        M: SquareDims<N>,
    {
        let a = AsView::view(self);
        let shape = a.shape();
        let inv = Lu::new(a)?.inverse()?;
        Ok(tensor_of(shape, inv.into_vec()))
    }

    /// The Cholesky factorisation `A = L L^T` of a symmetric positive definite matrix.
    /// Only the lower triangle of `A` is read.
    ///
    /// # Errors
    /// [`LinalgError::NotPositiveDefinite`] when a pivot is not positive,
    /// [`LinalgError::NonFinite`] for NaN or infinite input,
    /// [`LinalgError::Shape`] for a non-square `Dyn` matrix.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[4., 2.], [2., 5.]];
    /// let c = a.cholesky()?;
    /// assert_eq!(c.l().as_slice(), &[2., 0., 1., 2.]);
    /// let bad: Matrix<f64, 2, 2> = tensor![[1., 2.], [2., 1.]];
    /// assert!(bad.cholesky().is_err());
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn cholesky(&self) -> Result<Cholesky<T, M>, LinalgError>
    where
        M: SquareDims<N>,
    {
        Cholesky::new(AsView::view(self))
    }

    /// Solves `T x = b` where `T` is the lower or upper triangle of this square
    /// matrix (the other triangle is not read): (N, N) with (N,) or (N, R).
    ///
    /// # Errors
    /// [`LinalgError::Singular`] for a zero on the diagonal, [`LinalgError::NonFinite`]
    /// for NaN or infinite input, [`LinalgError::Shape`] when `Dyn` sizes disagree.
    ///
    /// ```
    /// use shaped::{tensor, Lower, Matrix, Vector};
    /// let l: Matrix<f64, 2, 2> = tensor![[2., 0.], [1., 1.]];
    /// let x = l.solve_triangular(&tensor![4., 3.], Lower)?;
    /// assert_eq!(x.as_slice(), &[2., 1.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn solve_triangular<SB: RhsShape<M>>(
        &self,
        b: impl AsView<T, SB>,
        triangle: Triangle,
    ) -> Result<Tensor<T, SB>, LinalgError>
    where
        M: SquareDims<N>,
    {
        triangular::solve_triangular(AsView::view(self), b.view(), triangle)
    }

    /// The thin Householder QR factorisation `A = Q R`: (M, N) -> Q (M, K) with
    /// orthonormal columns and upper-triangular R (K, N), K = `min(M, N)`.
    /// The signs follow LAPACK (the diagonal of R may be negative).
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] for NaN or infinite input.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 3, 2> = tensor![[3., 1.], [4., 2.], [0., 2.]];
    /// let qr = a.qr()?;
    /// assert_eq!(qr.q.dims(), [3, 2]);
    /// assert!((qr.r[[0, 0]].abs() - 5.0).abs() < 1e-12);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn qr(&self) -> Result<Qr<T, M, N>, LinalgError> {
        Qr::new(AsView::view(self))
    }

    /// The orthogonal projection of `y` onto the column space of `A`, by least squares:
    /// `A x` for the `x` that minimises `||A x - y||_2`. (M, N) with (M,) or (M, R).
    /// Rank-deficient `A` is handled by QR with column pivoting.
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] for NaN or infinite input, [`LinalgError::Shape`]
    /// when `Dyn` sizes disagree.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// // The column space of a is the plane z = 0.
    /// let a: Matrix<f64, 3, 2> = tensor![[1., 1.], [0., 1.], [0., 0.]];
    /// let p = a.project(&tensor![2., 3., 4.])?;
    /// assert!((p[[0]] - 2.).abs() < 1e-12 && (p[[1]] - 3.).abs() < 1e-12 && p[[2]].abs() < 1e-12);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn project<SY: RhsShape<M>>(
        &self,
        y: impl AsView<T, SY>,
    ) -> Result<Tensor<T, SY>, LinalgError> {
        qr::project(AsView::view(self), y.view())
    }
}
