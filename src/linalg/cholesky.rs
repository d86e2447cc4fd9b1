//! Cholesky factorisation `A = L L^T` of a symmetric positive definite matrix.

use crate::dim::AnyDim;
use crate::error::LinalgError;
use crate::linalg::kernels::{cholesky as k, triangular};
use crate::linalg::{RhsShape, check_finite, check_rhs, check_square, row_major, tensor_of};
use crate::ops::kernels::{amax, exponent_of, finite_amax, range_exponent, scale_pow2};
use crate::scalar::Float;
use crate::tensor::{AsView, Tensor, TensorView};

/// The Cholesky factorisation `A = L L^T` of an (N, N) symmetric positive definite matrix,
/// made by `a.cholesky()`: L is lower triangular with a positive diagonal and exact zeros
/// above it. Solving with it costs half of an LU solve, and it exists exactly when `A` is
/// positive definite: a cheap test of definiteness.
///
/// ```
/// use shaped::{tensor, Matrix};
/// let a: Matrix<f64, 2, 2> = tensor![[4., 2.], [2., 3.]];
/// let c = a.cholesky()?;
/// let x = c.solve(&tensor![6., 5.])?;
/// assert!((x[[0]] - 1.).abs() < 1e-12 && (x[[1]] - 1.).abs() < 1e-12);
/// # Ok::<(), shaped::LinalgError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Cholesky<T, N: AnyDim> {
    l: Tensor<T, (N, N)>,
}

impl<T: Float, N: AnyDim> Cholesky<T, N> {
    pub(crate) fn new<M: AnyDim>(a: TensorView<'_, T, (N, M)>) -> Result<Self, LinalgError> {
        let n = check_square("cholesky", a.dims())?;
        let data = T::cholesky_factor(row_major(&a), n)?;
        let d = a.shape().0;
        Ok(Cholesky {
            l: tensor_of((d, d), data),
        })
    }

    /// The lower-triangular factor L: (N, N).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let c = Matrix::<f64, 2, 2>::from([[9., 3.], [3., 5.]]).cholesky()?;
    /// assert_eq!(c.l().as_slice(), &[3., 0., 1., 2.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn l(&self) -> &Tensor<T, (N, N)> {
        &self.l
    }

    /// The factor L, consuming the factorisation.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let l = Matrix::<f64, 1, 1>::from([[4.]]).cholesky()?.into_l();
    /// assert_eq!(l.as_slice(), &[2.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn into_l(self) -> Tensor<T, (N, N)> {
        self.l
    }

    /// Solves `A x = b` by `L y = b`, `L^T x = y`: (N,) -> (N,) or (N, R) -> (N, R).
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] when `b` holds NaN or an infinity, [`LinalgError::Shape`]
    /// when `b`'s `Dyn` rows differ.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let c = Matrix::<f64, 2, 2>::from([[4., 0.], [0., 1.]]).cholesky()?;
    /// assert_eq!(c.solve(&tensor![8., 3.])?.as_slice(), &[2., 3.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn solve<SB: RhsShape<N>>(
        &self,
        b: impl AsView<T, SB>,
    ) -> Result<Tensor<T, SB>, LinalgError> {
        let b = b.view();
        let n = self.l.dims()[0];
        let r = check_rhs("cholesky solve", [n, n], b.dims().as_ref())?;
        let x = T::cholesky_solve(self.l.as_slice(), n, row_major(&b), r)?;
        Ok(tensor_of(b.shape(), x))
    }

    /// The determinant of `A`: the square of the product of L's diagonal.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let c = Matrix::<f64, 2, 2>::from([[4., 2.], [2., 3.]]).cholesky()?;
    /// assert!((c.det() - 8.).abs() < 1e-12);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn det(&self) -> T {
        let n = self.l.dims()[0];
        let l = self.l.as_slice();
        let p = (0..n).fold(T::ONE, |p, i| p * l[i * n + i]);
        p * p
    }
}

/// The Cholesky factor L (row-major, `n x n`) of the row-major symmetric matrix `data`,
/// whose lower triangle alone is read; compiled once per element type, in this library
/// ([`Kernels`](crate::linalg::instances::Kernels)).
#[inline(never)]
pub(crate) fn factor<T: Float>(mut data: Vec<T>, n: usize) -> Result<Vec<T>, LinalgError> {
    // Only the lower triangle is read: a NaN above the diagonal does not matter. One pass
    // finds its largest magnitude and its non-finite entries.
    let lower_amax =
        lower_finite_amax(&data, 0, n, n).ok_or(LinalgError::NonFinite { op: "cholesky" })?;
    // LAPACK-style scaling outside [smlnum, bignum], by an even power of two 2^(2h) so
    // that L = 2^-h L' is exact: L' L'^T = 2^(2h) A.
    let h = range_exponent(lower_amax).div_euclid(2);
    scale_pow2(&mut data, 2 * i64::from(h));
    k::cholesky(&mut data, n, n).map_err(|pivot| LinalgError::NotPositiveDefinite {
        op: "cholesky",
        pivot,
    })?;
    scale_pow2(&mut data, -i64::from(h));
    Ok(data)
}

/// The largest magnitude in the lower triangle of the rows `r0..r1` of the `n x n` row-major
/// matrix (`data` starting at row `r0`), or `None` when one of its entries is not finite:
/// with the feature `rayon`, in two tasks of whole rows (of about equal areas) from
/// [`k::ZERO_SPLIT`] elements. A maximum is exact, so the result is the same either way.
fn lower_finite_amax<T: Float>(data: &[T], r0: usize, r1: usize, n: usize) -> Option<T> {
    let area = (r0..r1).map(|i| i + 1).sum::<usize>();
    if r1 - r0 >= 2 && area >= k::ZERO_SPLIT && crate::parallel::threads() > 1 {
        let s = k::equal_areas(r0, r1, n, true);
        let (top, bottom) = data.split_at((s - r0) * n);
        let (x, y) = crate::parallel::join(
            || lower_finite_amax(top, r0, s, n),
            || lower_finite_amax(bottom, s, r1, n),
        );
        return Some(x?.max(y?));
    }
    let mut m = T::ZERO;
    for i in r0..r1 {
        let row = (i - r0) * n;
        m = m.max(finite_amax(&data[row..row + i + 1])?);
    }
    Some(m)
}

/// Solves `L L^T x = b` for the `n x r` row-major right-hand side `x` (overwritten and
/// returned) with the factor `l` of [`factor`]; compiled once per element type.
#[inline(never)]
pub(crate) fn solve_raw<T: Float>(
    l: &[T],
    n: usize,
    mut x: Vec<T>,
    r: usize,
) -> Result<Vec<T>, LinalgError> {
    check_finite("cholesky solve", &x)?;
    // Both brought near 1 by powers of two, L' = 2^kl L and b' = 2^kb b, so that
    // (L' L'^T) x' = b' gives x = 2^(2 kl - kb) x'. L lies within the square root of the
    // range, and so would x' = b' / L^2 overflow for tiny A without kl; powers of two
    // change no digit of the result where nothing over- or underflows.
    let kl = -exponent_of(amax(l));
    let kb = -exponent_of(amax(&x));
    scale_pow2(&mut x, kb.into());
    let scaled;
    let l = if kl == 0 {
        l
    } else {
        let mut c = l.to_vec();
        scale_pow2(&mut c, kl.into());
        scaled = c;
        &scaled[..]
    };
    triangular::solve_lower(l, n, false, &mut x, n, r, r);
    triangular::solve_lower_transposed(l, n, &mut x, n, r, r);
    scale_pow2(&mut x, 2 * i64::from(kl) - i64::from(kb));
    Ok(x)
}
