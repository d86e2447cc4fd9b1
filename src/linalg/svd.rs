//! Thin singular value decomposition `A = U diag(s) V^T` with `s` descending, and the
//! singular values alone.
//!
//! The kernel is `kernels/svd.rs` (over column-major slices); this file checks, scales and
//! copies the typed matrix into it and builds the typed factors.
//!
//! Method: Householder bidiagonalisation `A = U_1 B V_1^T` (blocked, `kernels/reduce.rs`),
//! then the SVD of the bidiagonal `B`:
//! - with vectors, from 17 columns on: divide and conquer (`kernels/bidiag_dc.rs`: split at
//!   the middle row, leaves of up to 16 rows by QR sweeps, merges by the secular equation
//!   with deflation and Gu-Eisenstat vectors, the new vectors by GEMM); `U = U_1 U_B` and
//!   `V = V_1 V_B` by applying the reflectors to `U_B`, `V_B` in compact-WY blocks;
//! - values alone, and below 17 columns: implicit shifted QR sweeps (Golub-Kahan-Reinsch,
//!   Wilkinson-type shift from the trailing 2x2 of `B^T B`, zero-shift chase wherever a
//!   diagonal entry is negligible), rotations applied to the vectors as they are made.
//!
//! Why: the QR sweeps cost `O(n^2)` without vectors, but with vectors they spend about
//! `12 n^3` flops in rotations (level-1 work: two thirds of the time at n = 1024, 5x faer's
//! whole SVD). Divide and conquer does its `O(n^3)` work as GEMM, deflation removes much of
//! it, and its results carry the same `eps * s_max` error bounds (tests/linalg_svd.rs checks
//! both paths against each other). One-sided Jacobi would give tiny singular values more
//! relative accuracy but costs several `O(n^3)` sweeps.
//!
//! Every iteration is bounded ([`LinalgError::NoConvergence`] when a bound is hit); the input
//! is scaled by a power of two near its largest magnitude first, so entries near the overflow
//! or underflow limits give correct singular values. Wide matrices are decomposed through
//! their transpose.

use crate::derived::MinOf;
use crate::dim::AnyDim;
use crate::error::LinalgError;
use crate::gemm::{MatMut, MatRef, gemm};
use crate::linalg::kernels::copy_map;
use crate::linalg::kernels::svd::svd_tall;
use crate::ops::kernels::{exponent_of, scale_pow2};
use crate::scalar::Float;
use crate::tensor::{AsView, Data, Tensor, TensorView};

// ---------------------------------------------------------------------------------------------
// Between typed matrices and the kernel.

/// A thin SVD in row-major buffers: `u` (m x k), `s` (k,), `vt` (k x n), k = min(m, n).
pub struct Thin<T> {
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub u: Vec<T>,
    pub s: Vec<T>,
    pub vt: Vec<T>,
    /// The singular values of `2^scale A`, whose largest entry lies in [0.5, 1): what
    /// tolerances and reciprocals are computed from, since `s` itself may have over- or
    /// underflowed (`s = 2^-scale unit_s`).
    pub unit_s: Vec<T>,
    pub scale: i32,
}

/// Whether every element of the `m x n` matrix `data[i * rs + j * cs]` is finite, and its
/// largest magnitude.
fn finite_amax<T: Float>(data: &[T], m: usize, n: usize, rs: usize, cs: usize) -> Option<T> {
    let mut amax = T::ZERO;
    for i in 0..m {
        for j in 0..n {
            let x = data[i * rs + j * cs];
            if !x.is_finite() {
                return None;
            }
            amax = amax.max(x.abs());
        }
    }
    Some(amax)
}

/// The thin SVD of a matrix view (vectors only when `want_vectors`). The shape is erased
/// here: [`thin_svd_raw`] is compiled once per element type, in this library
/// ([`Kernels`](crate::linalg::instances::Kernels)), not once per shape.
#[inline]
pub(crate) fn thin_svd<T: Float, M: AnyDim, N: AnyDim>(
    a: &TensorView<'_, T, (M, N)>,
    op: &'static str,
    want_vectors: bool,
) -> Result<Thin<T>, LinalgError> {
    T::thin_svd(a.raw_data(), a.dims(), a.strides(), op, want_vectors)
}

/// The thin SVD of the `m x n` matrix `data[i * rs + j * cs]` (`[m, n] = dims`,
/// `[rs, cs] = strides`), vectors only when `want_vectors`.
#[inline(never)]
pub(crate) fn thin_svd_raw<T: Float>(
    data: &[T],
    dims: [usize; 2],
    strides: [usize; 2],
    op: &'static str,
    want_vectors: bool,
) -> Result<Thin<T>, LinalgError> {
    let [m, n] = dims;
    let [rs, cs] = strides;
    let k = m.min(n);
    let amax = finite_amax(data, m, n, rs, cs).ok_or(LinalgError::NonFinite { op })?;
    // By a power of two, 2^scale, that brings the largest magnitude into [0.5, 1): exact.
    let scale = if amax > T::ZERO {
        -exponent_of(amax) - 1
    } else {
        0
    };
    let tall = m >= n;
    let (mm, nn) = if tall { (m, n) } else { (n, m) };
    // Column-major buffer of the tall matrix (A itself, or A^T).
    let mut buf = vec![T::ZERO; m * n];
    if tall {
        copy_map(m, n, data, rs, cs, &mut buf, 1, m, |x| x);
    } else {
        copy_map(m, n, data, rs, cs, &mut buf, n, 1, |x| x);
    }
    scale_pow2(&mut buf, scale.into());
    let f = svd_tall(&mut buf, mm, nn, want_vectors)
        .map_err(|iterations| LinalgError::NoConvergence { op, iterations })?;
    let mut s = f.s.clone();
    scale_pow2(&mut s, -i64::from(scale));
    let (mut u, mut vt) = (Vec::new(), Vec::new());
    if want_vectors {
        u = vec![T::ZERO; m * k];
        vt = vec![T::ZERO; k * n];
        // Tall: A = U S V^T with U (m x n), V (n x n) column-major. Wide: A^T = U_b S V_b^T,
        // so A = V_b S U_b^T: U = V_b (m x m), V^T = U_b^T.
        let (uc, vc) = if tall { (&f.u, &f.v) } else { (&f.v, &f.u) };
        copy_map(m, k, uc, 1, m, &mut u, k, 1, |x| x);
        vt.copy_from_slice(&vc[..k * n]);
    }
    Ok(Thin {
        m,
        n,
        k,
        u,
        s,
        vt,
        unit_s: f.s,
        scale,
    })
}

// ---------------------------------------------------------------------------------------------
// The typed layer.

/// A thin singular value decomposition `A = U diag(s) V^T` of an (M, N) matrix, with
/// K = `MinOf<M, N>`: `u` (M, K) with orthonormal columns, `s` (K,) non-negative and
/// descending, `vt` (K, N) with orthonormal rows.
///
/// Each pair `(u[:, i], vt[i, :])` is unique only up to a common sign when the singular
/// values are distinct.
#[derive(Clone, Debug)]
pub struct Svd<T, M: AnyDim, N: AnyDim> {
    /// The left singular vectors, as columns: (M, K).
    pub u: Tensor<T, (M, MinOf<M, N>)>,
    /// The singular values, descending: (K,).
    pub s: Tensor<T, (MinOf<M, N>,)>,
    /// The right singular vectors, as rows: (K, N).
    pub vt: Tensor<T, (MinOf<M, N>, N)>,
}

impl<T: Float, M: AnyDim, N: AnyDim> Svd<T, M, N> {
    /// The product `U diag(s) V^T`: (M, K) x (K,) x (K, N) -> (M, N), the matrix decomposed.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 3> = tensor![[3., 0., 1.], [1., 2., 0.]];
    /// let back = a.svd()?.reconstruct();
    /// for (x, y) in back.iter().zip(a.iter()) {
    ///     assert!((x - y).abs() < 1e-12);
    /// }
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn reconstruct(&self) -> Tensor<T, (M, N)> {
        recompose(self.u.view(), self.s.as_slice(), self.vt.view())
    }
}

/// `U diag(s) V^T` for `u` (M, K), `s` (K,) and `vt` (K, N), by one GEMM: the product of
/// [`Svd::reconstruct`], `SymmetricEigen::reconstruct` (`V diag(w) V^T`) and `low_rank`
/// (the leading K columns and rows). `u`'s and `vt`'s inner sizes are equal by construction.
pub(crate) fn recompose<T: Float, M: AnyDim, K: AnyDim, K2: AnyDim, N: AnyDim>(
    u: TensorView<'_, T, (M, K)>,
    s: &[T],
    vt: TensorView<'_, T, (K2, N)>,
) -> Tensor<T, (M, N)> {
    let [m, k] = u.dims();
    let n = vt.dims()[1];
    debug_assert!(vt.dims()[0] == k && s.len() == k);
    let mut us = u.to_tensor().into_vec();
    for row in us.chunks_mut(k.max(1)) {
        for (x, &sl) in row.iter_mut().zip(s) {
            *x *= sl;
        }
    }
    let [vrs, vcs] = vt.strides();
    let mut out = vec![T::ZERO; m * n];
    gemm(
        T::ONE,
        MatRef::new(&us, m, k, k, 1),
        MatRef::new(vt.raw_data(), k, n, vrs, vcs),
        T::ZERO,
        MatMut::new(&mut out, m, n, n, 1),
    );
    Tensor::from_data((u.shape().0, vt.shape().1), out)
}

#[inline(never)]
pub(crate) fn svd_of<T: Float, M: AnyDim, N: AnyDim>(
    a: TensorView<'_, T, (M, N)>,
) -> Result<Svd<T, M, N>, LinalgError> {
    let (mdim, ndim) = a.shape();
    let t = thin_svd(&a, "svd", true)?;
    let k = MinOf::<M, N>::derived(t.k);
    Ok(Svd {
        u: Tensor::from_data((mdim, k), t.u),
        s: Tensor::from_data((k,), t.s),
        vt: Tensor::from_data((k, ndim), t.vt),
    })
}

pub(crate) fn singular_values_of<T: Float, M: AnyDim, N: AnyDim>(
    a: TensorView<'_, T, (M, N)>,
) -> Result<Tensor<T, (MinOf<M, N>,)>, LinalgError> {
    let t = thin_svd(&a, "singular_values", false)?;
    let k = MinOf::<M, N>::derived(t.k);
    Ok(Tensor::from_data((k,), t.s))
}

impl<T: Float, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// The thin singular value decomposition `A = U diag(s) V^T`:
    /// (M, N) -> u (M, K), s (K,), vt (K, N) with K = `MinOf<M, N>`, `s` descending.
    ///
    /// # Errors
    /// [`LinalgError::NonFinite`] when the matrix holds NaN or an infinity;
    /// [`LinalgError::NoConvergence`] if the QR sweeps (or, from K = 17 on, a root iteration
    /// of the divide and conquer) reach their bound (not seen in practice: the bounds are
    /// `75 K + 100` sweeps and 200 steps a root).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 3, 2> = tensor![[2., 0.], [0., 1.], [0., 0.]];
    /// let svd = a.svd()?;
    /// assert_eq!(svd.u.dims(), [3, 2]);
    /// assert!((svd.s[[0]] - 2.0).abs() < 1e-15 && (svd.s[[1]] - 1.0).abs() < 1e-15);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn svd(&self) -> Result<Svd<T, M, N>, LinalgError> {
        svd_of(AsView::view(self))
    }

    /// The singular values alone, descending: (M, N) -> (K,) with K = `MinOf<M, N>`.
    /// Cheaper than [`svd`](Tensor::svd): no vectors are formed.
    ///
    /// # Errors
    /// As [`svd`](Tensor::svd).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[0., 3.], [4., 0.]];
    /// let s = a.singular_values()?;
    /// assert_eq!(s.as_slice(), &[4.0, 3.0]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn singular_values(&self) -> Result<Tensor<T, (MinOf<M, N>,)>, LinalgError> {
        singular_values_of(AsView::view(self))
    }
}
