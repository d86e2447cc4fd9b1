//! Householder QR, `A = Q R`, on a column-major working copy (columns contiguous).

use crate::linalg::kernels::householder::{apply_left, house};
use crate::scalar::Float;

/// Factors the `m x n` column-major matrix `a` (column `j` at `a[j * lda..]`, `lda >= m`) in
/// place: on return the upper triangle holds `R` (its diagonal the `beta`s) and the part below
/// the diagonal of column `k` holds the tail of reflector `k` (`v[0] = 1` not stored).
/// `tau` receives `min(m, n)` reflector coefficients.
pub fn qr_unblocked<T: Float>(a: &mut [T], m: usize, n: usize, lda: usize, tau: &mut [T]) {
    let kmax = m.min(n);
    let mut v = vec![T::ZERO; m];
    for k in 0..kmax {
        let len = m - k;
        v[..len].copy_from_slice(&a[k * lda + k..k * lda + m]);
        let (t, beta) = house(&mut v[..len]);
        tau[k] = t;
        // Apply H_k to the trailing columns, rows k..m.
        if k + 1 < n {
            let rest = &mut a[(k + 1) * lda + k..];
            apply_left(&v[..len], t, rest, len, n - k - 1, 1, lda);
        }
        a[k * lda + k] = beta;
        a[k * lda + k + 1..k * lda + m].copy_from_slice(&v[1..len]);
    }
}

/// Forms the thin `Q` (`m x kq`, column-major with leading dimension `m`, `kq <= min(m, n)`)
/// from the reflectors stored by [`qr_unblocked`].
pub fn form_q<T: Float>(a: &[T], m: usize, lda: usize, tau: &[T], kq: usize) -> Vec<T> {
    let mut q = vec![T::ZERO; m * kq];
    for j in 0..kq {
        q[j * m + j] = T::ONE;
    }
    let mut v = vec![T::ZERO; m];
    for k in (0..kq).rev() {
        let len = m - k;
        v[0] = T::ONE;
        v[1..len].copy_from_slice(&a[k * lda + k + 1..k * lda + m]);
        // H_k touches rows k..m; columns before k of Q are still e_j there (zero), so only
        // columns k..kq change.
        apply_left(&v[..len], tau[k], &mut q[k * m + k..], len, kq - k, 1, m);
    }
    q
}

/// Householder QR with column pivoting on the `m x n` column-major matrix `a` (as
/// [`qr_unblocked`]), `A P = Q R`: at each step the remaining column of largest norm moves to
/// the front. `perm[j]` is the original column now at position `j`. Returns the numerical rank:
/// the number of diagonal entries of `R` above `max(m, n) * eps * |R[0, 0]|`.
pub fn qr_pivoted<T: Float>(
    a: &mut [T],
    m: usize,
    n: usize,
    lda: usize,
    tau: &mut [T],
    perm: &mut [usize],
) -> usize {
    use crate::linalg::kernels::householder::norm2;
    let kmax = m.min(n);
    for (j, p) in perm.iter_mut().enumerate() {
        *p = j;
    }
    let mut v = vec![T::ZERO; m];
    for k in 0..kmax {
        // Norms of the remaining parts of the columns, recomputed (robust, O(m n) per step).
        let mut best = k;
        let mut best_norm = -T::ONE;
        for j in k..n {
            let nj = norm2(&a[j * lda + k..j * lda + m]);
            if nj > best_norm {
                best_norm = nj;
                best = j;
            }
        }
        if best != k {
            let (left, right) = a.split_at_mut(best * lda);
            left[k * lda..k * lda + m].swap_with_slice(&mut right[..m]);
            perm.swap(k, best);
        }
        let len = m - k;
        v[..len].copy_from_slice(&a[k * lda + k..k * lda + m]);
        let (t, beta) = house(&mut v[..len]);
        tau[k] = t;
        if k + 1 < n {
            apply_left(
                &v[..len],
                t,
                &mut a[(k + 1) * lda + k..],
                len,
                n - k - 1,
                1,
                lda,
            );
        }
        a[k * lda + k] = beta;
        a[k * lda + k + 1..k * lda + m].copy_from_slice(&v[1..len]);
    }
    if kmax == 0 {
        return 0;
    }
    let r00 = a[0].abs();
    let tol = T::of(m.max(n) as f64) * T::epsilon() * r00;
    (0..kmax)
        .take_while(|&k| a[k * lda + k].abs() > tol)
        .count()
}
