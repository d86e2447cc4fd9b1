//! Thin singular value decomposition `A = U diag(s) V^T` with `s` descending, and the
//! singular values alone.
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
//! is scaled by its largest magnitude first, so entries near the overflow or underflow limits
//! give correct singular values. Wide matrices are decomposed through their transpose.

use crate::derived::MinOf;
use crate::dim::AnyDim;
use crate::error::LinalgError;
use crate::gemm::{MatMut, MatRef, gemm};
use crate::linalg::kernels::copy_map;
use crate::scalar::Float;
use crate::tensor::{AsView, Tensor, TensorView, TensorViewMut};

// ---------------------------------------------------------------------------------------------
// Kernels over column-major slices.

/// `cols` columns of a column-major block (leading dimension `ld`, starting at `off`, `v.len()`
/// rows each) multiplied from the left by `I - tau v v^T`.
fn reflect_cols<T: Float>(a: &mut [T], ld: usize, off: usize, cols: usize, v: &[T], tau: T) {
    if tau == T::ZERO {
        return;
    }
    let len = v.len();
    for j in 0..cols {
        let col = &mut a[off + j * ld..off + j * ld + len];
        let w: T = col.iter().zip(v).map(|(&x, &y)| x * y).sum();
        let f = tau * w;
        for (x, &y) in col.iter_mut().zip(v) {
            *x -= f * y;
        }
    }
}

/// From this many rows on, [`apply_reflectors`] works by blocks: measured on the SVD's vectors,
/// blocks were 13% slower at 32 rows, as fast at 48 and 10% faster at 64.
const BLOCKED_FROM: usize = 40;
/// Reflectors per block in [`apply_reflectors`].
const NB: usize = 32;

/// Overwrites the column-major `rows x cols` matrix `q` with `H_0 H_1 .. H_{count-1} q`, where
/// `H_k = I - tau_k v_k v_k^T` acts on rows `off + k ..` and `fill(k, buf)` writes `v_k` (with
/// `v_k[0] = 1`) into `buf`. This forms `U = U_1 U_B` and `V = V_1 V_B` of the SVD and
/// `V = Q Z` of eigh without forming `U_1`, `V_1` or `Q`.
///
/// From `BLOCKED_FROM` rows on, blocks of `NB` reflectors are applied in compact WY form,
/// `H_k0 .. H_k1 = I - Y T Y^T`, as two GEMMs through `gemm.rs`; smaller matrices take one
/// reflector at a time.
pub(crate) fn apply_reflectors<T: Float>(
    q: &mut [T],
    rows: usize,
    cols: usize,
    off: usize,
    taus: &[T],
    mut fill: impl FnMut(usize, &mut Vec<T>),
) {
    let count = taus.len();
    if cols == 0 {
        return;
    }
    let mut v = Vec::with_capacity(rows);
    if rows < BLOCKED_FROM {
        for k in (0..count).rev() {
            v.clear();
            fill(k, &mut v);
            reflect_cols(q, rows, off + k, cols, &v, taus[k]);
        }
        return;
    }
    let mut y: Vec<T> = Vec::new();
    let mut t = [T::ZERO; NB * NB];
    let mut w: Vec<T> = Vec::new();
    let mut z = [T::ZERO; NB];
    let mut k1 = count;
    while k1 > 0 {
        let k0 = k1.saturating_sub(NB);
        let nb = k1 - k0;
        let r0 = off + k0;
        let len = rows - r0;
        // Y (len x nb, column-major): reflector k0 + j starts at row j of the block.
        y.clear();
        y.resize(len * nb, T::ZERO);
        for j in 0..nb {
            v.clear();
            fill(k0 + j, &mut v);
            y[j * len + j..j * len + j + v.len()].copy_from_slice(&v);
        }
        // T (nb x nb, upper, column-major) of the forward product.
        for j in 0..nb {
            let tau = taus[k0 + j];
            for (i, zi) in z.iter_mut().enumerate().take(j) {
                *zi = (j..len).map(|r| y[i * len + r] * y[j * len + r]).sum();
            }
            for i in 0..j {
                let acc: T = (i..j).map(|l| t[i + l * NB] * z[l]).sum();
                t[i + j * NB] = -tau * acc;
            }
            t[j + j * NB] = tau;
        }
        // W = Y^T Q_blk (nb x cols), W <- T W, Q_blk <- Q_blk - Y W.
        w.clear();
        w.resize(nb * cols, T::ZERO);
        {
            let qb = MatRef::new(&q[r0..], len, cols, 1, rows);
            let yt = MatRef::new(&y, nb, len, len, 1);
            let wm = MatMut::try_new(&mut w, nb, cols, 1, nb).expect("distinct elements");
            gemm(T::ONE, yt, qb, T::ZERO, wm);
        }
        for col in w.chunks_mut(nb) {
            for i in 0..nb {
                let acc: T = (i..nb).map(|l| t[i + l * NB] * col[l]).sum();
                col[i] = acc;
            }
        }
        {
            let ym = MatRef::new(&y, len, nb, 1, len);
            let wr = MatRef::new(&w, nb, cols, 1, nb);
            let qb = MatMut::try_new(&mut q[r0..], len, cols, 1, rows).expect("distinct elements");
            gemm(-T::ONE, ym, wr, T::ONE, qb);
        }
        k1 = k0;
    }
}

/// Columns `i` and `j` of a column-major matrix with `rows` rows, rotated:
/// `(x, y) <- (c x + s y, -s x + c y)`.
#[inline]
pub(crate) fn rotate_cols<T: Float>(q: &mut [T], rows: usize, i: usize, j: usize, c: T, s: T) {
    debug_assert!(i != j);
    let (lo, hi) = if i < j { (i, j) } else { (j, i) };
    let (a, b) = q.split_at_mut(hi * rows);
    let a = &mut a[lo * rows..lo * rows + rows];
    let b = &mut b[..rows];
    let (x, y) = if i < j { (a, b) } else { (b, a) };
    for (xi, yi) in x.iter_mut().zip(y.iter_mut()) {
        let (p, r) = (*xi, *yi);
        *xi = c * p + s * r;
        *yi = c * r - s * p;
    }
}

/// Deflation before a QR sweep of a bidiagonal or tridiagonal `(d, e)`: sets each negligible
/// off-diagonal `e[i]` (at most `eps (|d_i| + |d_{i+1}|)`, or at most `floor`, or at the
/// underflow level) to zero, drops the converged tail below `hi`, and returns the unreduced block `(lo, hi)` that ends at
/// the new `hi`, or `None` when everything has converged. Shared by the SVD and `eigh`.
pub(crate) fn deflate<T: Float>(
    d: &[T],
    e: &mut [T],
    hi: usize,
    floor: T,
) -> Option<(usize, usize)> {
    let (eps, tiny) = (T::epsilon(), T::min_positive_value());
    for i in 0..hi {
        if e[i].abs() <= eps * (d[i].abs() + d[i + 1].abs()) || e[i].abs() <= tiny.max(floor) {
            e[i] = T::ZERO;
        }
    }
    let mut hi = hi;
    while hi > 0 && e[hi - 1] == T::ZERO {
        hi -= 1;
    }
    if hi == 0 {
        return None;
    }
    let mut lo = hi - 1;
    while lo > 0 && e[lo - 1] != T::ZERO {
        lo -= 1;
    }
    Some((lo, hi))
}

/// Swaps columns `i` and `j` of a column-major matrix with `rows` rows.
pub(crate) fn swap_cols<T>(q: &mut [T], rows: usize, i: usize, j: usize) {
    if i == j {
        return;
    }
    let (lo, hi) = if i < j { (i, j) } else { (j, i) };
    let (a, b) = q.split_at_mut(hi * rows);
    a[lo * rows..lo * rows + rows].swap_with_slice(&mut b[..rows]);
}

/// `(c, s, r)` with `c x + s z = r`, `-s x + c z = 0`, `r = hypot(x, z)`.
#[inline]
pub(crate) fn givens<T: Float>(x: T, z: T) -> (T, T, T) {
    if z == T::ZERO {
        return (T::ONE, T::ZERO, x);
    }
    let r = x.hypot(z);
    (x / r, z / r, r)
}

/// The factors of a tall SVD kernel: `u` (m x n) and `v` (n x n) column-major (empty when
/// vectors were not asked for), `s` descending and non-negative.
pub(crate) struct TallSvd<T> {
    pub u: Vec<T>,
    pub s: Vec<T>,
    pub v: Vec<T>,
}

/// From this order on, the vectors of the bidiagonal come from divide and conquer
/// (`kernels::bidiag_dc`) rather than implicit QR: one more than its leaf size (below, it
/// would be QR on a single leaf). Measured: equal at n = 17, 8% faster at n = 20, 10% at 24.
pub(crate) const DC_FROM: usize = crate::linalg::kernels::bidiag_dc::LEAF + 1;

/// Thin SVD of the finite column-major `m x n` matrix `a` with `m >= n` (overwritten).
/// `Err(bound)` when the sweep bound was reached.
pub(crate) fn svd_tall<T: Float>(
    a: &mut [T],
    m: usize,
    n: usize,
    want_vectors: bool,
) -> Result<TallSvd<T>, usize> {
    debug_assert!(m >= n && a.len() == m * n);
    let mut d = vec![T::ZERO; n];
    let mut e = vec![T::ZERO; n.saturating_sub(1)];
    let mut tauq = vec![T::ZERO; n];
    let mut taup = vec![T::ZERO; n.saturating_sub(1)];
    crate::linalg::kernels::reduce::bidiagonalize(a, m, n, &mut d, &mut e, &mut tauq, &mut taup);

    let (mut u, mut vv) = (Vec::new(), Vec::new());
    if want_vectors {
        // The bidiagonal's vectors U_B, V_B (n x n): divide and conquer from `DC_FROM` on, QR
        // sweeps from the identity below. Then U = U_1 [U_B; 0] and V = V_1 V_B, the
        // reflectors applied to them (U_1 and V_1 are never formed).
        let (ub, vb) = if n >= DC_FROM {
            let bsvd = crate::linalg::kernels::bidiag_dc::bidiagonal_svd(&d, &e)?;
            d = bsvd.s;
            (bsvd.u, bsvd.v)
        } else {
            let mut ub = vec![T::ZERO; n * n];
            for j in 0..n {
                ub[j + j * n] = T::ONE;
            }
            let mut vb = ub.clone();
            bidiagonal_qr(&mut d, &mut e, &mut ub, n, &mut vb, n, true)?;
            (ub, vb)
        };
        u = vec![T::ZERO; m * n];
        for j in 0..n {
            u[j * m..j * m + n].copy_from_slice(&ub[j * n..(j + 1) * n]);
        }
        apply_reflectors(&mut u, m, n, 0, &tauq, |k, buf| {
            buf.extend_from_slice(&a[k + k * m..(k + 1) * m]);
        });
        vv = vb;
        apply_reflectors(&mut vv, n, n, 1, &taup, |k, buf| {
            buf.extend((k + 1..n).map(|j| a[k + j * m]));
        });
    } else {
        bidiagonal_qr(&mut d, &mut e, &mut [], m, &mut [], n, false)?;
    }

    // Non-negative, descending.
    for i in 0..n {
        if d[i] < T::ZERO {
            d[i] = -d[i];
            if want_vectors {
                for x in &mut vv[i * n..(i + 1) * n] {
                    *x = -*x;
                }
            }
        }
    }
    for i in 0..n {
        let mut best = i;
        for j in i + 1..n {
            if d[j] > d[best] {
                best = j;
            }
        }
        if best != i {
            d.swap(i, best);
            if want_vectors {
                swap_cols(&mut u, m, i, best);
                swap_cols(&mut vv, n, i, best);
            }
        }
    }
    Ok(TallSvd { u, s: d, v: vv })
}

/// Implicit QR on the upper bidiagonal (`d` diagonal, `e` superdiagonal) with `U B V^T`
/// kept equal: rotations of B's rows go to the columns of `u` (`m` rows), of its columns to
/// the columns of `v` (`n` rows). `Err(bound)` when the sweep bound is reached.
pub(crate) fn bidiagonal_qr<T: Float>(
    d: &mut [T],
    e: &mut [T],
    u: &mut [T],
    m: usize,
    v: &mut [T],
    n: usize,
    vectors: bool,
) -> Result<(), usize> {
    if n < 2 {
        return Ok(());
    }
    let tiny = T::min_positive_value();
    // Only a diagonal entry at the underflow level is chased to zero: a small but
    // representable one is kept, so that tiny singular values keep their digits (a
    // shifted sweep deflates them as well).
    let dtol = tiny;
    // Off-diagonals below eps |B| are negligible too (a backward error the bidiagonalisation
    // has already made): without this floor, a long block of rounding-level entries (the tail
    // of an exactly low-rank matrix) could stall the sweeps.
    let bnorm = d
        .iter()
        .chain(e.iter())
        .fold(T::ZERO, |m, x| m.max(x.abs()));
    let floor = T::epsilon() * bnorm;
    let bound = 75 * n + 100;
    let mut sweeps = 0;
    let mut q = n - 1;
    loop {
        let Some((p, hi)) = deflate(d, e, q, floor) else {
            return Ok(());
        };
        q = hi;
        sweeps += 1;
        if sweeps > bound {
            return Err(bound);
        }
        // A negligible diagonal entry: chase its row's superdiagonal away (zero shift).
        if let Some(i) = (p..q).find(|&i| d[i].abs() <= dtol) {
            d[i] = T::ZERO;
            let mut f = e[i];
            e[i] = T::ZERO;
            for j in i + 1..=q {
                let (c, s, r) = givens(d[j], f);
                d[j] = r;
                if vectors {
                    rotate_cols(u, m, j, i, c, s);
                }
                if j < q {
                    f = -s * e[j];
                    e[j] *= c;
                }
            }
            continue;
        }
        if d[q].abs() <= dtol {
            d[q] = T::ZERO;
            let mut f = e[q - 1];
            e[q - 1] = T::ZERO;
            for j in (p..q).rev() {
                let (c, s, r) = givens(d[j], f);
                d[j] = r;
                if vectors {
                    rotate_cols(v, n, j, q, c, s);
                }
                if j > p {
                    f = -s * e[j - 1];
                    e[j - 1] *= c;
                }
            }
            continue;
        }
        // Shift: the eigenvalue of the trailing 2x2 of B^T B nearer its last entry, on the
        // block scaled to a largest entry of 1 (the squares of a block near the underflow
        // limit would vanish, and the sweeps would stall).
        let sc = d[p..=q]
            .iter()
            .chain(&e[p..q])
            .fold(T::ZERO, |m, x| m.max(x.abs()));
        let dm = d[q - 1] / sc;
        let dn = d[q] / sc;
        let fm = if q - 1 > p { e[q - 2] / sc } else { T::ZERO };
        let fn_ = e[q - 1] / sc;
        let t11 = dm * dm + fm * fm;
        let t12 = dm * fn_;
        let t22 = dn * dn + fn_ * fn_;
        let half = (t11 - t22) / (T::ONE + T::ONE);
        let root = half.hypot(t12);
        let mu = if half >= T::ZERO {
            t22 - t12 * t12 / (half + root)
        } else {
            t22 + t12 * t12 / (root - half)
        };
        let mu = if mu.is_finite() { mu } else { t22 };
        let (dp, ep) = (d[p] / sc, e[p] / sc);
        let mut y = dp * dp - mu;
        let mut z = dp * ep;
        for k in p..q {
            // Right rotation on columns k, k+1.
            let (c, s, r) = givens(y, z);
            if k > p {
                e[k - 1] = r;
            }
            let (dk, ek) = (d[k], e[k]);
            d[k] = c * dk + s * ek;
            e[k] = c * ek - s * dk;
            let bulge = s * d[k + 1];
            d[k + 1] *= c;
            if vectors {
                rotate_cols(v, n, k, k + 1, c, s);
            }
            // Left rotation on rows k, k+1.
            let (c, s, r) = givens(d[k], bulge);
            d[k] = r;
            let (ek, dk1) = (e[k], d[k + 1]);
            e[k] = c * ek + s * dk1;
            d[k + 1] = c * dk1 - s * ek;
            if vectors {
                rotate_cols(u, m, k, k + 1, c, s);
            }
            if k + 1 < q {
                y = e[k];
                z = s * e[k + 1];
                e[k + 1] *= c;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Between typed matrices and the kernel.

/// A thin SVD in row-major buffers: `u` (m x k), `s` (k,), `vt` (k x n), k = min(m, n).
pub(crate) struct Thin<T> {
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub u: Vec<T>,
    pub s: Vec<T>,
    pub vt: Vec<T>,
}

/// Whether every element of the matrix view is finite, and its largest magnitude.
pub(crate) fn finite_amax<T: Float, M: AnyDim, N: AnyDim>(
    a: &TensorView<'_, T, (M, N)>,
) -> Option<T> {
    let mut amax = T::ZERO;
    for &x in a.iter() {
        if !x.is_finite() {
            return None;
        }
        amax = amax.max(x.abs());
    }
    Some(amax)
}

/// The thin SVD of a matrix view (vectors only when `want_vectors`).
pub(crate) fn thin_svd<T: Float, M: AnyDim, N: AnyDim>(
    a: &TensorView<'_, T, (M, N)>,
    op: &'static str,
    want_vectors: bool,
) -> Result<Thin<T>, LinalgError> {
    let [m, n] = a.dims();
    let k = m.min(n);
    let amax = finite_amax(a).ok_or(LinalgError::NonFinite { op })?;
    let scale = if amax > T::ZERO { amax } else { T::ONE };
    let data = a.raw_data();
    let [rs, cs] = a.strides();
    let tall = m >= n;
    let (mm, nn) = if tall { (m, n) } else { (n, m) };
    // Column-major buffer of the tall matrix (A itself, or A^T).
    let mut buf = vec![T::ZERO; m * n];
    if tall {
        copy_map(m, n, data, rs, cs, &mut buf, 1, m, |x| x / scale);
    } else {
        copy_map(m, n, data, rs, cs, &mut buf, n, 1, |x| x / scale);
    }
    let f = svd_tall(&mut buf, mm, nn, want_vectors)
        .map_err(|iterations| LinalgError::NoConvergence { op, iterations })?;
    let s: Vec<T> = f.s.iter().map(|&x| x * scale).collect();
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
    Ok(Thin { m, n, k, u, s, vt })
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
        let (mdim, k) = self.u.shape();
        let (_, ndim) = self.vt.shape();
        let (m, n, k) = (mdim.size(), ndim.size(), k.size());
        let (u, s, vt) = (self.u.as_slice(), self.s.as_slice(), self.vt.as_slice());
        // (U diag(s)) V^T by GEMM.
        let mut us = u.to_vec();
        for row in us.chunks_mut(k.max(1)) {
            for (x, &sl) in row.iter_mut().zip(s) {
                *x *= sl;
            }
        }
        let mut out = vec![T::ZERO; m * n];
        let c = MatMut::try_new(&mut out, m, n, n, 1).expect("distinct elements");
        gemm(
            T::ONE,
            MatRef::new(&us, m, k, k, 1),
            MatRef::new(vt, k, n, n, 1),
            T::ZERO,
            c,
        );
        Tensor::from_vec((mdim, ndim), out).expect("sizes of the product")
    }
}

pub(crate) fn svd_of<T: Float, M: AnyDim, N: AnyDim>(
    a: TensorView<'_, T, (M, N)>,
) -> Result<Svd<T, M, N>, LinalgError> {
    let (mdim, ndim) = a.shape();
    let t = thin_svd(&a, "svd", true)?;
    let k = MinOf::<M, N>::new(t.k);
    Ok(Svd {
        u: Tensor::from_vec((mdim, k), t.u).expect("sizes of u"),
        s: Tensor::from_vec((k,), t.s).expect("sizes of s"),
        vt: Tensor::from_vec((k, ndim), t.vt).expect("sizes of vt"),
    })
}

pub(crate) fn singular_values_of<T: Float, M: AnyDim, N: AnyDim>(
    a: TensorView<'_, T, (M, N)>,
) -> Result<Tensor<T, (MinOf<M, N>,)>, LinalgError> {
    let t = thin_svd(&a, "singular_values", false)?;
    let k = MinOf::<M, N>::new(t.k);
    Ok(Tensor::from_vec((k,), t.s).expect("sizes of s"))
}

/// Emits the same block of methods for `Tensor` and `TensorView` matrices: `$body` calls
/// `AsView::view(self)` to reach the data.
macro_rules! matrix_methods {
    ($($body:tt)*) => {
        impl<T: Float, M: AnyDim, N: AnyDim> Tensor<T, (M, N)> {
            $($body)*
        }
        impl<T: Float, M: AnyDim, N: AnyDim> TensorView<'_, T, (M, N)> {
            $($body)*
        }
        impl<T: Float, M: AnyDim, N: AnyDim> TensorViewMut<'_, T, (M, N)> {
            $($body)*
        }
    };
}
pub(crate) use matrix_methods;

matrix_methods! {
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
