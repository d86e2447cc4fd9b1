//! LU factorisation with partial pivoting, `P A = L U`, row-major.

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

/// The outcome of a factorisation: the first zero pivot, and whether the permutation is odd.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LuInfo {
    /// The column of the first exactly zero pivot, if any (the matrix is then singular).
    pub first_zero_pivot: Option<usize>,
    /// Whether an odd number of row swaps was made (the determinant changes sign).
    pub odd: bool,
}

/// Right-looking elimination of columns `k0..k0 + nb`, updating only the columns of the panel
/// (`k0..k0 + nb`, among `ncols` columns of the row) below each pivot; whole rows are swapped,
/// so the rest of the matrix follows the permutation.
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
    for k in k0..end {
        // Pivot: the largest magnitude in column k at or below the diagonal.
        let mut p = k;
        let mut best = a[k * lda + k].abs();
        for i in k + 1..n {
            let v = a[i * lda + k].abs();
            if v > best {
                best = v;
                p = i;
            }
        }
        if p != k {
            swap_rows(a, lda, k, p, ncols);
            perm.swap(k, p);
            info.odd = !info.odd;
        }
        let pivot = a[k * lda + k];
        if pivot == T::ZERO {
            info.first_zero_pivot.get_or_insert(k);
            continue;
        }
        let inv = T::ONE / pivot;
        let (top, below) = a.split_at_mut((k + 1) * lda);
        let rk = &top[k * lda + k + 1..k * lda + end];
        for i in 0..n - k - 1 {
            let row = &mut below[i * lda + k..i * lda + end];
            let l = row[0] * inv;
            row[0] = l;
            if l != T::ZERO {
                for (x, &u) in row[1..].iter_mut().zip(rk) {
                    *x -= l * u;
                }
            }
        }
    }
}

/// Swaps rows `i` and `j` (`i < j`) over their first `ncols` columns.
fn swap_rows<T>(a: &mut [T], lda: usize, i: usize, j: usize, ncols: usize) {
    let (top, bottom) = a.split_at_mut(j * lda);
    top[i * lda..i * lda + ncols].swap_with_slice(&mut bottom[..ncols]);
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
