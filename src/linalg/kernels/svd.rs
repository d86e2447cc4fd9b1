//! The thin SVD of a tall column-major matrix: Householder bidiagonalisation (`reduce.rs`),
//! the bidiagonal's SVD (divide and conquer in `bidiag_dc.rs` with vectors from [`DC_FROM`]
//! columns on, QR sweeps in `bidiag_qr.rs` otherwise), the reflectors applied to its vectors,
//! and the values made non-negative and descending. `linalg/svd.rs` is its typed caller.

use super::bidiag_qr::bidiagonal_qr;
use super::householder::apply_reflectors;
use super::sort::{sort_with, swap_cols};
use crate::parallel;
use crate::scalar::Float;

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
pub(crate) const DC_FROM: usize = super::bidiag_dc::LEAF + 1;

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
    super::reduce::bidiagonalize(a, m, n, &mut d, &mut e, &mut tauq, &mut taup);

    let (mut u, mut vv) = (Vec::new(), Vec::new());
    if want_vectors {
        // The bidiagonal's vectors U_B, V_B (n x n): divide and conquer from `DC_FROM` on, QR
        // sweeps from the identity below. Then U = U_1 [U_B; 0] and V = V_1 V_B, the
        // reflectors applied to them (U_1 and V_1 are never formed).
        let (ub, vb) = if n >= DC_FROM {
            let bsvd = super::bidiag_dc::bidiagonal_svd(&d, &e)?;
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
        vv = vb;
        // The two back-transformations are independent: two tasks with the feature `rayon`
        // from the order at which a factorisation moves onto the pool (each computed as alone,
        // so the result does not depend on the threads).
        let a = &*a;
        let (uu, vr) = (&mut u, &mut vv);
        parallel::join_when(
            n >= parallel::ON_POOL_ORDER,
            || {
                apply_reflectors(uu, m, n, 0, &tauq, |k, buf| {
                    buf.extend_from_slice(&a[k + k * m..(k + 1) * m]);
                })
            },
            || {
                apply_reflectors(vr, n, n, 1, &taup, |k, buf| {
                    buf.extend((k + 1..n).map(|j| a[k + j * m]));
                })
            },
        );
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
    sort_with(&mut d, true, |i, j| {
        if want_vectors {
            swap_cols(&mut u, m, i, j);
            swap_cols(&mut vv, n, i, j);
        }
    });
    Ok(TallSvd { u, s: d, v: vv })
}
