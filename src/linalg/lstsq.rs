//! Least squares, pseudo-inverse, numerical rank and condition number, all from the thin SVD
//! (numpy's `lstsq`, `pinv`, `matrix_rank` and `cond` with their default tolerances).

use crate::derived::MinOf;
use crate::dim::{AnyDim, SameDim};
use crate::error::{LinalgError, ShapeError, unwrap_or_panic};
use crate::gemm::{MatMut, MatRef, gemm};
use crate::linalg::svd::{Thin, thin_svd};
use crate::ops::kernels::{amax, range_exponent, scale_pow2};
use crate::scalar::Float;
use crate::shape::{Shape, fmt_dims};
use crate::tensor::Data;
use crate::tensor::{AsView, Tensor, TensorView};

/// A right-hand side of a least-squares problem with `N` unknowns: a vector (M,) or a matrix
/// (M, R) of R columns. `Solution` is the shape of `x`: (N,) or (N, R).
pub trait LstsqRhs<N: AnyDim>: Shape {
    /// The rows of the right-hand side, which must equal the rows of the matrix.
    type Rows: AnyDim;
    /// The shape of the solution.
    type Solution: Shape;
    /// The number of columns (1 for a vector).
    fn columns(&self) -> usize;
    /// The shape of the solution for `n` unknowns.
    fn solution(&self, n: N) -> Self::Solution;
}

impl<B: AnyDim, N: AnyDim> LstsqRhs<N> for (B,) {
    type Rows = B;
    type Solution = (N,);
    fn columns(&self) -> usize {
        1
    }
    fn solution(&self, n: N) -> (N,) {
        (n,)
    }
}

impl<B: AnyDim, R: AnyDim, N: AnyDim> LstsqRhs<N> for (B, R) {
    type Rows = B;
    type Solution = (N, R);
    fn columns(&self) -> usize {
        self.1.size()
    }
    fn solution(&self, n: N) -> (N, R) {
        (n, self.1)
    }
}

/// The result of [`lstsq`](Tensor::lstsq) for an (M, N) matrix and a right-hand side of shape
/// `S` ((M,) or (M, R)), as numpy's `lstsq` defines it.
#[derive(Clone, Debug)]
pub struct Lstsq<T, K: AnyDim, S: Shape> {
    /// The minimum-norm least-squares solution: (N,) or (N, R).
    pub x: Tensor<T, S>,
    /// The number of singular values above the cut-off `rcond * s[0]`.
    pub rank: usize,
    /// All singular values of the matrix, descending: (K,) with K = `MinOf<M, N>`.
    pub singular_values: Tensor<T, (K,)>,
    /// The squared 2-norm of each column of `b - A x`, one per right-hand side; empty unless
    /// `rank == N < M` (numpy's rule: otherwise the residual is zero or not unique).
    pub residuals: Vec<T>,
}

/// The [`Lstsq`] of an (M, N) matrix with a right-hand side of shape `SB`.
pub type LstsqOf<T, M, N, SB> = Lstsq<T, MinOf<M, N>, <SB as LstsqRhs<N>>::Solution>;

/// Reads a matrix view (any strides) into a row-major buffer.
fn to_row_major<T: Float, S: Shape>(a: &TensorView<'_, T, S>) -> Vec<T> {
    a.iter().copied().collect()
}

/// The pseudo-inverse `V diag(1/s) U^T` (n x m, row-major) keeping singular values `> cut`.
/// The pseudo-inverse from the thin SVD, keeping the singular values above `rcond` times the
/// largest. Computed from the values of the scaled matrix `2^e A` (`t.unit_s`), whose
/// reciprocals cannot overflow, and unscaled at the end: `pinv(A) = 2^e pinv(2^e A)`.
fn pinv_from<T: Float>(t: &Thin<T>, rcond: T) -> Vec<T> {
    let (m, n, k) = (t.m, t.n, t.k);
    let cut = t.unit_s.first().map_or(T::ZERO, |&s0| rcond * s0);
    // s is descending: the kept values are a prefix. (V_r diag(1/s_r)) U_r^T by GEMM, with
    // V_r^T the first `keep` rows of vt, scaled.
    let keep = t.unit_s.iter().take_while(|&&s| s > cut).count();
    let mut vs = t.vt[..keep * n].to_vec();
    for (row, &s) in vs.chunks_mut(n.max(1)).zip(&t.unit_s) {
        let inv = T::ONE / s;
        for x in row.iter_mut() {
            *x *= inv;
        }
    }
    let mut out = vec![T::ZERO; n * m];
    let c = MatMut::new(&mut out, n, m, m, 1);
    gemm(
        T::ONE,
        MatRef::new(&vs, n, keep, 1, n),
        MatRef::new(&t.u, keep, m, 1, k),
        T::ZERO,
        c,
    );
    scale_pow2(&mut out, t.scale.into());
    out
}

pub(crate) fn lstsq_of<T: Float, M: AnyDim, N: AnyDim, SB: LstsqRhs<N>>(
    a: TensorView<'_, T, (M, N)>,
    b: TensorView<'_, T, SB>,
    rcond: Option<T>,
) -> Result<LstsqOf<T, M, N, SB>, LinalgError> {
    let op = "lstsq";
    let [m, n] = a.dims();
    let bshape = b.shape();
    let bdims = b.dims();
    let brows = bdims.as_ref().first().copied().unwrap_or(0);
    if brows != m {
        return Err(ShapeError::pair(
            op,
            &[m, n],
            bdims.as_ref(),
            format!(
                "the matrix ({m}, {n}) has {m} rows but the right-hand side {} has {brows}",
                fmt_dims(bdims.as_ref())
            ),
        )
        .into());
    }
    let r = bshape.columns();
    let bv = to_row_major(&b);
    if bv.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NonFinite { op });
    }
    let t = thin_svd(&a, op, true)?;
    let k = t.k;
    let rcond = rcond.unwrap_or_else(|| T::epsilon() * T::of(m.max(n) as f64));
    // The cut and the reciprocals from the values of the scaled matrix 2^e A (t.unit_s),
    // and b scaled as LAPACK does outside [smlnum, bignum]: x = 2^(e - kb) pinv(2^e A) 2^kb b.
    let cut = if k > 0 { rcond * t.unit_s[0] } else { T::ZERO };
    let rank = t.unit_s.iter().filter(|&&s| s > cut).count();
    let kb = range_exponent(amax(&bv));
    let mut bs = bv.clone();
    scale_pow2(&mut bs, kb.into());
    // x = V_r diag(1/s_r) U_r^T b (the first `rank` singular triplets), by GEMM:
    // c = U_r^T b (rank x r), scaled by row, then x = V_r c.
    let mut c = vec![T::ZERO; rank * r];
    gemm(
        T::ONE,
        MatRef::new(&t.u, rank, m, 1, k),
        MatRef::new(&bs, m, r, r, 1),
        T::ZERO,
        MatMut::new(&mut c, rank, r, r, 1),
    );
    for (row, &s) in c.chunks_mut(r.max(1)).zip(&t.unit_s) {
        for x in row.iter_mut() {
            *x /= s;
        }
    }
    let mut x = vec![T::ZERO; n * r];
    gemm(
        T::ONE,
        MatRef::new(&t.vt, n, rank, 1, n),
        MatRef::new(&c, rank, r, r, 1),
        T::ZERO,
        MatMut::new(&mut x, n, r, r, 1),
    );
    scale_pow2(&mut x, i64::from(t.scale) - i64::from(kb));
    let mut residuals = Vec::new();
    if rank == n && m > n {
        // b - A x by GEMM, then the squared norm of each column.
        let av = to_row_major(&a);
        let mut res = bv.clone();
        gemm(
            -T::ONE,
            MatRef::new(&av, m, n, n, 1),
            MatRef::new(&x, n, r, r, 1),
            T::ONE,
            MatMut::new(&mut res, m, r, r, 1),
        );
        residuals = vec![T::ZERO; r];
        for row in res.chunks(r.max(1)) {
            for (acc, &d) in residuals.iter_mut().zip(row) {
                *acc += d * d;
            }
        }
    }
    let (_, ndim) = a.shape();
    let kd = MinOf::<M, N>::derived(k);
    Ok(Lstsq {
        x: Tensor::from_data(bshape.solution(ndim), x),
        rank,
        singular_values: Tensor::from_data((kd,), t.s),
        residuals,
    })
}

fn pinv_of<T: Float, M: AnyDim, N: AnyDim>(
    a: TensorView<'_, T, (M, N)>,
    rcond: T,
) -> Result<Tensor<T, (N, M)>, LinalgError> {
    let (mdim, ndim) = a.shape();
    let t = thin_svd(&a, "pinv", true)?;
    Ok(Tensor::from_data((ndim, mdim), pinv_from(&t, rcond)))
}

fn rank_of<T: Float, M: AnyDim, N: AnyDim>(
    a: TensorView<'_, T, (M, N)>,
    tol: Option<T>,
) -> Result<usize, LinalgError> {
    let [m, n] = a.dims();
    let t = thin_svd(&a, "rank", false)?;
    let Some(&smax) = t.unit_s.first() else {
        return Ok(0);
    };
    match tol {
        Some(tol) => Ok(t.s.iter().filter(|&&s| s > tol).count()),
        // numpy's default, S.max() * max(M, N) * eps, on the values of the scaled matrix
        // (largest entry in [0.5, 1)): it cannot overflow, as it did for entries near 1e308.
        None => {
            let tol = smax * (T::of(m.max(n) as f64) * T::epsilon());
            Ok(t.unit_s.iter().filter(|&&s| s > tol).count())
        }
    }
}

impl<T: Float, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// The minimum-norm least-squares solution of `A x = b`, as numpy's `lstsq` with
    /// `rcond=None`: (M, N) with (M,) -> x (N,), or with (M, R) -> x (N, R).
    ///
    /// Singular values `<= eps * max(M, N) * s[0]` count as zero, so a rank-deficient `A`
    /// gives the solution of least norm. A right-hand side with other rows than `A` does not
    /// compile when both sizes are static.
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] for NaN or infinite entries in `A` or `b`;
    /// [`LinalgError::Shape`] when `Dyn` row counts differ; [`LinalgError::NoConvergence`]
    /// as for [`svd`](Tensor::svd).
    ///
    /// ```
    /// use shaped::{tensor, Matrix, Vector};
    /// // fit y = c0 + c1 t through (0, 1), (1, 3), (2, 5)
    /// let a: Matrix<f64, 3, 2> = tensor![[1., 0.], [1., 1.], [1., 2.]];
    /// let y: Vector<f64, 3> = tensor![1., 3., 5.];
    /// let fit = a.lstsq(&y)?;
    /// assert!((fit.x[[0]] - 1.0).abs() < 1e-12 && (fit.x[[1]] - 2.0).abs() < 1e-12);
    /// assert_eq!(fit.rank, 2);
    /// assert_eq!(fit.residuals.len(), 1); // rank = N < M: the residual is reported
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn lstsq<SB: LstsqRhs<N>>(
        &self,
        b: &impl AsView<T, SB>,
    ) -> Result<LstsqOf<T, M, N, SB>, LinalgError>
    where
        M: SameDim<SB::Rows>,
    {
        lstsq_of(AsView::view(self), b.view(), None)
    }

    /// [`lstsq`](Tensor::lstsq) with an explicit cut-off: singular values
    /// `<= rcond * s[0]` count as zero. Shapes as for `lstsq`.
    ///
    /// # Errors
    /// As [`lstsq`](Tensor::lstsq).
    ///
    /// ```
    /// use shaped::{tensor, Matrix, Vector};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 0.], [0., 1e-9]];
    /// let b: Vector<f64, 2> = tensor![1., 1.];
    /// let fit = a.lstsq_with(&b, 1e-6)?;
    /// assert_eq!(fit.rank, 1);
    /// assert_eq!(fit.x.as_slice(), &[1.0, 0.0]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn lstsq_with<SB: LstsqRhs<N>>(
        &self,
        b: &impl AsView<T, SB>,
        rcond: T,
    ) -> Result<LstsqOf<T, M, N, SB>, LinalgError>
    where
        M: SameDim<SB::Rows>,
    {
        lstsq_of(AsView::view(self), b.view(), Some(rcond))
    }

    /// The Moore-Penrose pseudo-inverse `A^+ = V diag(1/s) U^T`: (M, N) -> (N, M), singular
    /// values `<= max(M, N) * eps * s[0]` counting as zero (numpy 2's default `rtol`).
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] for NaN or infinite entries; [`LinalgError::NoConvergence`]
    /// as for [`svd`](Tensor::svd).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 1> = tensor![[3.], [4.]];
    /// let p = a.pinv()?; // (1, 2)
    /// assert!((p[[0, 0]] - 0.12).abs() < 1e-15 && (p[[0, 1]] - 0.16).abs() < 1e-15);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn pinv(&self) -> Result<Tensor<T, (N, M)>, LinalgError> {
        let [m, n] = self.dims();
        pinv_of(AsView::view(self), T::epsilon() * T::of(m.max(n) as f64))
    }

    /// The pseudo-inverse with an explicit cut-off: singular values `<= rcond * s[0]` count
    /// as zero (numpy's `pinv(a, rcond)`). (M, N) -> (N, M).
    ///
    /// # Errors
    /// As [`pinv`](Tensor::pinv).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[2., 0.], [0., 1e-12]];
    /// let p = a.pinv_with(1e-10)?;
    /// assert_eq!(p.as_slice(), &[0.5, 0.0, 0.0, 0.0]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn pinv_with(&self, rcond: T) -> Result<Tensor<T, (N, M)>, LinalgError> {
        pinv_of(AsView::view(self), rcond)
    }

    /// The numerical rank (numpy's `matrix_rank`; `rank()` is the number of axes): the number of singular values above `s[0] * max(M, N) * eps`
    /// (numpy's `matrix_rank` default). (M, N) -> usize; 0 for a zero or empty matrix.
    ///
    /// # Panics
    /// When the matrix holds NaN or an infinity (use [`try_matrix_rank`](Tensor::try_matrix_rank)).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 3, 3> = tensor![[1., 2., 3.], [2., 4., 6.], [1., 0., 1.]];
    /// assert_eq!(a.matrix_rank(), 2);
    /// ```
    #[track_caller]
    pub fn matrix_rank(&self) -> usize {
        unwrap_or_panic(rank_of(AsView::view(self), None))
    }

    /// The numerical rank as [`matrix_rank`](Tensor::matrix_rank) computes it, or an error.
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] for NaN or infinite entries; [`LinalgError::NoConvergence`]
    /// as for [`svd`](Tensor::svd).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., f64::NAN], [0., 1.]];
    /// assert!(a.try_matrix_rank().is_err());
    /// ```
    pub fn try_matrix_rank(&self) -> Result<usize, LinalgError> {
        rank_of(AsView::view(self), None)
    }

    /// The number of singular values above the absolute tolerance `tol`. (M, N) -> usize.
    ///
    /// # Panics
    /// When the matrix holds NaN or an infinity.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 0.], [0., 1e-6]];
    /// assert_eq!(a.matrix_rank_with(1e-3), 1);
    /// assert_eq!(a.matrix_rank_with(1e-9), 2);
    /// ```
    #[track_caller]
    pub fn matrix_rank_with(&self, tol: T) -> usize {
        unwrap_or_panic(rank_of(AsView::view(self), Some(tol)))
    }

    /// The 2-norm condition number `s_max / s_min` of an (M, N) matrix (over its
    /// `min(M, N)` singular values): infinite for a singular matrix, NaN for a matrix with
    /// NaN or infinite entries and for an empty one.
    ///
    /// `cond` bounds how much a solve can amplify relative errors: with `cond = 1e8`, about
    /// 8 of the 16 digits of an f64 solution may be lost.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[100., 0.], [0., 0.5]];
    /// assert!((a.cond() - 200.0).abs() < 1e-12);
    /// let singular: Matrix<f64, 2, 2> = tensor![[1., 2.], [2., 4.]];
    /// assert!(singular.cond() > 1e15);
    /// ```
    pub fn cond(&self) -> T {
        match thin_svd(&AsView::view(self), "cond", false) {
            // From the scaled matrix's values: the ratio is the same, and neither over- nor
            // underflows where the values of A itself would.
            Ok(t) => match (t.unit_s.first(), t.unit_s.last()) {
                (Some(&hi), Some(&lo)) => {
                    if lo == T::ZERO {
                        T::infinity()
                    } else {
                        hi / lo
                    }
                }
                _ => T::nan(),
            },
            Err(_) => T::nan(),
        }
    }
}
