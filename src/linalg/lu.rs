//! LU factorisation with partial pivoting (`P A = L U`), and what rests on it: `solve`,
//! `det`, `slogdet`, `inv`.

use crate::dim::AnyDim;
use crate::error::{LinalgError, ShapeError};
use crate::linalg::kernels::lu as k;
use crate::linalg::{RhsShape, check_rhs, check_square, row_major, tensor_of};
use crate::ops::kernels::{finite_amax, mul_pow2, range_exponent, scale_pow2};
use crate::scalar::Float;
use crate::tensor::{AsView, Tensor, TensorView};

/// An LU factorisation with partial pivoting, `P A = L U`, of an (N, N) matrix: made by
/// `a.lu()`, it solves for many right-hand sides at the cost of one factorisation.
///
/// A singular matrix factors; [`Lu::solve`] and [`Lu::inverse`] then return
/// [`LinalgError::Singular`] and [`Lu::det`] returns 0.
///
/// ```
/// use shaped::{tensor, Matrix, Vector};
/// let a: Matrix<f64, 3, 3> = tensor![[2., 1., 1.], [4., -6., 0.], [-2., 7., 2.]];
/// let lu = a.lu()?;
/// let x = lu.solve(&tensor![5., -2., 9.])?;
/// assert!((x[[0]] - 1.).abs() < 1e-12 && (x[[1]] - 1.).abs() < 1e-12 && (x[[2]] - 2.).abs() < 1e-12);
/// assert!((lu.det() + 16.).abs() < 1e-12);
/// # Ok::<(), shaped::LinalgError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Lu<T, N: AnyDim> {
    /// L (strictly lower, unit diagonal implied) and U (upper) in one matrix.
    lu: Tensor<T, (N, N)>,
    perm: Vec<usize>,
    info: k::LuInfo,
    /// The power of two `A` was scaled by before factoring (LAPACK's rule: only when its
    /// largest magnitude lies outside `[smlnum, bignum]`): `lu` holds the factors of
    /// `2^scale A`; `U` and every result are unscaled on the way out.
    scale: i32,
}

impl<T: Float, N: AnyDim> Lu<T, N> {
    pub(crate) fn new<M: AnyDim>(a: TensorView<'_, T, (N, M)>) -> Result<Self, LinalgError> {
        let n = check_square("lu", a.dims())?;
        let (data, perm, info, scale) = T::lu_factor(row_major(&a), n)?;
        let d = a.shape().0;
        Ok(Lu {
            lu: tensor_of((d, d), data),
            perm,
            info,
            scale,
        })
    }

    fn n(&self) -> usize {
        self.perm.len()
    }

    /// Solves `A x = b`: (N,) -> (N,) or (N, R) -> (N, R).
    ///
    /// # Errors
    /// [`LinalgError::Singular`] when `A` is exactly singular, [`LinalgError::NonFinite`] when
    /// `b` holds NaN or an infinity, [`LinalgError::Shape`] when `b`'s `Dyn` rows differ.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let lu = Matrix::<f64, 2, 2>::from([[1., 2.], [2., 4.]]).lu()?;
    /// assert!(lu.solve(&tensor![1., 1.]).is_err());
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn solve<SB: RhsShape<N>>(
        &self,
        b: impl AsView<T, SB>,
    ) -> Result<Tensor<T, SB>, LinalgError> {
        let b = b.view();
        let n = self.n();
        let r = check_rhs("solve", [n, n], b.dims().as_ref())?;
        let x = T::lu_solve_factored(
            self.lu.as_slice(),
            &self.perm,
            &self.info,
            self.scale,
            row_major(&b),
            r,
        )?;
        Ok(tensor_of(b.shape(), x))
    }

    /// The determinant: the product of U's diagonal, times -1 for an odd permutation.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[0., 1.], [1., 0.]];
    /// assert_eq!(a.lu()?.det(), -1.0);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn det(&self) -> T {
        let n = self.n();
        let lu = self.lu.as_slice();
        let mut d = if self.info.odd { -T::ONE } else { T::ONE };
        for i in 0..n {
            d *= lu[i * n + i];
        }
        mul_pow2(d, -i64::from(self.scale) * n as i64)
    }

    /// `(sign, ln|det|)`: `(0, -inf)` for a singular matrix.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[1e200, 0.], [0., 1e200]];
    /// let (s, l) = a.lu()?.slogdet();
    /// assert_eq!(s, 1.0);
    /// assert!((l - 400. * 10f64.ln()).abs() < 1e-9);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn slogdet(&self) -> (T, T) {
        let n = self.n();
        let lu = self.lu.as_slice();
        let mut sign = if self.info.odd { -T::ONE } else { T::ONE };
        let mut log = T::ZERO;
        for i in 0..n {
            let u = lu[i * n + i];
            if u == T::ZERO {
                return (T::ZERO, T::neg_infinity());
            }
            if u < T::ZERO {
                sign = -sign;
            }
            log += u.abs().ln();
        }
        let unscale = -(f64::from(self.scale) * n as f64) * core::f64::consts::LN_2;
        (sign, log + T::of(unscale))
    }

    /// The inverse `A^-1`: (N, N). Prefer [`Lu::solve`] when the goal is `A^-1 b`.
    ///
    /// # Errors
    /// [`LinalgError::Singular`] when `A` is exactly singular.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[2., 0.], [0., 4.]];
    /// assert_eq!(a.lu()?.inverse()?.as_slice(), &[0.5, 0., 0., 0.25]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn inverse(&self) -> Result<Tensor<T, (N, N)>, LinalgError> {
        let n = self.n();
        if let Some(pivot) = self.info.first_zero_pivot {
            return Err(LinalgError::Singular { op: "inv", pivot });
        }
        let mut x = vec![T::ZERO; n * n];
        for i in 0..n {
            x[i * n + i] = T::ONE;
        }
        let mut work = vec![T::ZERO; n * n];
        k::lu_solve(
            self.lu.as_slice(),
            n,
            n,
            &self.perm,
            &mut x,
            n,
            n,
            &mut work,
        );
        // inv(A) = 2^s inv(2^s A).
        scale_pow2(&mut x, self.scale.into());
        Ok(tensor_of(self.lu.shape(), x))
    }

    /// The unit lower-triangular factor L: (N, N).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let lu = Matrix::<f64, 2, 2>::from([[1., 2.], [3., 4.]]).lu()?;
    /// assert_eq!(lu.l().as_slice(), &[1., 0., 1. / 3., 1.]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn l(&self) -> Tensor<T, (N, N)> {
        let n = self.n();
        let lu = self.lu.as_slice();
        Tensor::from_fn_with(self.lu.shape(), |[i, j]| match i.cmp(&j) {
            core::cmp::Ordering::Greater => lu[i * n + j],
            core::cmp::Ordering::Equal => T::ONE,
            core::cmp::Ordering::Less => T::ZERO,
        })
    }

    /// The upper-triangular factor U: (N, N).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let lu = Matrix::<f64, 2, 2>::from([[1., 2.], [3., 4.]]).lu()?;
    /// assert_eq!(lu.u()[[0, 0]], 3.0);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn u(&self) -> Tensor<T, (N, N)> {
        let n = self.n();
        let lu = self.lu.as_slice();
        let scale = -i64::from(self.scale);
        Tensor::from_fn_with(self.lu.shape(), |[i, j]| {
            if i <= j {
                mul_pow2(lu[i * n + j], scale)
            } else {
                T::ZERO
            }
        })
    }

    /// The row permutation: row `i` of `P A` is row `perm()[i]` of `A`.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let lu = Matrix::<f64, 2, 2>::from([[1., 2.], [3., 4.]]).lu()?;
    /// assert_eq!(lu.perm(), &[1, 0]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn perm(&self) -> &[usize] {
        &self.perm
    }

    /// Whether elimination met an exactly zero pivot (the matrix is singular).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// assert!(Matrix::<f64, 2, 2>::from([[1., 2.], [2., 4.]]).lu()?.is_singular());
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn is_singular(&self) -> bool {
        self.info.first_zero_pivot.is_some()
    }
}

/// `P A = L U` of the row-major `n x n` matrix `data`, scaled first by LAPACK's rule: the
/// factors, the permutation, the pivot information and the scale. Generic over the element
/// type only (compiled once per type, not once per shape).
#[inline(never)]
#[allow(clippy::type_complexity)]
pub(crate) fn factor<T: Float>(
    mut data: Vec<T>,
    n: usize,
) -> Result<(Vec<T>, Vec<usize>, k::LuInfo, i32), LinalgError> {
    let big = crate::parallel::finite_amax(&data).ok_or(LinalgError::NonFinite { op: "lu" })?;
    let scale = range_exponent(big);
    scale_pow2(&mut data, scale.into());
    let mut perm = vec![0; n];
    let info = k::lu(&mut data, n, n, &mut perm);
    Ok((data, perm, info, scale))
}

/// Solves `A x = b` for the `n x r` row-major right-hand side `x` (overwritten and returned)
/// with the factors of [`factor`] (`lu` holding those of `2^scale A`).
#[inline(never)]
pub(crate) fn solve_factored<T: Float>(
    lu: &[T],
    perm: &[usize],
    info: &k::LuInfo,
    scale: i32,
    mut x: Vec<T>,
    r: usize,
) -> Result<Vec<T>, LinalgError> {
    let n = perm.len();
    if let Some(pivot) = info.first_zero_pivot {
        return Err(LinalgError::Singular { op: "solve", pivot });
    }
    let bx = finite_amax(&x).ok_or(LinalgError::NonFinite { op: "solve" })?;
    // (2^s A) x' = 2^kb b gives x = 2^(s - kb) x': both sides near 1 while solving.
    let kb = range_exponent(bx);
    scale_pow2(&mut x, kb.into());
    let mut work = vec![T::ZERO; n * r];
    k::lu_solve(lu, n, n, perm, &mut x, r, r, &mut work);
    scale_pow2(&mut x, i64::from(scale) - i64::from(kb));
    Ok(x)
}

/// `a.solve(b)`: factor and solve.
pub(crate) fn solve<T: Float, N: AnyDim, M: AnyDim, SB: RhsShape<N>>(
    a: TensorView<'_, T, (N, M)>,
    b: TensorView<'_, T, SB>,
) -> Result<Tensor<T, SB>, LinalgError> {
    let n = check_square("solve", a.dims())?;
    let r = check_rhs("solve", [n, n], b.dims().as_ref())?;
    let x = T::lu_solve(row_major(&a), n, row_major(&b), r)?;
    Ok(tensor_of(b.shape(), x))
}

/// [`solve`] on row-major buffers: `a` (n x n), `b` (n x r); compiled once per element type.
#[inline(never)]
pub(crate) fn solve_raw<T: Float>(
    a: Vec<T>,
    n: usize,
    b: Vec<T>,
    r: usize,
) -> Result<Vec<T>, LinalgError> {
    let (lu, perm, info, scale) = factor(a, n).map_err(|e| match e {
        LinalgError::NonFinite { .. } => LinalgError::NonFinite { op: "solve" },
        e => e,
    })?;
    solve_factored(&lu, &perm, &info, scale, b, r)
}

/// The determinant; a non-finite input gives NaN.
pub(crate) fn det<T: Float, N: AnyDim, M: AnyDim>(
    a: TensorView<'_, T, (N, M)>,
) -> Result<T, ShapeError> {
    check_square("det", a.dims())?;
    match Lu::new(a) {
        Ok(lu) => Ok(lu.det()),
        Err(LinalgError::Shape(e)) => Err(e),
        Err(_) => Ok(T::nan()),
    }
}

/// `(sign, ln|det|)`; a non-finite input gives `(NaN, NaN)`.
pub(crate) fn slogdet<T: Float, N: AnyDim, M: AnyDim>(
    a: TensorView<'_, T, (N, M)>,
) -> Result<(T, T), ShapeError> {
    check_square("slogdet", a.dims())?;
    match Lu::new(a) {
        Ok(lu) => Ok(lu.slogdet()),
        Err(LinalgError::Shape(e)) => Err(e),
        Err(_) => Ok((T::nan(), T::nan())),
    }
}
