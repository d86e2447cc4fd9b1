//! Householder reduction of a general matrix to upper Hessenberg form, `A = Q H Q^T`
//! (LAPACK's `dgehd2`), and the forming of `Q` (`dorghr`), both over column-major slices.
//!
//! Reflector `k` (from 0) is `H_k = I - tau_k v_k v_k^T` with `v_k[0] = 1` acting on rows
//! `ilo + k + 1 ..= ihi`; the rest of `v_k` is stored below the subdiagonal of column
//! `ilo + k`. `Q = H_0 H_1 ...`.

use super::householder::{apply_left, apply_reflectors, apply_right, house};
use crate::scalar::Float;

/// Reduces rows and columns `ilo..=ihi` of the column-major `n x n` matrix `a` to Hessenberg
/// form in place; returns the `tau`s. The matrix must already be upper triangular left of
/// column `ilo` and below row `ihi` (as [`super::balance::balance`] leaves it).
///
/// With `full`, the whole matrix is transformed (`H = Q^T A Q`, as the Schur form and the
/// eigenvectors need); without, only the block `ilo..=ihi`, which is all the eigenvalues need.
pub(crate) fn hessenberg<T: Float>(
    a: &mut [T],
    n: usize,
    ilo: usize,
    ihi: usize,
    full: bool,
) -> Vec<T> {
    debug_assert_eq!(a.len(), n * n);
    let count = ihi.saturating_sub(ilo + 1);
    let mut taus = Vec::with_capacity(count);
    let mut v = Vec::with_capacity(n);
    let (r0, c1) = if full { (0, n) } else { (ilo, ihi + 1) };
    for k in ilo..ilo + count {
        let len = ihi - k;
        let col = &mut a[(k + 1) + k * n..=ihi + k * n];
        let (tau, beta) = house(col);
        v.clear();
        v.extend_from_slice(col);
        col[0] = beta;
        taus.push(tau);
        // A(r0..=ihi, k+1..=ihi) <- A H_k, then A(k+1..=ihi, k+1..c1) <- H_k A.
        apply_right(&v, tau, &mut a[r0 + (k + 1) * n..], ihi + 1 - r0, len, 1, n);
        apply_left(
            &v,
            tau,
            &mut a[(k + 1) + (k + 1) * n..],
            len,
            c1 - k - 1,
            1,
            n,
        );
    }
    taus
}

/// The orthogonal `Q` (column-major `n x n`) of [`hessenberg`] from its reflectors in `a` and
/// `taus`: the identity outside `ilo..=ihi`.
pub(crate) fn form_q<T: Float>(a: &[T], n: usize, ilo: usize, ihi: usize, taus: &[T]) -> Vec<T> {
    let mut q = vec![T::ZERO; n * n];
    for i in 0..n {
        q[i + i * n] = T::ONE;
    }
    apply_reflectors(&mut q, n, n, ilo + 1, taus, |k, buf| {
        let c = ilo + k;
        buf.push(T::ONE);
        buf.extend_from_slice(&a[c + 2 + c * n..=ihi + c * n]);
    });
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_h_qt_reproduces_a_and_h_is_hessenberg() {
        for n in [0usize, 1, 2, 3, 7, 45] {
            let a0: Vec<f64> = (0..n * n)
                .map(|k| ((k * 7 + 3) as f64 * 0.731).sin())
                .collect();
            let mut a = a0.clone();
            let taus = hessenberg(&mut a, n, 0, n.saturating_sub(1), true);
            let q = form_q(&a, n, 0, n.saturating_sub(1), &taus);
            let mut h = a.clone();
            for j in 0..n {
                for i in j + 2..n {
                    h[i + j * n] = 0.0;
                }
            }
            // Q H Q^T = A and Q^T Q = I.
            for i in 0..n {
                for j in 0..n {
                    let mut s = 0.0;
                    let mut o = 0.0;
                    for k in 0..n {
                        for l in 0..n {
                            s += q[i + k * n] * h[k + l * n] * q[j + l * n];
                        }
                        o += q[k + i * n] * q[k + j * n];
                    }
                    assert!(
                        (s - a0[i + j * n]).abs() < 1e-12 * n as f64,
                        "n {n} ({i}, {j})"
                    );
                    let id = if i == j { 1.0 } else { 0.0 };
                    assert!((o - id).abs() < 1e-13 * n as f64);
                }
            }
        }
    }
}
