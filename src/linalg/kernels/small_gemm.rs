//! Small products `C <- alpha A B^T + beta C` between blocks of one row-major buffer, without
//! packing: the rows of `A` and of `B` are both contiguous, so each element of `C` is a dot
//! product read straight from the matrix (AVX2 + FMA, chosen at run time).
//!
//! The recursive Cholesky's updates (`A22 -= L21 L21^T`, `X2 -= X1 L21^T`) are many products
//! of a few dozen rows, where matrixmultiply's packing and buffers cost as much as the
//! arithmetic (n = 256). Here a tile of `C` is 3 rows of `A` by 4 rows of `B`: 12 vector
//! accumulators along the inner dimension, each reduced at the end, the 4 sums of a row of the
//! tile landing in one vector.
//!
//! LU's updates (`A22 -= L21 U12`) are `A B` with the rows of `B` contiguous: [`gemm_ab`]
//! broadcasts the elements of `A` against rows of `B` read in place, 6 x 8 tiles of `C` in 12
//! accumulators. Both kernels fall back (by returning `false`) to the caller's portable path
//! when `T` is not `f64` or the CPU lacks AVX2 or FMA.

use crate::linalg::kernels::blocks::{Block, Shared, as_elem, check_blocks};
use crate::scalar::Float;

/// `C <- alpha A B^T + beta C` for blocks `a` (`m x k`), `b` (`n x k`) and `c` (`m x n`) of the
/// row-major matrix `buf` (leading dimension `ld`), in the AVX2 + FMA kernel of this module;
/// with `lower`, only the elements of `C` on or below its diagonal are needed (tiles wholly
/// above it are skipped, the others computed whole). When `beta` is zero `C` is not read.
///
/// Returns `false`, having done nothing, when `T` is not `f64` or the CPU lacks AVX2 or FMA:
/// the caller then runs its portable path.
///
/// # Panics
/// When the sizes do not chain, a block does not fit in `buf`, or `C` overlaps `A` or `B`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn gemm_abt<T: Float>(
    buf: &mut [T],
    ld: usize,
    alpha: T,
    a: Block,
    b: Block,
    beta: T,
    c: Block,
    lower: bool,
) -> bool {
    // SAFETY: the buffer is borrowed exclusively for this call, and this call is the only
    // user of the `Shared` made from it.
    unsafe { gemm_abt_shared(Shared::new(buf), ld, alpha, a, b, beta, c, lower) }
}

/// [`gemm_abt`] on a buffer lent to several tasks.
///
/// # Safety
/// No other user of the buffer reads or writes an element of `c`, nor writes an element of
/// `a` or `b`, during the call.
///
/// # Panics
/// As [`gemm_abt`].
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn gemm_abt_shared<T: Float>(
    buf: Shared<'_, T>,
    ld: usize,
    alpha: T,
    a: Block,
    b: Block,
    beta: T,
    c: Block,
    lower: bool,
) -> bool {
    assert!(
        a.cols == b.cols && a.rows == c.rows && b.rows == c.cols,
        "gemm_abt: sizes do not chain"
    );
    check_blocks("gemm_abt", buf.len(), ld, &a, &b, &c);
    #[cfg(target_arch = "x86_64")]
    {
        if !crate::gemm::has_avx2_fma() {
            return false;
        }
        let Some((base, alpha, beta)) = as_elem::<T, f64>(buf.base(), alpha, beta) else {
            return false;
        };
        if c.rows == 0 || c.cols == 0 {
            return true;
        }
        // SAFETY: the CPU has AVX2 and FMA (detected above). The three blocks lie inside
        // the buffer (checked above): every element `(r + i) * ld + c + j`, `i < rows`,
        // `j < cols`, is in bounds, and the kernel reads only those of `A` and `B` (the inner
        // loop's last partial chunk by masked loads, which do not touch the lanes past
        // `cols`) and writes only those of `C`. `C` shares no position with `A` or `B`, and
        // with every column below `ld` distinct positions are distinct elements, so no element
        // written is read as an input. The caller vouches that no other user of the buffer
        // touches `C` or writes `A` and `B` meanwhile (`T` is `f64`: the downcast succeeded).
        unsafe {
            let pa = base.add(a.r * ld + a.c).cast_const();
            let pb = base.add(b.r * ld + b.c).cast_const();
            let pc = base.add(c.r * ld + c.c);
            abt_avx2(
                c.rows, c.cols, a.cols, alpha, pa, ld, pb, ld, beta, pc, ld, lower,
            );
        }
        true
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (alpha, beta, lower);
        false
    }
}

/// `C <- alpha A B + beta C` for blocks `a` (`m x k`), `b` (`k x n`) and `c` (`m x n`) of the
/// row-major matrix `buf` (leading dimension `ld`), in the AVX2 + FMA outer-product kernel of
/// this module (tiles of 6 rows by 8 columns: each element of `A` broadcast, the rows of `B`
/// read in place). When `beta` is zero `C` is not read.
///
/// Returns `false`, having done nothing, when `T` is not `f64` or the CPU lacks AVX2 or FMA.
///
/// # Panics
/// When the sizes do not chain, a block does not fit in `buf`, or `C` overlaps `A` or `B`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn gemm_ab<T: Float>(
    buf: &mut [T],
    ld: usize,
    alpha: T,
    a: Block,
    b: Block,
    beta: T,
    c: Block,
) -> bool {
    assert!(
        a.cols == b.rows && a.rows == c.rows && b.cols == c.cols,
        "gemm_ab: sizes do not chain"
    );
    check_blocks("gemm_ab", buf.len(), ld, &a, &b, &c);
    #[cfg(target_arch = "x86_64")]
    {
        if !crate::gemm::has_avx2_fma() {
            return false;
        }
        let Some((base, alpha, beta)) = as_elem::<T, f64>(buf.as_mut_ptr(), alpha, beta) else {
            return false;
        };
        if c.rows == 0 || c.cols == 0 {
            return true;
        }
        // SAFETY: as in `gemm_abt`: the CPU has AVX2 and FMA; the blocks lie inside `buf`
        // (checked above) and the kernel reads only elements of `A` and `B` (the columns of
        // `B` past `n` are masked off, never loaded) and writes only those of `C`, which
        // shares no element with either; all pointers derive from the one `&mut [T]`, `T`
        // being `f64`.
        unsafe {
            let pa = base.add(a.r * ld + a.c).cast_const();
            let pb = base.add(b.r * ld + b.c).cast_const();
            let pc = base.add(c.r * ld + c.c);
            ab_avx2(c.rows, c.cols, a.cols, alpha, pa, ld, pb, ld, beta, pc, ld);
        }
        true
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (alpha, beta);
        false
    }
}

/// The rows of a tile of [`ab_avx2`].
#[cfg(target_arch = "x86_64")]
const AB_MR: usize = 6;

/// `C <- alpha A B + beta C`, `C` `m x n` at `c` (row stride `ldc`), `A` `m x k` at `a`
/// (row stride `lda`), `B` `k x n` at `b` (row stride `ldb`), columns contiguous.
///
/// # Safety
/// The CPU supports AVX2 and FMA; `m, n >= 1`; `a + i * lda + p` (`i < m`, `p < k`) and
/// `b + p * ldb + j` (`j < n`) are readable, `c + i * ldc + j` writable, the elements of `C`
/// distinct from those of `A` and `B`, and nothing else accesses them meanwhile.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
unsafe fn ab_avx2(
    m: usize,
    n: usize,
    k: usize,
    alpha: f64,
    a: *const f64,
    lda: usize,
    b: *const f64,
    ldb: usize,
    beta: f64,
    c: *mut f64,
    ldc: usize,
) {
    // Row tiles outer: a tile's rows of A (6 x k) stay in L1 across the columns, and A, the
    // tall operand of LU's updates, is read once.
    let mut i = 0;
    while i < m {
        let mr = (m - i).min(AB_MR);
        let ai = a.wrapping_add(i * lda);
        let mut j = 0;
        while j < n {
            let nc = (n - j).min(8);
            let rem = nc % 4;
            let lane = |l: usize| if l < rem { -1i64 } else { 0 };
            let mask = _mm256_set_epi64x(lane(3), lane(2), lane(1), lane(0));
            let bj = b.wrapping_add(j);
            let ci = c.wrapping_add(i * ldc + j);
            macro_rules! go {
                ($r:literal) => {
                    // SAFETY: as this function's; the tile's rows `i..i + mr` and columns
                    // `j..j + nc` are inside `C`, lanes past `nc` masked off.
                    unsafe {
                        if nc > 4 {
                            tile_ab::<$r, 2>(k, alpha, ai, lda, bj, ldb, beta, ci, ldc, rem, mask)
                        } else {
                            tile_ab::<$r, 1>(k, alpha, ai, lda, bj, ldb, beta, ci, ldc, rem, mask)
                        }
                    }
                };
            }
            match mr {
                6 => go!(6),
                5 => go!(5),
                4 => go!(4),
                3 => go!(3),
                2 => go!(2),
                _ => go!(1),
            }
            j += nc;
        }
        i += mr;
    }
}

/// One tile of [`ab_avx2`]: `R` rows by `V` vectors of 4 columns, the last vector's lanes
/// from `rem` on masked off when `rem > 0`.
///
/// # Safety
/// As [`ab_avx2`], for the `R` rows at `a` and `c` and the `4 (V - 1) + rem` (or `4 V`)
/// columns at `b` and `c`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
#[inline]
unsafe fn tile_ab<const R: usize, const V: usize>(
    k: usize,
    alpha: f64,
    a: *const f64,
    lda: usize,
    b: *const f64,
    ldb: usize,
    beta: f64,
    c: *mut f64,
    ldc: usize,
    rem: usize,
    mask: __m256i,
) {
    let mut acc = [[_mm256_setzero_pd(); V]; R];
    // SAFETY: every access below is to rows `p < k` of B, rows `r < R` of A and C, columns
    // inside the tile, the last vector masked when `rem > 0` (this function's contract).
    unsafe {
        for p in 0..k {
            let bp = b.add(p * ldb);
            let bv: [__m256d; V] = core::array::from_fn(|v| {
                if rem > 0 && v == V - 1 {
                    _mm256_maskload_pd(bp.add(4 * v), mask)
                } else {
                    _mm256_loadu_pd(bp.add(4 * v))
                }
            });
            for (r, acc_r) in acc.iter_mut().enumerate() {
                let av = _mm256_set1(*a.add(r * lda + p));
                for (x, &y) in acc_r.iter_mut().zip(&bv) {
                    *x = _mm256_fmadd_pd(av, y, *x);
                }
            }
        }
        let (va, vb) = (_mm256_set1(alpha), _mm256_set1(beta));
        for (r, acc_r) in acc.iter().enumerate() {
            for (v, &x) in acc_r.iter().enumerate() {
                let cp = c.add(r * ldc + 4 * v);
                let last = rem > 0 && v == V - 1;
                let mut out = _mm256_mul_pd(x, va);
                if beta != 0.0 {
                    let old = if last {
                        _mm256_maskload_pd(cp, mask)
                    } else {
                        _mm256_loadu_pd(cp)
                    };
                    out = _mm256_fmadd_pd(old, vb, out);
                }
                if last {
                    _mm256_maskstore_pd(cp, mask, out);
                } else {
                    _mm256_storeu_pd(cp, out);
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
use core::arch::x86_64::{
    __m256d, __m256i, _mm256_add_pd, _mm256_fmadd_pd, _mm256_hadd_pd, _mm256_loadu_pd,
    _mm256_maskload_pd, _mm256_maskstore_pd, _mm256_mul_pd, _mm256_permute2f128_pd,
    _mm256_set_epi64x, _mm256_setzero_pd, _mm256_storeu_pd,
};

/// The rows of `A` in a tile.
const MR: usize = 3;
/// The rows of `B` in a tile (the columns of `C`): one vector of sums.
const NR: usize = 4;

/// `C <- alpha A B^T + beta C`, `C` `m x n` at `c` (row stride `ldc`), `A` `m x k` at `a`,
/// `B` `n x k` at `b`, rows contiguous; with `lower`, tiles of `C` wholly above its diagonal
/// are skipped.
///
/// # Safety
/// The CPU supports AVX2 and FMA; `m, n >= 1`; `a + i * lda + p` (`i < m`, `p < k`),
/// `b + j * ldb + p` (`j < n`) are readable and `c + i * ldc + j` writable, the elements of
/// `C` distinct from those of `A` and `B`, and nothing else accesses them meanwhile.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
unsafe fn abt_avx2(
    m: usize,
    n: usize,
    k: usize,
    alpha: f64,
    a: *const f64,
    lda: usize,
    b: *const f64,
    ldb: usize,
    beta: f64,
    c: *mut f64,
    ldc: usize,
    lower: bool,
) {
    let rem = k % 4;
    // Lanes below `rem` on: the last partial chunk of the inner dimension.
    let lane = |l: usize| if l < rem { -1i64 } else { 0 };
    let kmask = _mm256_set_epi64x(lane(3), lane(2), lane(1), lane(0));
    let mut i = 0;
    while i < m {
        let mr = (m - i).min(MR);
        let mut j = 0;
        while j < n {
            if lower && j > i + mr - 1 {
                break;
            }
            let nc = (n - j).min(NR);
            // Past the last row of B: repeat it (its sums are not stored).
            let bp: [*const f64; NR] =
                core::array::from_fn(|s| b.wrapping_add((j + s.min(nc - 1)) * ldb));
            let ap = a.wrapping_add(i * lda);
            let cp = c.wrapping_add(i * ldc + j);
            // SAFETY: as this function's; the tile's rows `i..i + mr` and columns
            // `j..j + nc` are inside `C`, and `bp` points at rows of `B` below `n`.
            unsafe {
                match mr {
                    3 => tile::<3>(k, kmask, alpha, ap, lda, bp, beta, cp, ldc, nc),
                    2 => tile::<2>(k, kmask, alpha, ap, lda, bp, beta, cp, ldc, nc),
                    _ => tile::<1>(k, kmask, alpha, ap, lda, bp, beta, cp, ldc, nc),
                }
            }
            j += NR;
        }
        i += MR;
    }
}

/// One tile: `R` rows of `A` from `a` by the 4 rows of `B` at `bp`, the first `nc` columns
/// of the result stored into `C` at `c`.
///
/// # Safety
/// As [`abt_avx2`], for the `R` rows at `a` and `c` and the rows `bp` of `B`, `kmask` having
/// its first `k % 4` lanes on.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
#[inline]
unsafe fn tile<const R: usize>(
    k: usize,
    kmask: __m256i,
    alpha: f64,
    a: *const f64,
    lda: usize,
    bp: [*const f64; NR],
    beta: f64,
    c: *mut f64,
    ldc: usize,
    nc: usize,
) {
    let mut acc = [[_mm256_setzero_pd(); NR]; R];
    let full = k - k % 4;
    let mut p = 0;
    // SAFETY: `p + 3 < k` in the loop, so the four elements are inside the rows; the masked
    // loads read only lanes `p + l < k` (this function's contract).
    unsafe {
        while p < full {
            let av: [__m256d; R] = core::array::from_fn(|r| _mm256_loadu_pd(a.add(r * lda + p)));
            for s in 0..NR {
                let bv = _mm256_loadu_pd(bp[s].add(p));
                for r in 0..R {
                    acc[r][s] = _mm256_fmadd_pd(av[r], bv, acc[r][s]);
                }
            }
            p += 4;
        }
        if p < k {
            let av: [__m256d; R] =
                core::array::from_fn(|r| _mm256_maskload_pd(a.add(r * lda + p), kmask));
            for s in 0..NR {
                let bv = _mm256_maskload_pd(bp[s].add(p), kmask);
                for r in 0..R {
                    acc[r][s] = _mm256_fmadd_pd(av[r], bv, acc[r][s]);
                }
            }
        }
    }
    for (r, ar) in acc.iter().enumerate() {
        let t0 = _mm256_hadd_pd(ar[0], ar[1]);
        let t1 = _mm256_hadd_pd(ar[2], ar[3]);
        let lo = _mm256_permute2f128_pd::<0x20>(t0, t1);
        let hi = _mm256_permute2f128_pd::<0x31>(t0, t1);
        let sums = _mm256_mul_pd(_mm256_add_pd(lo, hi), _mm256_set1(alpha));
        let cr = c.wrapping_add(r * ldc);
        if nc == NR {
            // SAFETY: the 4 elements of this row of the tile are inside `C`.
            unsafe {
                let v = if beta == 0.0 {
                    sums
                } else {
                    _mm256_fmadd_pd(_mm256_loadu_pd(cr), _mm256_set1(beta), sums)
                };
                _mm256_storeu_pd(cr, v);
            }
        } else {
            let mut out = [0.0; NR];
            // SAFETY: `out` holds 4 elements.
            unsafe { _mm256_storeu_pd(out.as_mut_ptr(), sums) };
            for (l, &v) in out[..nc].iter().enumerate() {
                // SAFETY: column `l < nc` of this row of the tile is inside `C`.
                unsafe {
                    let x = cr.add(l);
                    *x = if beta == 0.0 { v } else { beta.mul_add(*x, v) };
                }
            }
        }
    }
}

/// All four lanes `x`.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn _mm256_set1(x: f64) -> __m256d {
    // SAFETY: `_mm256_set1_pd` only needs AVX, which every caller's target features include.
    unsafe { core::arch::x86_64::_mm256_set1_pd(x) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::kernels::test_data;

    /// `C <- alpha A B^T + beta C` by the definition, on a copy (all of `C`).
    #[allow(clippy::too_many_arguments)]
    fn reference(
        buf: &[f64],
        ld: usize,
        alpha: f64,
        a: Block,
        b: Block,
        beta: f64,
        c: Block,
    ) -> Vec<f64> {
        let mut out = buf.to_vec();
        for i in 0..c.rows {
            for j in 0..c.cols {
                let s: f64 = (0..a.cols)
                    .map(|p| buf[(a.r + i) * ld + a.c + p] * buf[(b.r + j) * ld + b.c + p])
                    .sum();
                let x = &mut out[(c.r + i) * ld + c.c + j];
                *x = alpha * s + beta * *x;
            }
        }
        out
    }

    #[test]
    fn every_edge_matches_the_definition() {
        let has = {
            #[cfg(target_arch = "x86_64")]
            {
                crate::gemm::has_avx2_fma()
            }
            #[cfg(not(target_arch = "x86_64"))]
            {
                false
            }
        };
        let ld = 101;
        let rows = 150;
        let buf = test_data(rows * ld, 7);
        // Sizes around the tile (3 x 4) and the vector (4) of the inner dimension, 0 and 1.
        let sizes = [0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17, 31, 32, 33];
        for &m in &sizes {
            for &n in &sizes {
                for &k in &[0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33] {
                    // A and B side by side in rows 0.., C below them (leading dimension 101,
                    // not the width of any block).
                    let a = Block::new(0, 1, m, k);
                    let b = Block::new(2, 40, n, k);
                    let c = Block::new(60, 3, m, n);
                    for (alpha, beta) in [(-1.0, 1.0), (2.0, 0.0), (0.5, -3.0)] {
                        let want = reference(&buf, ld, alpha, a, b, beta, c);
                        for lower in [false, true] {
                            let mut got = buf.clone();
                            let done = gemm_abt(&mut got, ld, alpha, a, b, beta, c, lower);
                            assert_eq!(done, has);
                            if !done {
                                continue;
                            }
                            for i in 0..rows {
                                for j in 0..ld {
                                    let (x, y) = (got[i * ld + j], want[i * ld + j]);
                                    let in_c = i >= c.r && i < c.r + m && j >= c.c && j < c.c + n;
                                    if lower && in_c && j - c.c > i - c.r {
                                        // Above the diagonal: computed or left, nothing else.
                                        assert!(
                                            x == buf[i * ld + j] || (x - y).abs() < 1e-12,
                                            "{m} {n} {k} upper ({i}, {j})"
                                        );
                                    } else {
                                        assert!(
                                            (x - y).abs() < 1e-12,
                                            "{m} {n} {k} {lower} ({i}, {j}): {x} {y}"
                                        );
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_outer_product_kernel_matches_the_definition_at_every_edge() {
        let has = {
            #[cfg(target_arch = "x86_64")]
            {
                crate::gemm::has_avx2_fma()
            }
            #[cfg(not(target_arch = "x86_64"))]
            {
                false
            }
        };
        let ld = 103;
        let rows = 120;
        let buf = test_data(rows * ld, 11);
        // Sizes around the tile (6 x 8), the vector (4), 0 and 1.
        let sizes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 17, 33];
        for &m in &sizes {
            for &n in &sizes {
                for &k in &[0, 1, 2, 5, 8, 17, 33] {
                    // A left, B right of it, C below both.
                    let a = Block::new(0, 0, m, k);
                    let b = Block::new(1, 40, k, n);
                    let c = Block::new(50, 7, m, n);
                    for (alpha, beta) in [(-1.0, 1.0), (2.0, 0.0), (0.5, -3.0)] {
                        let mut want = buf.clone();
                        for i in 0..m {
                            for j in 0..n {
                                let s: f64 = (0..k)
                                    .map(|p| buf[i * ld + p] * buf[(1 + p) * ld + 40 + j])
                                    .sum();
                                let x = &mut want[(50 + i) * ld + 7 + j];
                                *x = alpha * s + beta * *x;
                            }
                        }
                        let mut got = buf.clone();
                        assert_eq!(gemm_ab(&mut got, ld, alpha, a, b, beta, c), has);
                        if !has {
                            continue;
                        }
                        let d = got
                            .iter()
                            .zip(&want)
                            .fold(0f64, |d, (x, y)| d.max((x - y).abs()));
                        assert!(d < 1e-12, "{m} {n} {k} ({alpha}, {beta}): {d}");
                    }
                }
            }
        }
    }

    #[test]
    #[should_panic(expected = "overlaps")]
    fn an_output_over_an_input_is_refused_by_the_outer_product() {
        let mut buf = vec![0.0f64; 64];
        gemm_ab(
            &mut buf,
            8,
            1.0,
            Block::new(0, 0, 4, 4),
            Block::new(4, 0, 4, 4),
            0.0,
            Block::new(3, 3, 4, 4),
        );
    }

    #[test]
    #[should_panic(expected = "overlaps")]
    fn an_output_over_an_input_is_refused() {
        let mut buf = vec![0.0f64; 64];
        gemm_abt(
            &mut buf,
            8,
            1.0,
            Block::new(0, 0, 4, 4),
            Block::new(4, 0, 4, 4),
            0.0,
            Block::new(3, 3, 4, 4),
            false,
        );
    }

    #[test]
    #[should_panic(expected = "does not fit")]
    fn a_block_past_the_buffer_is_refused() {
        let mut buf = vec![0.0f64; 64];
        gemm_abt(
            &mut buf,
            8,
            1.0,
            Block::new(0, 6, 4, 4),
            Block::new(4, 0, 4, 4),
            0.0,
            Block::new(4, 4, 4, 4),
            false,
        );
    }
}
