//! LU factorisation with partial pivoting, `P A = L U`, row-major.

use crate::linalg::kernels::blocks::{Block, gemm_blocks};
use crate::linalg::kernels::copy_map;
use crate::linalg::kernels::small_gemm::gemm_ab;
use crate::linalg::kernels::triangular::{solve_lower, solve_upper};
use crate::scalar::Float;

/// Factors the `n x n` matrix `a` (leading dimension `lda`) in place: on return its strictly
/// lower part holds `L` (unit diagonal, not stored) and its upper part `U`. `perm[i]` is the
/// original row now at position `i` (`perm.len() == n`).
///
/// A zero pivot does not stop the factorisation (that column is left as is, as LAPACK does);
/// the result says where the first one was, and the sign of the permutation.
pub fn lu_unblocked<T: Float>(a: &mut [T], n: usize, lda: usize, perm: &mut [usize]) -> LuInfo {
    lu_recursive(a, n, lda, perm, n)
}

/// The panel width up to which [`lu`] factors columns by plain elimination (the base case
/// of the recursion); chosen with `benches/linalg.rs`.
pub const LU_BLOCK: usize = 16;

/// [`lu_recursive`] with base case [`LU_BLOCK`].
pub fn lu<T: Float>(a: &mut [T], n: usize, lda: usize, perm: &mut [usize]) -> LuInfo {
    lu_recursive(a, n, lda, perm, LU_BLOCK)
}

/// Recursive LU with partial pivoting in place, same contract as [`lu_unblocked`]: the left
/// half of the columns is factored (recursively, rows swapped within those columns), its swaps
/// applied to the right half, `U12 = L11^-1 A12` by a triangular solve, `A22 -= L21 U12` by
/// one GEMM on blocks of the matrix itself (where the O(n^3) work runs), the right half
/// factored (recursively) and its swaps applied to the left half. Panels of at most `base`
/// columns are factored by plain elimination on the row-major rows.
pub fn lu_recursive<T: Float>(
    a: &mut [T],
    n: usize,
    lda: usize,
    perm: &mut [usize],
    base: usize,
) -> LuInfo {
    let mut info = LuInfo {
        first_zero_pivot: None,
        odd: false,
    };
    // ipiv[j]: the row swapped with row j at step j.
    let mut ipiv = vec![0; n];
    recursive(a, n, lda, 0, n, &mut ipiv, &mut info, base.max(1));
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i;
    }
    for (j, &p) in ipiv.iter().enumerate() {
        if p != j {
            perm.swap(j, p);
            info.odd = !info.odd;
        }
    }
    info
}

/// Factors the panel of rows `k..n` and columns `k..k + w`, swapping rows within those
/// columns only; `ipiv[j]` receives the row swapped with row `k + j`.
#[allow(clippy::too_many_arguments)]
fn recursive<T: Float>(
    a: &mut [T],
    n: usize,
    ld: usize,
    k: usize,
    w: usize,
    ipiv: &mut [usize],
    info: &mut LuInfo,
    base: usize,
) {
    if w <= base {
        if w > 0 {
            panel(a, n, ld, k, w, ipiv, info);
        }
        return;
    }
    let h = w / 2;
    let (left, right) = ipiv[..w].split_at_mut(h);
    recursive(a, n, ld, k, h, left, info, base);
    swap_rows(a, ld, k, left, k + h, w - h);
    // U12 = L11^-1 A12
    solve_unit_lower(a, ld, k, h, k + h, w - h);
    // A22 -= L21 U12
    sub_product(
        a,
        ld,
        Block::new(k + h, k, n - k - h, h),
        Block::new(k, k + h, h, w - h),
        Block::new(k + h, k + h, n - k - h, w - h),
    );
    recursive(a, n, ld, k + h, w - h, right, info, base);
    swap_rows(a, ld, k + h, right, k, h);
}

/// Products whose operands hold at most this many elements together (256 KiB of f64, half
/// the L2 of the machine measured) go to the unpacked kernel of [`gemm_ab`]; larger ones to
/// matrixmultiply, whose packing they amortise. Min of batches: n = 256, 568 -> 490 us with
/// the unpacked kernel; n = 1024, 25.8 ms with matrixmultiply, 34.5 ms with the unpacked
/// kernel for every product.
const UNPACKED_MAX: usize = 32 * 1024;

/// `C -= X Y` for blocks of `a`: by the unpacked kernel of [`gemm_ab`] (f64, AVX2 + FMA) up to
/// [`UNPACKED_MAX`], else by [`gemm_blocks`].
fn sub_product<T: Float>(a: &mut [T], ld: usize, x: Block, y: Block, c: Block) {
    let small = x.rows * x.cols + y.rows * y.cols <= UNPACKED_MAX;
    if !(small && gemm_ab(a, ld, -T::ONE, x, y, T::ONE, c)) {
        gemm_blocks(a, ld, -T::ONE, x, false, y, false, T::ONE, c);
    }
}

/// For each `j`, swaps rows `r0 + j` and `ipiv[j]` within columns `c..c + w`.
fn swap_rows<T: Float>(a: &mut [T], ld: usize, r0: usize, ipiv: &[usize], c: usize, w: usize) {
    for (j, &p) in ipiv.iter().enumerate() {
        let i = r0 + j;
        if p != i {
            // p > i: the pivot row is at or below the diagonal.
            let (top, bottom) = a.split_at_mut(p * ld);
            top[i * ld + c..i * ld + c + w].swap_with_slice(&mut bottom[c..c + w]);
        }
    }
}

/// `B := L^-1 B` for `B` the rows `t..t + h`, columns `c..c + nc`, and `L` the unit lower
/// triangle of the diagonal block of size `h` at `(t, t)` (`c >= t + h`): recursive, the
/// lower half of the rows updated by one GEMM; small triangles by row operations.
fn solve_unit_lower<T: Float>(a: &mut [T], ld: usize, t: usize, h: usize, c: usize, nc: usize) {
    if h > TRSM_BASE {
        let h1 = h / 2;
        solve_unit_lower(a, ld, t, h1, c, nc);
        sub_product(
            a,
            ld,
            Block::new(t + h1, t, h - h1, h1),
            Block::new(t, c, h1, nc),
            Block::new(t + h1, c, h - h1, nc),
        );
        solve_unit_lower(a, ld, t + h1, h - h1, c, nc);
        return;
    }
    for i in 1..h {
        let (done, rest) = a.split_at_mut((t + i) * ld);
        let (li, bi) = rest[t..c + nc].split_at_mut(c - t);
        let bi = &mut bi[..nc];
        for (p, &lp) in li[..i].iter().enumerate() {
            if lp != T::ZERO {
                let bp = &done[(t + p) * ld + c..(t + p) * ld + c + nc];
                for (x, &y) in bi.iter_mut().zip(bp) {
                    *x -= lp * y;
                }
            }
        }
    }
}

/// Triangles up to this size are solved by row operations in [`solve_unit_lower`].
const TRSM_BASE: usize = 16;

/// The base case of [`recursive`]: the panel of rows `k..n`, columns `k..k + w` (`w > 0`)
/// copied out column by column, so that the pivot search, the scaling of `L`'s column and
/// the updates all run along contiguous columns (the row-major panel in place was slower by
/// a fifth at n = 256 and 1024: a division per row and one page per row), eliminated there
/// (in the AVX2 build when the CPU has it) and copied back.
fn panel<T: Float>(
    a: &mut [T],
    n: usize,
    ld: usize,
    k: usize,
    w: usize,
    ipiv: &mut [usize],
    info: &mut LuInfo,
) {
    let rows = n - k;
    let mut p = vec![T::ZERO; rows * w];
    copy_map(rows, w, &a[k * ld + k..], ld, 1, &mut p, 1, rows, |x| x);
    let mut local = LuInfo {
        first_zero_pivot: None,
        odd: false,
    };
    let ipiv = &mut ipiv[..w];
    #[cfg(target_arch = "x86_64")]
    let done = if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: `eliminate_avx2` only requires the CPU to support AVX2, which was just
        // detected at run time.
        unsafe { eliminate_avx2(&mut p, rows, w, ipiv, &mut local) };
        true
    } else {
        false
    };
    #[cfg(not(target_arch = "x86_64"))]
    let done = false;
    if !done {
        eliminate(&mut p, rows, w, ipiv, &mut local);
    }
    copy_map(rows, w, &p, 1, rows, &mut a[k * ld + k..], ld, 1, |x| x);
    for x in ipiv.iter_mut() {
        *x += k;
    }
    if let Some(z) = local.first_zero_pivot {
        info.first_zero_pivot.get_or_insert(z + k);
    }
}

/// [`eliminate`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn eliminate_avx2<T: Float>(
    p: &mut [T],
    rows: usize,
    w: usize,
    ipiv: &mut [usize],
    info: &mut LuInfo,
) {
    eliminate(p, rows, w, ipiv, info);
}

/// Plain elimination of the column-major `rows x w` panel `p` (column `c` at `c * rows`,
/// `rows >= w`), swapping its rows; `ipiv[j]` receives the pivot row of step `j`.
#[inline(always)]
fn eliminate<T: Float>(p: &mut [T], rows: usize, w: usize, ipiv: &mut [usize], info: &mut LuInfo) {
    for (j, pj) in ipiv.iter_mut().enumerate() {
        // Pivot: the largest magnitude in column j at or below the diagonal.
        let col = &p[j * rows..(j + 1) * rows];
        let mut piv = j;
        let mut best = col[j].abs();
        for (i, &v) in col.iter().enumerate().skip(j + 1) {
            if v.abs() > best {
                best = v.abs();
                piv = i;
            }
        }
        *pj = piv;
        if piv != j {
            for c in 0..w {
                p.swap(c * rows + j, c * rows + piv);
            }
        }
        let pivot = p[j * rows + j];
        if pivot == T::ZERO {
            info.first_zero_pivot.get_or_insert(j);
            continue;
        }
        let (done, rest) = p.split_at_mut((j + 1) * rows);
        let l = &mut done[j * rows + j + 1..];
        // Division rather than a reciprocal: exact multiples give exact zeros.
        for x in l.iter_mut() {
            *x /= pivot;
        }
        for colc in rest.chunks_exact_mut(rows).take(w - j - 1) {
            let u = colc[j];
            if u == T::ZERO {
                continue;
            }
            if u.is_finite() {
                // A zero multiplier changes nothing here: no branch, so the loop vectorises.
                for (x, &li) in colc[j + 1..].iter_mut().zip(l.iter()) {
                    *x -= li * u;
                }
            } else {
                // Rows whose multiplier is zero are skipped (0 * inf would be NaN).
                for (x, &li) in colc[j + 1..].iter_mut().zip(l.iter()) {
                    if li != T::ZERO {
                        *x -= li * u;
                    }
                }
            }
        }
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
    fn recursive_matches_unblocked_with_every_base_size() {
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
                let i2 = lu_recursive(&mut a2, n, n, &mut p2, nb);
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
        let info = lu_recursive(&mut a, 3, 3, &mut p, 1);
        assert_eq!(info.first_zero_pivot, Some(1));
    }

    #[test]
    fn default_entry_reconstructs_pa_around_every_threshold() {
        // Sizes about the panel width (16) and the triangular solve's base (16).
        for n in [0, 1, 2, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, 97] {
            let a0: Vec<f64> = (0..n * n)
                .map(|k| ((k * k * 7919 + 13 * k) % 10007) as f64 / 10007.0 - 0.5)
                .collect();
            let mut f = a0.clone();
            let mut p = vec![0; n];
            let info = lu(&mut f, n, n, &mut p);
            assert_eq!(info.first_zero_pivot, None, "n = {n}");
            for i in 0..n {
                for j in 0..n {
                    let s: f64 = (0..=i.min(j))
                        .map(|q| {
                            if q == i {
                                f[q * n + j]
                            } else {
                                f[i * n + q] * f[q * n + j]
                            }
                        })
                        .sum();
                    let want = a0[p[i] * n + j];
                    assert!((s - want).abs() < 1e-12 * n as f64, "n = {n} ({i}, {j})");
                }
            }
        }
    }
}
