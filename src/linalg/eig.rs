//! The eigendecomposition of a general real square matrix, `A V = V diag(w)` with complex `w`
//! and `V` (numpy's `eig` and `eigvals`).
//!
//! The kernel is `kernels/eig.rs` (over column-major slices); this file checks, scales and
//! copies the matrix into it and builds the complex tensors from LAPACK's packing (a complex
//! pair stored as the real and imaginary parts of one vector).
//!
//! Method (LAPACK's `dgeev`): balancing by a permutation and a diagonal scaling by powers of 2
//! (`kernels/balance.rs`); Householder reduction to Hessenberg form `H = Q^T A Q`
//! (`kernels/hessenberg.rs`, by panels of 32 columns whose updates are GEMMs); the real Schur
//! form `T = Z^T A Z` by Francis's implicit double-shift QR iteration, with aggressive early
//! deflation and small-bulge multishift sweeps (updates by GEMM) on active blocks from 75 rows,
//! 2 x 2 blocks standardized for complex pairs (`kernels/schur.rs`); the
//! eigenvectors `X` of `T` by back substitution with guarded scaling (`kernels/eig_vectors.rs`),
//! then `V = Z X`, the balancing undone, and each column scaled to unit 2-norm with its largest
//! component real. `eigvals` stops after the eigenvalues of `T` (neither `Z` nor `X` is formed,
//! and only the active blocks are updated).
//!
//! The input is scaled by a power of 2 when its largest magnitude is near the overflow or
//! underflow limits; the QR iteration is bounded ([`LinalgError::NoConvergence`]).

use num_complex::Complex;

use crate::dim::AnyDim;
use crate::error::{LinalgError, ShapeError};
use crate::linalg::SquareDims;
use crate::linalg::kernels::copy_map;
use crate::linalg::kernels::eig::{EigParts, eig_kernel};
use crate::ops::kernels::{amax, range_exponent, scale_pow2};
use crate::scalar::Float;
use crate::tensor::{AsView, Data, Tensor, TensorView};

/// The eigendecomposition `A V = V diag(w)` of a general real (N, N) matrix: `values` (N,)
/// and `vectors` (N, N), both complex, column `j` of `vectors` belonging to `values[j]`.
///
/// The order of the eigenvalues is the one of the Schur form (numpy's, unsorted). Complex
/// eigenvalues of a real matrix come in exactly conjugate pairs, adjacent, the one with
/// positive imaginary part first, and their vectors are conjugate too. Each column has unit
/// 2-norm, and the largest component of a complex vector is real; a vector is still only
/// unique up to a sign (and, for a repeated eigenvalue, within its eigenspace).
///
/// ```
/// use shaped::{tensor, Complex, Matrix};
/// let a: Matrix<f64, 2, 2> = tensor![[2., 0.], [0., 3.]];
/// let e = a.eig()?;
/// assert_eq!(e.values.as_slice(), &[Complex::new(2.0, 0.0), Complex::new(3.0, 0.0)]);
/// assert_eq!(e.vectors[[0, 0]].norm(), 1.0);
/// # Ok::<(), shaped::LinalgError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Eig<T, N: AnyDim> {
    /// The eigenvalues: (N,).
    pub values: Tensor<Complex<T>, (N,)>,
    /// The right eigenvectors, as unit columns: (N, N).
    pub vectors: Tensor<Complex<T>, (N, N)>,
}

/// Eigenvalues, row-major eigenvectors (empty without vectors) and the size `n`.
pub(crate) type EigData<T> = (Vec<Complex<T>>, Vec<Complex<T>>, usize);

/// The eigenvalues (and the row-major complex vectors when `want_vectors`) of a square view,
/// and its size. The shape is erased here: [`eig_raw`] is compiled once per element type, in
/// this library ([`Kernels`](crate::linalg::instances::Kernels)).
#[inline]
fn eig_of<T: Float, M: AnyDim, N: AnyDim>(
    a: TensorView<'_, T, (M, N)>,
    op: &'static str,
    want_vectors: bool,
) -> Result<EigData<T>, LinalgError> {
    T::eig(a.raw_data(), a.dims(), a.strides(), op, want_vectors)
}

/// [`eig_of`] for the matrix `data[i * rs + j * cs]` (`[m, n] = dims`, `[rs, cs] =
/// strides`).
#[inline(never)]
pub(crate) fn eig_raw<T: Float>(
    data: &[T],
    dims: [usize; 2],
    strides: [usize; 2],
    op: &'static str,
    want_vectors: bool,
) -> Result<EigData<T>, LinalgError> {
    let [m, n] = dims;
    if m != n {
        return Err(ShapeError::new(
            op,
            &[m, n],
            format!("the matrix ({m}, {n}) is not square ({m} rows, {n} columns)"),
        )
        .into());
    }
    let [rs, cs] = strides;
    let mut buf = vec![T::ZERO; n * n];
    copy_map(n, n, data, rs, cs, &mut buf, 1, n, |x| x);
    if !buf.iter().all(|x| x.is_finite()) {
        return Err(LinalgError::NonFinite { op });
    }
    // A power of 2 that brings the largest magnitude into [smlnum, 1 / smlnum] (exact).
    let scale = range_exponent(amax(&buf));
    scale_pow2(&mut buf, scale.into());
    let EigParts { mut wr, mut wi, v } = eig_kernel(&mut buf, n, want_vectors)
        .map_err(|iterations| LinalgError::NoConvergence { op, iterations })?;
    scale_pow2(&mut wr, -i64::from(scale));
    scale_pow2(&mut wi, -i64::from(scale));
    let w: Vec<Complex<T>> = wr
        .iter()
        .zip(&wi)
        .map(|(&re, &im)| Complex::new(re, im))
        .collect();
    let mut vecs = Vec::new();
    if want_vectors {
        // Unpack: a pair at j, j+1 is (v_j + i v_{j+1}, v_j - i v_{j+1}); row-major out.
        vecs = vec![Complex::new(T::ZERO, T::ZERO); n * n];
        let mut j = 0;
        while j < n {
            if wi[j] == T::ZERO {
                for i in 0..n {
                    vecs[i * n + j] = Complex::new(v[i + j * n], T::ZERO);
                }
                j += 1;
            } else {
                for i in 0..n {
                    let (re, im) = (v[i + j * n], v[i + (j + 1) * n]);
                    vecs[i * n + j] = Complex::new(re, im);
                    vecs[i * n + j + 1] = Complex::new(re, -im);
                }
                j += 2;
            }
        }
    }
    Ok((w, vecs, n))
}

impl<T: Float, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// The eigendecomposition of a general real matrix (numpy's `eig`): (N, N) -> values
    /// (N,) and right eigenvectors (N, N), complex, with `A V = V diag(values)` and unit
    /// columns. A non-square static matrix does not compile.
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] when the matrix holds NaN or an infinity;
    /// [`LinalgError::Shape`] when `Dyn` sizes make the matrix non-square;
    /// [`LinalgError::NoConvergence`] if the QR iteration reaches its bound of
    /// `30 max(10, N)` sweeps.
    ///
    /// A rotation by 90 degrees has the eigenvalues `+-i`:
    ///
    /// ```
    /// use shaped::{tensor, Complex, Matrix};
    /// let r: Matrix<f64, 2, 2> = tensor![[0., -1.], [1., 0.]];
    /// let e = r.eig()?;
    /// assert!((e.values[[0]] - Complex::new(0.0, 1.0)).norm() < 1e-15);
    /// assert!((e.values[[1]] - Complex::new(0.0, -1.0)).norm() < 1e-15);
    /// // A v = w v for each column v.
    /// for j in 0..2 {
    ///     for i in 0..2 {
    ///         let av = (0..2).map(|k| e.vectors[[k, j]] * r[[i, k]]).sum::<Complex<f64>>();
    ///         assert!((av - e.values[[j]] * e.vectors[[i, j]]).norm() < 1e-15);
    ///     }
    /// }
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    ///
    /// The stationary distribution of a Markov chain with transition matrix `P` (rows sum to
    /// 1) is the eigenvector of `P^T` for the eigenvalue 1, scaled to sum to 1:
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let p: Matrix<f64, 3, 3> = tensor![[0.5, 0.5, 0.0], [0.25, 0.5, 0.25], [0.0, 0.5, 0.5]];
    /// let e = p.t().eig()?;
    /// let j = (0..3).find(|&j| (e.values[[j]].re - 1.0).abs() < 1e-12).unwrap();
    /// let total: f64 = (0..3).map(|i| e.vectors[[i, j]].re).sum();
    /// let pi: Vec<f64> = (0..3).map(|i| e.vectors[[i, j]].re / total).collect();
    /// for (x, y) in pi.iter().zip([0.25, 0.5, 0.25]) {
    ///     assert!((x - y).abs() < 1e-12);
    /// }
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn eig(&self) -> Result<Eig<T, M>, LinalgError>
    where
        M: SquareDims<N>,
    {
        let (w, v, n) = eig_of(AsView::view(self), "eig", true)?;
        let nd = <M as AnyDim>::try_from_size(n).expect("square size");
        Ok(Eig {
            values: Tensor::from_data((nd,), w),
            vectors: Tensor::from_data((nd, nd), v),
        })
    }

    /// The eigenvalues of a general real matrix alone (numpy's `eigvals`): (N, N) -> (N,)
    /// complex, in the order [`eig`](Tensor::eig) gives them. Cheaper than `eig`: no vectors
    /// and no Schur vectors are formed.
    ///
    /// # Errors
    /// As [`eig`](Tensor::eig).
    ///
    /// ```
    /// use shaped::{tensor, Complex, Matrix};
    /// // The companion matrix of x^2 - 3x + 2 = (x - 1)(x - 2).
    /// let c: Matrix<f64, 2, 2> = tensor![[3., -2.], [1., 0.]];
    /// let mut w: Vec<f64> = c.eigvals()?.iter().map(|z| z.re).collect();
    /// w.sort_by(f64::total_cmp);
    /// assert!((w[0] - 1.0).abs() < 1e-14 && (w[1] - 2.0).abs() < 1e-14);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn eigvals(&self) -> Result<Tensor<Complex<T>, (M,)>, LinalgError>
    where
        M: SquareDims<N>,
    {
        let (w, _, n) = eig_of(AsView::view(self), "eigvals", false)?;
        let nd = <M as AnyDim>::try_from_size(n).expect("square size");
        Ok(Tensor::from_data((nd,), w))
    }
}
