//! Implicit shifted QR sweeps on an upper bidiagonal matrix (Golub-Kahan-Reinsch): its singular
//! values, and its singular vectors when asked for. Used by the SVD for small problems and for
//! the values alone, and by the divide and conquer (`bidiag_dc.rs`) on its leaves.

use super::deflate::deflate;
use super::givens::{givens, hypot, rotate_cols};
use crate::scalar::Float;

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
        let root = hypot(half, t12);
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
