//! Cholesky factorisation `A = L L^T` of a symmetric positive definite matrix, row-major.

use crate::linalg::kernels::blocks::{Block, Shared, check_blocks, gemm_blocks};
use crate::linalg::kernels::householder::dot;
use crate::linalg::kernels::small_gemm::{gemm_abt, gemm_abt_shared};
use crate::parallel::{MIN_FLOPS_PER_TASK, threads};
use crate::scalar::Float;

/// The size up to which [`cholesky`] runs one base case (left-looking, `factor_block`), and
/// the recursion's base case above it; chosen with min-of-batches kernel timings: n = 128,
/// 41 us as one base case against 50 us by recursion down to 32; n = 256, 253 us against
/// 265 us with base 32; n = 1024, 12.85 ms against 12.8 ms.
pub const CHOLESKY_BLOCK: usize = 128;

/// Triangles up to this many columns are solved through their inverse in the recursive
/// triangular solve of the panel; larger ones split in two around a GEMM.
const TRSM_BASE: usize = 32;

/// Trailing updates up to this many rows are one GEMM over the whole square (the part above
/// the diagonal is computed and later cleared); larger ones split in two. Kernel timings (min
/// of batches) at n = 1024: 14.3-15.0 ms with 16, 15.4-19.1 ms with 32, 22.2 ms with 64; the
/// same at n = 64 and 256.
const SYRK_BASE: usize = 16;

/// [`cholesky_recursive`] with base case [`CHOLESKY_BLOCK`].
///
/// # Errors
/// As [`cholesky_unblocked`].
pub fn cholesky<T: Float>(a: &mut [T], n: usize, lda: usize) -> Result<(), usize> {
    cholesky_recursive(a, n, lda, CHOLESKY_BLOCK)
}

/// Recursive Cholesky in place, same contract as [`cholesky_unblocked`]: the leading half of
/// the columns is factored (recursively), the panel below it solved, `L21 = A21 L11^-T`, the
/// trailing block updated, `A22 -= L21 L21^T` (the O(n^3) work, as GEMMs on blocks of the
/// matrix itself, no copies), and the trailing block factored (recursively). Diagonal blocks
/// of at most `base` columns are factored unblocked.
///
/// # Errors
/// As [`cholesky_unblocked`].
pub fn cholesky_recursive<T: Float>(
    a: &mut [T],
    n: usize,
    lda: usize,
    base: usize,
) -> Result<(), usize> {
    let mut inv = Inverses {
        linv: vec![T::ZERO; n * TRSM_BASE],
        width: vec![0; n],
    };
    recursive(a, lda, 0, n, base.max(1), &mut inv)?;
    zero_upper(a, n, lda);
    Ok(())
}

/// `L^-1` of the diagonal blocks of at most [`TRSM_BASE`] columns, formed once and used by
/// every triangular solve against the block: for the block of `width[t]` columns at `(t, t)`,
/// row `i` of its `L^-1` at `linv[(t + i) * TRSM_BASE..]` (zero past `i`). `width[t]` is 0
/// when no block starting at `t` has been inverted.
struct Inverses<T> {
    /// The rows of the inverses, [`TRSM_BASE`] slots each.
    linv: Vec<T>,
    /// The size of the block whose inverse starts at each row.
    width: Vec<usize>,
}

/// Factors the diagonal block of size `n` at `(k, k)`, its earlier columns already
/// subtracted; pivots are reported from the matrix's origin.
fn recursive<T: Float>(
    a: &mut [T],
    ld: usize,
    k: usize,
    n: usize,
    base: usize,
    inv: &mut Inverses<T>,
) -> Result<(), usize> {
    if n <= base {
        return factor_block(a, k, n, ld);
    }
    let h = n / 2;
    let m = n - h;
    recursive(a, ld, k, h, base, inv)?;
    solve_lt_right(a, ld, k, h, k + h, m, inv);
    syrk_lower(a, ld, Block::new(k + h, k, m, h));
    recursive(a, ld, k + h, m, base, inv)
}

/// `X := X L^-T` for the block `X` of rows `r..r + m`, columns `t..t + w`, `L` the lower
/// triangle of the diagonal block of size `w` at `(t, t)` (`r >= t + w`): the inverses of
/// `L`'s diagonal blocks formed first ([`prepare`]), then the rows solved by [`solve_rows`]
/// (in tasks of whole rows with the feature `rayon`).
fn solve_lt_right<T: Float>(
    a: &mut [T],
    ld: usize,
    t: usize,
    w: usize,
    r: usize,
    m: usize,
    inv: &mut Inverses<T>,
) {
    assert!(
        r >= t + w && (m == 0 || (r + m - 1) * ld + t + w <= a.len()),
        "solve_lt_right: blocks out of order or past the buffer"
    );
    prepare(a, ld, t, w, inv);
    let buf = Shared::new(a);
    // SAFETY: this call is the only user of the buffer; the rows `r..r + m` lie below the
    // triangle (`r >= t + w`, asserted), which is all `solve_rows` reads besides them.
    unsafe { solve_rows(buf, ld, t, w, r, m, m, inv, threads()) };
}

/// Forms the inverses [`solve_block`] uses for the triangle of size `w` at `(t, t)`: those of
/// its diagonal blocks of at most [`TRSM_BASE`] columns that are not held yet.
fn prepare<T: Float>(a: &[T], ld: usize, t: usize, w: usize, inv: &mut Inverses<T>) {
    if w > TRSM_BASE {
        let h = w / 2;
        prepare(a, ld, t, h, inv);
        prepare(a, ld, t + h, w - h, inv);
        return;
    }
    if inv.width[t] == w {
        return;
    }
    // The rows of blocks inside this one are overwritten: forget them.
    inv.width[t..t + w].fill(0);
    inv.width[t] = w;
    let linv = &mut inv.linv[t * TRSM_BASE..(t + w) * TRSM_BASE];
    #[cfg(target_arch = "x86_64")]
    {
        if crate::gemm::has_avx2_fma() {
            // SAFETY: `invert_l_avx2` only requires the CPU to support AVX2 and FMA, which
            // `has_avx2_fma` just detected at run time.
            unsafe { invert_l_avx2(a, ld, t, w, linv) };
            return;
        }
    }
    invert_l::<T, false>(a, ld, t, w, linv);
}

/// [`invert_l`] compiled for AVX2, with fused multiply-adds.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn invert_l_avx2<T: Float>(top: &[T], ld: usize, t: usize, w: usize, linv: &mut [T]) {
    invert_l::<T, true>(top, ld, t, w, linv);
}

/// Rows solved per task of [`solve_rows`] at least, and the multiple of rows it cuts at (so
/// that [`solve_base`]'s groups of 4 rows, and the GEMMs' register tiles, are the same as in
/// one task).
const TRSM_ROWS: usize = 16;

/// [`solve_block`] for the rows `r..r + m` of the `all` rows of the solve, cut in two tasks of
/// whole rows (at a multiple of [`TRSM_ROWS`] from `r`) while `parts > 1` and the rows hold
/// [`MIN_FLOPS_PER_TASK`] multiply-adds. Each row is the same arithmetic whatever rows are
/// solved beside it, so the results are the same bits on any number of tasks.
///
/// # Safety
/// No other user of the buffer touches the rows `r..r + m` or writes the rows `t..t + w`
/// meanwhile; `r >= t + w` and the blocks lie inside the buffer.
#[allow(clippy::too_many_arguments)]
unsafe fn solve_rows<T: Float>(
    buf: Shared<'_, T>,
    ld: usize,
    t: usize,
    w: usize,
    r: usize,
    m: usize,
    all: usize,
    inv: &Inverses<T>,
    parts: usize,
) {
    let h = (m / 2) / TRSM_ROWS * TRSM_ROWS;
    if parts > 1 && h > 0 && m * w * w / 2 >= MIN_FLOPS_PER_TASK {
        let p1 = parts / 2;
        crate::parallel::join(
            // SAFETY: the rows `r..r + h` and `r + h..r + m` are disjoint parts of ours.
            || unsafe { solve_rows(buf, ld, t, w, r, h, all, inv, p1) },
            // SAFETY: as for the first half.
            || unsafe { solve_rows(buf, ld, t, w, r + h, m - h, all, inv, parts - p1) },
        );
        return;
    }
    // SAFETY: our contract.
    unsafe { solve_block(buf, ld, t, w, r, m, all, inv) };
}

/// `X := X L^-T` for the rows `r..r + m` of [`solve_lt_right`]'s block: recursive, the
/// second half of the columns updated by one GEMM, whose kernel is chosen by the size of the
/// whole solve (`all` rows), so that every row meets the same kernels on any cut.
///
/// # Safety
/// As [`solve_rows`]; `inv` holds the inverses of the triangle's diagonal blocks.
#[allow(clippy::too_many_arguments)]
unsafe fn solve_block<T: Float>(
    buf: Shared<'_, T>,
    ld: usize,
    t: usize,
    w: usize,
    r: usize,
    m: usize,
    all: usize,
    inv: &Inverses<T>,
) {
    if w > TRSM_BASE {
        let h = w / 2;
        // SAFETY: (the three calls) our contract; the GEMM writes only our rows `r..r + m`
        // and reads them and the triangle.
        unsafe {
            solve_block(buf, ld, t, h, r, m, all, inv);
            // X2 -= X1 L21^T
            let (x1, l21, x2) = (
                Block::new(r, t, m, h),
                Block::new(t + h, t, w - h, h),
                Block::new(r, t + h, m, w - h),
            );
            if !(unpacked(all * h * (w - h))
                && gemm_abt_shared(buf, ld, -T::ONE, x1, l21, T::ONE, x2, false))
            {
                buf.gemm(ld, -T::ONE, x1, false, l21, true, T::ONE, x2);
            }
            solve_block(buf, ld, t + h, w - h, r, m, all, inv);
        }
        return;
    }
    if m == 0 {
        return;
    }
    debug_assert_eq!(inv.width[t], w, "the inverse was formed");
    // SAFETY: nothing else touches our rows `r..r + m` meanwhile (our contract); they lie
    // inside the buffer (`r + m - 1` is a row of it, with its columns up to `t + w`).
    let x = unsafe { buf.slice_mut(r * ld, ((r + m) * ld).min(buf.len())) };
    let linv = &inv.linv[t * TRSM_BASE..(t + w) * TRSM_BASE];
    #[cfg(target_arch = "x86_64")]
    {
        if crate::gemm::has_avx2_fma() {
            // SAFETY: `solve_base_avx2` only requires the CPU to support AVX2 and FMA, which
            // `has_avx2_fma` just detected at run time.
            unsafe { solve_base_avx2(x, ld, t, w, m, linv) };
            return;
        }
    }
    solve_base::<T, false>(x, ld, t, w, m, linv);
}

/// [`solve_base`] compiled for AVX2, with fused multiply-adds.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
fn solve_base_avx2<T: Float>(x: &mut [T], ld: usize, t: usize, w: usize, m: usize, linv: &[T]) {
    solve_base::<T, true>(x, ld, t, w, m, linv);
}

/// `a b + c`, fused (one rounding) with `FMA`: only where the CPU has the instruction, since
/// elsewhere `mul_add` is a slow library call.
#[inline(always)]
fn mul_add<T: Float, const FMA: bool>(a: T, b: T, c: T) -> T {
    if FMA { a.mul_add(b, c) } else { a * b + c }
}
/// `linv := L^-1` for `L` the lower triangle of size `w <= TRSM_BASE` at `(t, t)` of `top`: row
/// `i` at `linv[i * TRSM_BASE..]`, all its slots written (zero past `i`). Each row is `e_i`
/// minus the earlier rows times `L`'s row `i`, over the diagonal: vectorised, no chain of
/// dependences within a row.
#[inline(always)]
fn invert_l<T: Float, const FMA: bool>(top: &[T], ld: usize, t: usize, w: usize, linv: &mut [T]) {
    const B: usize = TRSM_BASE;
    for i in 0..w {
        let li = &top[(t + i) * ld + t..(t + i) * ld + t + i + 1];
        let (done, rest) = linv.split_at_mut(i * B);
        let acc = &mut rest[..B];
        acc.fill(T::ZERO);
        acc[i] = T::ONE;
        for (q, &f) in li[..i].iter().enumerate() {
            // Row q of L^-1 is zero past q.
            for (s, &v) in acc[..=q].iter_mut().zip(&done[q * B..=q * B + q]) {
                *s = mul_add::<T, FMA>(-f, v, *s);
            }
        }
        let d = li[i];
        for s in acc[..=i].iter_mut() {
            *s /= d;
        }
    }
}

/// The base case of [`solve_block`], `w <= TRSM_BASE`: `X := X L^-T` for the `m` rows
/// `x[i * ld + t..][..w]`, `linv` the `L^-1` of the lower triangle at `(t, t)` as
/// [`invert_l`] writes it. Each row becomes `x L^-T`, a product with no chain of dependences
/// (it vectorises), where substitution makes `w` dependent steps.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn solve_base<T: Float, const FMA: bool>(
    x: &mut [T],
    ld: usize,
    t: usize,
    w: usize,
    m: usize,
    linv: &[T],
) {
    const B: usize = TRSM_BASE;
    // mt = (L^-1)^T = L^-T, row p at mt[p * B..], zero left of p.
    let mut mt = [T::ZERO; B * B];
    for i in 0..w {
        for p in 0..=i {
            mt[p * B + i] = linv[i * B + p];
        }
    }
    // Four rows at a time, by groups of G columns: column group g of x M only needs the
    // first G (g + 1) entries of x (M is upper triangular), and 4 x G accumulators give the
    // multiply-adds enough independent chains.
    const G: usize = 8;
    const R: usize = 4;
    let groups = w.div_ceil(G);
    let mut i = 0;
    while i + R <= m {
        let mut out = [[T::ZERO; B]; R];
        for g in 0..groups {
            let mut acc = [[T::ZERO; G]; R];
            for j in 0..w.min((g + 1) * G) {
                let mrow: &[T; G] = mt[j * B + g * G..j * B + g * G + G]
                    .try_into()
                    .expect("G columns");
                for (r, acc_r) in acc.iter_mut().enumerate() {
                    let xr = x[(i + r) * ld + t + j];
                    for (s, &v) in acc_r.iter_mut().zip(mrow) {
                        *s = mul_add::<T, FMA>(xr, v, *s);
                    }
                }
            }
            for (o, a) in out.iter_mut().zip(&acc) {
                o[g * G..g * G + G].copy_from_slice(a);
            }
        }
        for (r, o) in out.iter().enumerate() {
            x[(i + r) * ld + t..(i + r) * ld + t + w].copy_from_slice(&o[..w]);
        }
        i += R;
    }
    for i in i..m {
        let row = &mut x[i * ld + t..i * ld + t + w];
        let mut acc = [T::ZERO; B];
        for (j, &xj) in row.iter().enumerate() {
            for (s, &v) in acc.iter_mut().zip(&mt[j * B..j * B + B]) {
                *s = mul_add::<T, FMA>(xj, v, *s);
            }
        }
        row.copy_from_slice(&acc[..w]);
    }
}

/// Whether a product of `work` multiply-adds goes to the unpacked kernel ([`gemm_abt`])
/// rather than to [`gemm_blocks`] (matrixmultiply): below the size from which `gemm_blocks`
/// cuts a product in halves for two threads (feature `rayon`). Above it the two ran equal on
/// one thread (order 1024: 13.8-14.6 ms unpacked against 13.95-14.05 ms, alternated; 64 and
/// 256 within 1 %), and matrixmultiply stays the GEMM of every large product.
fn unpacked(work: usize) -> bool {
    work < 2 * MIN_FLOPS_PER_TASK
}

/// `C -= L L^T` on and below the diagonal of `C`, the square block with the rows of the block
/// `l` whose first column is its first row (`C` at `(l.r, l.r)`, right of `l`): by
/// [`syrk_rows`], its halves as two tasks with the feature `rayon`.
///
/// # Panics
/// When `C` does not lie right of `l` or past the buffer.
fn syrk_lower<T: Float>(a: &mut [T], ld: usize, l: Block) {
    let c = Block::new(l.r, l.r, l.rows, l.rows);
    assert!(
        l.c + l.cols <= l.r,
        "syrk_lower: the output is not right of the input"
    );
    check_blocks("syrk_lower", a.len(), ld, &l, &l, &c);
    let buf = Shared::new(a);
    // SAFETY: this call is the only user of the buffer, and `L` lies left of `C` in the same
    // rows (asserted), both inside the buffer.
    unsafe { syrk_rows(buf, ld, l) };
}

/// [`syrk_lower`]'s recursion: `C11 -= L1 L1^T` as one task, `C21 -= L2 L1^T` then
/// `C22 -= L2 L2^T` as the other (the rows of `C` split in two; serial on one thread, in
/// that order). Each task runs the calls the serial recursion makes, so the results are the
/// same bits on any number of threads.
///
/// # Safety
/// No other user of the buffer touches the rows of `C` (`l.r..l.r + l.rows`) meanwhile;
/// `l.c + l.cols <= l.r` and both blocks lie inside the buffer.
unsafe fn syrk_rows<T: Float>(buf: Shared<'_, T>, ld: usize, l: Block) {
    let m = l.rows;
    let c = Block::new(l.r, l.r, m, m);
    if unpacked(m * m * l.cols / 2)
        // SAFETY: our contract: `C` is ours, `L` in our rows and not written.
        && unsafe { gemm_abt_shared(buf, ld, -T::ONE, l, l, T::ONE, c, true) }
    {
        return;
    }
    if m <= SYRK_BASE {
        // SAFETY: as above.
        unsafe { buf.gemm(ld, -T::ONE, l, false, l, true, T::ONE, c) };
        return;
    }
    let h = m / 2;
    let l1 = Block::new(l.r, l.c, h, l.cols);
    let l2 = Block::new(l.r + h, l.c, m - h, l.cols);
    crate::parallel::join_when(
        true,
        // SAFETY: this task writes only the rows `l.r..l.r + h` of `C` and reads only `L1`,
        // in the same rows but left of `C`: the other task writes only the rows below, and
        // reads `L1` and `L2`, which nothing writes.
        || unsafe { syrk_rows(buf, ld, l1) },
        || {
            let c21 = Block::new(l.r + h, l.r, m - h, h);
            // SAFETY: this task writes only the rows `l.r + h..l.r + m` of `C` (`C21` and
            // `C22`), which the other task neither reads nor writes, and reads `L1` and `L2`,
            // left of `C`, which neither writes.
            unsafe {
                buf.gemm(ld, -T::ONE, l2, false, l1, true, T::ONE, c21);
                syrk_rows(buf, ld, l2);
            }
        },
    );
}

/// Overwrites the lower triangle of the `n x n` matrix `a` (leading dimension `lda`) with `L`
/// and sets the strictly upper triangle to 0. Only the lower triangle of `a` is read.
///
/// # Errors
/// `Err(j)` when the pivot of column `j` is not positive (or not finite): the matrix is not
/// positive definite. `a` is then partly overwritten.
pub fn cholesky_unblocked<T: Float>(a: &mut [T], n: usize, lda: usize) -> Result<(), usize> {
    factor_block(a, 0, n, lda)?;
    zero_upper(a, n, lda);
    Ok(())
}

/// [`factor_lower`], in its AVX2 build when the CPU has AVX2.
fn factor_block<T: Float>(a: &mut [T], k: usize, nb: usize, lda: usize) -> Result<(), usize> {
    #[cfg(target_arch = "x86_64")]
    {
        if crate::gemm::has_avx2_fma() {
            if core::any::TypeId::of::<T>() == core::any::TypeId::of::<f64>() {
                return factor_panels(a, k, nb, lda);
            }
            // SAFETY: `factor_lower_avx2` only requires the CPU to support AVX2 and FMA, which
            // `has_avx2_fma` just detected at run time.
            return unsafe { factor_lower_avx2(a, k, nb, lda) };
        }
    }
    factor_lower(a, k, nb, lda)
}

/// The columns of a panel of [`factor_panels`].
const PANEL: usize = 4;

/// Left-looking by panels of [`PANEL`] columns on the diagonal block of size `nb` at `(k, k)`
/// (same contract as [`factor_lower`]): each panel's rows first lose the product of the
/// columns before it, `A[j.., j..j + 4] -= L[j.., ..j] L[j..j + 4, ..j]^T` (the
/// O(nb^3) work, in the AVX2 + FMA kernel of [`gemm_abt`]), then the panel is factored by
/// Crout, its four columns against each other.
fn factor_panels<T: Float>(a: &mut [T], k: usize, nb: usize, lda: usize) -> Result<(), usize> {
    let mut j0 = 0;
    while j0 < nb {
        let jb = PANEL.min(nb - j0);
        if j0 > 0 {
            let rows = Block::new(k + j0, k, nb - j0, j0);
            let panel = Block::new(k + j0, k, jb, j0);
            let c = Block::new(k + j0, k + j0, nb - j0, jb);
            if !gemm_abt(a, lda, -T::ONE, rows, panel, T::ONE, c, true) {
                gemm_blocks(a, lda, -T::ONE, rows, false, panel, true, T::ONE, c);
            }
        }
        // The panel's diagonal block by Crout, its inverse pivots kept.
        let mut l = [[T::ZERO; PANEL]; PANEL];
        let mut inv = [T::ZERO; PANEL];
        for j in 0..jb {
            let rj = (k + j0 + j) * lda + k + j0;
            let lj = &mut a[rj..rj + j + 1];
            let d = lj[..j].iter().fold(lj[j], |d, &x| d - x * x);
            // Not `d <= 0`: a NaN pivot must fail too.
            if d.partial_cmp(&T::ZERO) != Some(core::cmp::Ordering::Greater) || !d.is_finite() {
                return Err(k + j0 + j);
            }
            lj[j] = d.sqrt();
            inv[j] = T::ONE / lj[j];
            l[j][..=j].copy_from_slice(lj);
            for i in j + 1..jb {
                let ri = (k + j0 + i) * lda + k + j0;
                let s = (0..j).fold(a[ri + j], |s, q| s - a[ri + q] * l[j][q]);
                a[ri + j] = s * inv[j];
            }
        }
        // The rows below: each row's `jb` entries against the diagonal block, in registers.
        for i in j0 + jb..nb {
            let ri = (k + i) * lda + k + j0;
            let row = &mut a[ri..ri + jb];
            for j in 0..jb {
                let s = (0..j).fold(row[j], |s, q| s - row[q] * l[j][q]);
                row[j] = s * inv[j];
            }
        }
        j0 += jb;
    }
    Ok(())
}

/// [`factor_lower`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn factor_lower_avx2<T: Float>(a: &mut [T], k: usize, nb: usize, lda: usize) -> Result<(), usize> {
    factor_lower(a, k, nb, lda)
}

/// Crout by rows on the diagonal block of size `nb` at `(k, k)`, assuming every earlier column
/// of the block's rows has been subtracted already (it is the whole job when `k = 0`, `nb = n`).
#[inline(always)]
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

/// Sets the strictly upper triangle of the `n x n` matrix to 0: with the feature `rayon`, in
/// two tasks of whole rows (of about equal areas) from [`ZERO_SPLIT`] elements.
pub(crate) fn zero_upper<T: Float>(a: &mut [T], n: usize, lda: usize) {
    zero_upper_rows(a, 0, n, n, lda);
}

/// Elements of a triangle above which [`zero_upper`] (and Cholesky's check of its input) run
/// as two tasks: two tasks of [`crate::parallel::MIN_ELEMS_PER_TASK`].
pub(crate) const ZERO_SPLIT: usize = 2 * crate::parallel::MIN_ELEMS_PER_TASK;

/// The row that cuts the rows `r0..r1` (`r1 <= n`) of a triangle of order `n` into two parts
/// of about equal areas, the area of row `i` growing (`rising`, as `i`) or falling (as
/// `n - i`): strictly between `r0` and `r1` when `r1 - r0 >= 2`.
pub(crate) fn equal_areas(r0: usize, r1: usize, n: usize, rising: bool) -> usize {
    // Rising: rows 0..s hold s^2 / 2, so s^2 = (r0^2 + r1^2) / 2; falling: the same from n.
    let mid = |x: usize, y: usize| (((x * x + y * y) / 2) as f64).sqrt() as usize;
    let s = if rising {
        mid(r0, r1)
    } else {
        n - mid(n - r0, n - r1)
    };
    s.clamp(r0 + 1, r1.saturating_sub(1).max(r0 + 1))
}

/// [`zero_upper`] on the rows `r0..r1`, `a` starting at row `r0`.
fn zero_upper_rows<T: Float>(a: &mut [T], r0: usize, r1: usize, n: usize, lda: usize) {
    let area = (r0..r1).map(|i| n - i - 1).sum::<usize>();
    if r1 - r0 >= 2 && area >= ZERO_SPLIT && threads() > 1 {
        let s = equal_areas(r0, r1, n, false);
        let (top, bottom) = a.split_at_mut((s - r0) * lda);
        crate::parallel::join(
            || zero_upper_rows(top, r0, s, n, lda),
            || zero_upper_rows(bottom, s, r1, n, lda),
        );
        return;
    }
    for i in r0..r1 {
        let row = (i - r0) * lda;
        for x in &mut a[row + i + 1..row + n] {
            *x = T::ZERO;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recursive_matches_unblocked_with_every_base_size() {
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
                cholesky_recursive(&mut a2, n, n, nb).unwrap();
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
            assert_eq!(cholesky_recursive(&mut bad, n, n, 3), e1);
        }
    }

    #[test]
    fn panels_match_the_plain_crout_loop() {
        // Sizes about the panel (4) and the tile of the update (3 x 4); the plain loop is
        // also the portable fallback.
        for n in [1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 31, 33, 63, 64, 65, 70] {
            let ld = n + 3;
            let b = crate::linalg::kernels::test_data(n * ld, n as u64);
            let mut a0 = vec![7.0; n * ld];
            for i in 0..n {
                for j in 0..n {
                    a0[i * ld + j] = (0..n).map(|p| b[i * ld + p] * b[j * ld + p]).sum::<f64>();
                }
                a0[i * ld + i] += 1.0;
            }
            let mut want = a0.clone();
            factor_lower(&mut want, 0, n, ld).unwrap();
            let mut got = a0.clone();
            factor_block(&mut got, 0, n, ld).unwrap();
            for i in 0..n {
                for j in 0..=i {
                    let (x, y) = (got[i * ld + j], want[i * ld + j]);
                    assert!((x - y).abs() < 1e-12, "n = {n} ({i}, {j}): {x} {y}");
                }
                // Past the matrix's columns: untouched.
                assert_eq!(&got[i * ld + n..i * ld + ld], &a0[i * ld + n..i * ld + ld]);
            }
            let mut bad = a0.clone();
            bad[(n - 1) * ld + n - 1] = -1.0;
            assert_eq!(factor_block(&mut bad, 0, n, ld), Err(n - 1));
        }
    }

    #[test]
    fn default_entry_reconstructs_a_around_every_threshold() {
        // Sizes about the panel (4), the solve's base (32), the update's (16) and the base
        // case (128); at 420 the largest products pass the cut to `gemm_blocks`.
        for n in [
            0, 1, 2, 3, 4, 5, 15, 16, 17, 31, 32, 33, 63, 64, 65, 97, 127, 128, 129, 200, 420,
        ] {
            let b: Vec<f64> = (0..n * n)
                .map(|k| ((k * 7919 % 10007) as f64 / 10007.0) - 0.5)
                .collect();
            let mut a0 = vec![0.0; n * n];
            for i in 0..n {
                for j in 0..n {
                    a0[i * n + j] = (0..n).map(|p| b[i * n + p] * b[j * n + p]).sum::<f64>();
                }
                a0[i * n + i] += 1.0;
            }
            let mut l = a0.clone();
            cholesky(&mut l, n, n).unwrap();
            for i in 0..n {
                for j in 0..n {
                    let llt: f64 = (0..n).map(|p| l[i * n + p] * l[j * n + p]).sum();
                    assert!(
                        (llt - a0[i * n + j]).abs() < 1e-12 * n as f64,
                        "n = {n} ({i}, {j})"
                    );
                    if j > i {
                        assert_eq!(l[i * n + j], 0.0);
                    }
                }
            }
        }
    }

    #[test]
    fn equal_areas_cuts_strictly_inside_in_about_equal_halves() {
        for n in [2, 3, 5, 64, 363, 1024] {
            for (r0, r1) in [
                (0, n),
                (0, 2.min(n)),
                (n / 3, n),
                (n / 2, n / 2 + 2),
                (0, n / 2 + 1),
            ] {
                if r1 < r0 + 2 || r1 > n {
                    continue;
                }
                for rising in [true, false] {
                    let s = equal_areas(r0, r1, n, rising);
                    assert!(r0 < s && s < r1, "n = {n}, {r0}..{r1}, {rising}: {s}");
                    let area = |a: usize, b: usize| {
                        (a..b)
                            .map(|i| if rising { i + 1 } else { n - i })
                            .sum::<usize>()
                    };
                    let (x, y) = (area(r0, s), area(s, r1));
                    // Within a row's area of each other (or of a rounding of the root).
                    assert!(x.abs_diff(y) <= 2 * (n + 1), "n = {n}, {r0}..{r1}: {x} {y}");
                }
            }
        }
    }

    #[test]
    fn zero_upper_clears_exactly_the_upper_triangle() {
        // Orders about the cut into two tasks (2^16 elements above the diagonal); a padded
        // leading dimension keeps its padding.
        for n in [1, 2, 3, 362, 363, 364, 401] {
            let ld = n + 2;
            let mut a = vec![1.0f64; n * ld];
            zero_upper(&mut a, n, ld);
            for i in 0..n {
                for j in 0..ld {
                    let want = if j > i && j < n { 0.0 } else { 1.0 };
                    assert_eq!(a[i * ld + j], want, "n = {n} ({i}, {j})");
                }
            }
        }
    }
}
