//! Cholesky factorisation `A = L L^T` of a symmetric positive definite matrix, row-major.

use crate::gemm::{MatMut, MatRef, gemm};
use crate::linalg::kernels::householder::dot;
use crate::linalg::kernels::triangular::solve_lower_transposed_right;
use crate::scalar::Float;

/// The block size of [`cholesky_blocked`], and the size from which [`cholesky`] uses it;
/// chosen with `benches/linalg.rs`.
pub const CHOLESKY_BLOCK: usize = 64;

/// [`cholesky_unblocked`] up to [`CHOLESKY_BLOCK`], [`cholesky_blocked`] above.
///
/// # Errors
/// As [`cholesky_unblocked`].
pub fn cholesky<T: Float>(a: &mut [T], n: usize, lda: usize) -> Result<(), usize> {
    if n <= CHOLESKY_BLOCK {
        cholesky_unblocked(a, n, lda)
    } else {
        cholesky_blocked(a, n, lda, CHOLESKY_BLOCK)
    }
}

/// Right-looking blocked Cholesky, same contract as [`cholesky_unblocked`]: factor the
/// diagonal block, solve for the panel below it (`L21 = A21 L11^-T`), then update the lower
/// triangle of the trailing matrix, `A22 -= L21 L21^T`, one block row per GEMM (the O(n^3)
/// work), so that the upper triangle costs nothing.
///
/// # Errors
/// As [`cholesky_unblocked`].
pub fn cholesky_blocked<T: Float>(
    a: &mut [T],
    n: usize,
    lda: usize,
    nb: usize,
) -> Result<(), usize> {
    // Two levels: the diagonal blocks are themselves factored by blocks of `nb / 4`.
    let nb = nb.max(1);
    blocked(a, n, lda, &[nb, (nb / 4).max(1)])?;
    zero_upper(a, n, lda);
    Ok(())
}

/// The right-looking blocked factorisation of the `n x n` matrix at the start of `a`, with
/// the block sizes of each level; pivots are reported relative to that matrix.
fn blocked<T: Float>(a: &mut [T], n: usize, lda: usize, blocks: &[usize]) -> Result<(), usize> {
    let Some((&nb, inner)) = blocks.split_first().filter(|(nb, _)| n > **nb) else {
        return factor_lower(a, 0, n, lda);
    };
    let mut l11 = vec![T::ZERO; nb * nb];
    let mut l21 = Vec::new();
    let mut k = 0;
    while k < n {
        let b = nb.min(n - k);
        blocked(&mut a[k * lda + k..], b, lda, inner).map_err(|p| p + k)?;
        let rest = n - k - b;
        if rest > 0 {
            for i in 0..b {
                l11[i * b..i * b + b].copy_from_slice(&a[(k + i) * lda + k..(k + i) * lda + k + b]);
            }
            // L21 = A21 L11^-T
            solve_lower_transposed_right(
                &l11[..b * b],
                b,
                &mut a[(k + b) * lda + k..],
                rest,
                b,
                lda,
            );
            l21.clear();
            for i in k + b..n {
                l21.extend_from_slice(&a[i * lda + k..i * lda + k + b]);
            }
            // A22 -= L21 L21^T on and below the diagonal, by block rows.
            let mut i0 = 0;
            while i0 < rest {
                let bi = nb.min(rest - i0);
                let width = i0 + bi;
                gemm(
                    -T::ONE,
                    MatRef::new(&l21[i0 * b..], bi, b, b, 1),
                    MatRef::new(&l21, b, width, 1, b),
                    T::ONE,
                    MatMut::new(&mut a[(k + b + i0) * lda + k + b..], bi, width, lda, 1),
                );
                i0 += bi;
            }
        }
        k += b;
    }
    Ok(())
}

/// Overwrites the lower triangle of the `n x n` matrix `a` (leading dimension `lda`) with `L`
/// and sets the strictly upper triangle to 0. Only the lower triangle of `a` is read.
///
/// # Errors
/// `Err(j)` when the pivot of column `j` is not positive (or not finite): the matrix is not
/// positive definite. `a` is then partly overwritten.
pub fn cholesky_unblocked<T: Float>(a: &mut [T], n: usize, lda: usize) -> Result<(), usize> {
    factor_lower(a, 0, n, lda)?;
    zero_upper(a, n, lda);
    Ok(())
}

/// Crout by rows on the diagonal block of size `nb` at `(k, k)`, assuming every earlier column
/// of the block's rows has been subtracted already (it is the whole job when `k = 0`, `nb = n`).
fn factor_lower<T: Float>(a: &mut [T], k: usize, nb: usize, lda: usize) -> Result<(), usize> {
    for j in 0..nb {
        let rj = (k + j) * lda + k;
        let (before, from_j) = a.split_at_mut(rj + j);
        let lj = &before[rj..rj + j];
        let d = from_j[0] - dot(lj, lj);
        // Not `d <= 0`: a NaN pivot must fail too.
        if d.partial_cmp(&T::ZERO) != Some(core::cmp::Ordering::Greater) || !d.is_finite() {
            return Err(k + j);
        }
        let djj = d.sqrt();
        from_j[0] = djj;
        let inv = T::ONE / djj;
        for i in j + 1..nb {
            let ri = (k + i) * lda + k;
            let s = dot(&a[ri..ri + j], &a[rj..rj + j]);
            a[ri + j] = (a[ri + j] - s) * inv;
        }
    }
    Ok(())
}

/// Sets the strictly upper triangle of the `n x n` matrix to 0.
pub(crate) fn zero_upper<T: Float>(a: &mut [T], n: usize, lda: usize) {
    for i in 0..n {
        for x in &mut a[i * lda + i + 1..i * lda + n] {
            *x = T::ZERO;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_matches_unblocked_with_every_block_size() {
        for n in [1, 5, 17, 40] {
            // B B^T + n I
            let b: Vec<f64> = (0..n * n)
                .map(|k| ((k * 37 % 101) as f64 - 50.0) / 50.0)
                .collect();
            let mut a0 = vec![0.0; n * n];
            for i in 0..n {
                for j in 0..n {
                    a0[i * n + j] = (0..n).map(|p| b[i * n + p] * b[j * n + p]).sum::<f64>();
                }
                a0[i * n + i] += n as f64;
            }
            let mut a1 = a0.clone();
            cholesky_unblocked(&mut a1, n, n).unwrap();
            for nb in [1, 3, 8, 16, 64] {
                let mut a2 = a0.clone();
                cholesky_blocked(&mut a2, n, n, nb).unwrap();
                let d = a1
                    .iter()
                    .zip(&a2)
                    .fold(0f64, |m, (x, y)| m.max((x - y).abs()));
                assert!(d < 1e-12, "n = {n}, nb = {nb}: {d}");
            }
            // Not positive definite in the last block: the same pivot is reported.
            let mut bad = a0.clone();
            bad[n * n - 1] = -1.0;
            let e1 = cholesky_unblocked(&mut bad.clone(), n, n);
            assert_eq!(e1, Err(n - 1));
            assert_eq!(cholesky_blocked(&mut bad, n, n, 3), e1);
        }
    }
}
