//! LU factorisation with partial pivoting, `P A = L U`, row-major.

use crate::gemm::{MatMut, MatRef, gemm};
use crate::linalg::kernels::triangular::{solve_lower, solve_upper};
use crate::scalar::Float;

/// Factors the `n x n` matrix `a` (leading dimension `lda`) in place: on return its strictly
/// lower part holds `L` (unit diagonal, not stored) and its upper part `U`. `perm[i]` is the
/// original row now at position `i` (`perm.len() == n`).
///
/// A zero pivot does not stop the factorisation (that column is left as is, as LAPACK does);
/// the result says where the first one was, and the sign of the permutation.
pub fn lu_unblocked<T: Float>(a: &mut [T], n: usize, lda: usize, perm: &mut [usize]) -> LuInfo {
    let mut info = LuInfo {
        first_zero_pivot: None,
        odd: false,
    };
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i;
    }
    panel(a, n, lda, 0, n, n, perm, &mut info);
    info
}

/// The block size of [`lu_blocked`] (columns per panel), and the size from which [`lu`] uses
/// it; chosen with `benches/linalg.rs`.
pub const LU_BLOCK: usize = 64;

/// [`lu_unblocked`] below [`LU_BLOCK`] columns, [`lu_blocked`] from there.
pub fn lu<T: Float>(a: &mut [T], n: usize, lda: usize, perm: &mut [usize]) -> LuInfo {
    if n <= LU_BLOCK {
        lu_unblocked(a, n, lda, perm)
    } else {
        lu_blocked(a, n, lda, perm, LU_BLOCK)
    }
}

/// Right-looking blocked LU with partial pivoting, same contract as [`lu_unblocked`]: each
/// panel of `nb` columns is factored by the unblocked kernel (swapping whole rows), then
/// `U12 = L11^-1 A12` by a triangular solve and `A22 -= L21 U12` by one GEMM, where the
/// O(n^3) work runs.
pub fn lu_blocked<T: Float>(
    a: &mut [T],
    n: usize,
    lda: usize,
    perm: &mut [usize],
    nb: usize,
) -> LuInfo {
    let mut info = LuInfo {
        first_zero_pivot: None,
        odd: false,
    };
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i;
    }
    // Two levels: panels of `nb` columns, each factored in turn by panels of `nb / 4`, so that
    // most of the work inside a panel is GEMM too.
    let inner = (nb / 4).max(1);
    factor_cols(a, n, lda, 0, n, perm, &mut info, &[nb.max(1), inner]);
    info
}

/// Factors columns `k0..k0 + width` (rows `k0..n`), swapping whole rows: by panels of
/// `blocks[0]` columns (each factored with the remaining block sizes), a triangular solve for
/// the rest of the columns' top rows, and a GEMM for the rest below.
#[allow(clippy::too_many_arguments)]
fn factor_cols<T: Float>(
    a: &mut [T],
    n: usize,
    lda: usize,
    k0: usize,
    width: usize,
    perm: &mut [usize],
    info: &mut LuInfo,
    blocks: &[usize],
) {
    let Some((&nb, inner)) = blocks.split_first().filter(|(nb, _)| width > **nb) else {
        panel(a, n, lda, k0, width, n, perm, info);
        return;
    };
    let end = k0 + width;
    let mut l11 = vec![T::ZERO; nb * nb];
    let mut l21 = Vec::new();
    let mut k = k0;
    while k < end {
        let b = nb.min(end - k);
        factor_cols(a, n, lda, k, b, perm, info, inner);
        let cols = end - k - b;
        if cols > 0 {
            // U12 = L11^-1 A12 (L11 copied: it shares rows with A12).
            for i in 0..b {
                l11[i * b..i * b + b].copy_from_slice(&a[(k + i) * lda + k..(k + i) * lda + k + b]);
            }
            solve_lower(
                &l11[..b * b],
                b,
                true,
                &mut a[k * lda + k + b..],
                b,
                cols,
                lda,
            );
            let rows = n - k - b;
            if rows > 0 {
                // A22 -= L21 U12 (L21 copied: it shares rows with A22).
                l21.clear();
                for i in k + b..n {
                    l21.extend_from_slice(&a[i * lda + k..i * lda + k + b]);
                }
                let (top, bottom) = a.split_at_mut((k + b) * lda);
                gemm(
                    -T::ONE,
                    MatRef::new(&l21, rows, b, b, 1),
                    MatRef::new(&top[k * lda + k + b..], b, cols, lda, 1),
                    T::ONE,
                    MatMut::new(&mut bottom[k + b..], rows, cols, lda, 1),
                );
            }
        }
        k += b;
    }
}

/// The outcome of a factorisation: the first zero pivot, and whether the permutation is odd.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LuInfo {
    /// The column of the first exactly zero pivot, if any (the matrix is then singular).
    pub first_zero_pivot: Option<usize>,
    /// Whether an odd number of row swaps was made (the determinant changes sign).
    pub odd: bool,
}

/// Right-looking elimination of columns `k0..k0 + nb` (rows `k0..n`), on a column-major copy
/// of the panel so that the pivot search and the updates run along contiguous columns; whole
/// rows are swapped (the first `ncols` columns), so the rest of the matrix follows the
/// permutation. The arithmetic on each element is that of the row-major elimination.
#[allow(clippy::too_many_arguments)]
pub(crate) fn panel<T: Float>(
    a: &mut [T],
    n: usize,
    lda: usize,
    k0: usize,
    nb: usize,
    ncols: usize,
    perm: &mut [usize],
    info: &mut LuInfo,
) {
    let end = k0 + nb;
    let rows = n - k0;
    // p[c * rows + r] = a[(k0 + r) * lda + k0 + c]
    let mut p = vec![T::ZERO; rows * nb];
    for r in 0..rows {
        for (c, &x) in a[(k0 + r) * lda + k0..(k0 + r) * lda + end]
            .iter()
            .enumerate()
        {
            p[c * rows + r] = x;
        }
    }
    let mut pivots = Vec::with_capacity(nb);
    for k in 0..nb {
        // Pivot: the largest magnitude in column k at or below the diagonal.
        let col = &p[k * rows..(k + 1) * rows];
        let mut piv = k;
        let mut best = col[k].abs();
        for (i, &v) in col.iter().enumerate().skip(k + 1) {
            if v.abs() > best {
                best = v.abs();
                piv = i;
            }
        }
        pivots.push(piv);
        if piv != k {
            for c in 0..nb {
                p.swap(c * rows + k, c * rows + piv);
            }
        }
        let pivot = p[k * rows + k];
        if pivot == T::ZERO {
            info.first_zero_pivot.get_or_insert(k0 + k);
            continue;
        }
        let (done, rest) = p.split_at_mut((k + 1) * rows);
        let l = &mut done[k * rows + k + 1..(k + 1) * rows];
        // Division rather than a reciprocal: exact multiples give exact zeros.
        for x in l.iter_mut() {
            *x /= pivot;
        }
        for c in 0..nb - k - 1 {
            let colc = &mut rest[c * rows..(c + 1) * rows];
            let u = colc[k];
            if u == T::ZERO {
                continue;
            }
            if u.is_finite() {
                // A zero multiplier changes nothing here: no branch, so the loop vectorises.
                for (x, &li) in colc[k + 1..].iter_mut().zip(l.iter()) {
                    *x -= li * u;
                }
            } else {
                // Rows whose multiplier is zero are skipped (0 * inf would be NaN).
                for (x, &li) in colc[k + 1..].iter_mut().zip(l.iter()) {
                    if li != T::ZERO {
                        *x -= li * u;
                    }
                }
            }
        }
    }
    for r in 0..rows {
        for (c, x) in a[(k0 + r) * lda + k0..(k0 + r) * lda + end]
            .iter_mut()
            .enumerate()
        {
            *x = p[c * rows + r];
        }
    }
    // The same swaps on the rest of the rows.
    for (k, &piv) in pivots.iter().enumerate() {
        if piv != k {
            let (i, j) = (k0 + k, k0 + piv);
            let (top, bottom) = a.split_at_mut(j * lda);
            top[i * lda..i * lda + k0].swap_with_slice(&mut bottom[..k0]);
            top[i * lda + end..i * lda + ncols].swap_with_slice(&mut bottom[end..ncols]);
            perm.swap(i, j);
            info.odd = !info.odd;
        }
    }
}

/// Solves `A X = B` with the factors of [`lu_unblocked`]: `B` is `n x r` (leading dimension
/// `ldb`) and is overwritten by `X`. `work` must hold `n * r` elements.
#[allow(clippy::too_many_arguments)]
pub fn lu_solve<T: Float>(
    lu: &[T],
    n: usize,
    lda: usize,
    perm: &[usize],
    b: &mut [T],
    r: usize,
    ldb: usize,
    work: &mut [T],
) {
    // Permute the rows of B into `work` (row-major n x r), solve there, copy back.
    for (i, &p) in perm.iter().enumerate() {
        work[i * r..i * r + r].copy_from_slice(&b[p * ldb..p * ldb + r]);
    }
    solve_lower(lu, lda, true, work, n, r, r);
    solve_upper(lu, lda, false, work, n, r, r);
    for i in 0..n {
        b[i * ldb..i * ldb + r].copy_from_slice(&work[i * r..i * r + r]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_matches_unblocked_with_every_block_size() {
        for n in [1, 5, 17, 40] {
            let a0: Vec<f64> = (0..n * n)
                .map(|k| ((k * k * 7919 + 13 * k) % 10007) as f64 / 10007.0 - 0.5)
                .collect();
            let mut a1 = a0.clone();
            let mut p1 = vec![0; n];
            let i1 = lu_unblocked(&mut a1, n, n, &mut p1);
            for nb in [1, 3, 8, 16, 64] {
                let mut a2 = a0.clone();
                let mut p2 = vec![0; n];
                let i2 = lu_blocked(&mut a2, n, n, &mut p2, nb);
                assert_eq!((i1, &p1), (i2, &p2), "n = {n}, nb = {nb}");
                let d = a1
                    .iter()
                    .zip(&a2)
                    .fold(0f64, |m, (x, y)| m.max((x - y).abs()));
                assert!(d < 1e-12, "n = {n}, nb = {nb}: {d}");
            }
        }
    }

    #[test]
    fn zero_pivots_are_recorded_not_fatal() {
        // Columns 0 and 1 equal: the second pivot is exactly 0.
        let mut a = vec![1.0, 1.0, 2.0, 3.0, 3.0, 1.0, 5.0, 5.0, 4.0];
        let mut p = vec![0; 3];
        let info = lu_blocked(&mut a, 3, 3, &mut p, 1);
        assert_eq!(info.first_zero_pivot, Some(1));
    }
}
