//! The matrix-vector products of the Householder reductions (`reduce.rs`), over column-major
//! blocks with a leading dimension: `y = A^T x` and `y += A x` (the two products of each step
//! of the bidiagonalisation) and `y = A x` for a symmetric `A` stored as its lower triangle
//! (the product of each step of the tridiagonalisation).
//!
//! They are memory-bound passes over the trailing matrix, the half of a reduction that cannot
//! go through GEMM: a third of the SVD and a fifth of `eigh` at n = 1024. For f64 on an x86-64
//! CPU with AVX2 and FMA (detected at run time) they run on 256-bit intrinsics, four columns
//! at a time so that `y` and `x` are read once for four columns of `A`; every other case runs
//! the portable loops, which are also the reference of the tests.

use core::any::Any;

use super::householder::dot;
use crate::scalar::Float;

/// `y[j] = sum_r a[r + j ld] x[r]` for `j < y.len()`, `r < x.len()`.
///
/// # Panics
/// When `a` is too short for `y.len()` columns of `x.len()` rows with leading dimension `ld`.
pub(crate) fn gemv_t<T: Float>(a: &[T], ld: usize, x: &[T], y: &mut [T]) {
    check_block(a.len(), ld, x.len(), y.len());
    #[cfg(target_arch = "x86_64")]
    {
        if let (Some(a), Some(x), Some(y)) = (as_f64(a), as_f64(x), as_f64_mut(y))
            && crate::gemm::has_avx2_fma()
        {
            // SAFETY: the CPU supports AVX2 and FMA (just detected), and `check_block` (above) asserted
            // that `a` holds `y.len()` columns of `x.len()` rows at leading dimension `ld`.
            unsafe { avx2::gemv_t(a, ld, x, y) };
            return;
        }
    }
    gemv_t_portable(a, ld, x, y);
}

/// `y[r] += sum_j a[r + j ld] x[j]` for `r < y.len()`, `j < x.len()`.
///
/// # Panics
/// When `a` is too short for `x.len()` columns of `y.len()` rows with leading dimension `ld`.
pub(crate) fn gemv_n<T: Float>(a: &[T], ld: usize, x: &[T], y: &mut [T]) {
    check_block(a.len(), ld, y.len(), x.len());
    #[cfg(target_arch = "x86_64")]
    {
        if let (Some(a), Some(x), Some(y)) = (as_f64(a), as_f64(x), as_f64_mut(y))
            && crate::gemm::has_avx2_fma()
        {
            // SAFETY: the CPU supports AVX2 and FMA (just detected), and `check_block` (above) asserted
            // that `a` holds `x.len()` columns of `y.len()` rows at leading dimension `ld`.
            unsafe { avx2::gemv_n(a, ld, x, y) };
            return;
        }
    }
    gemv_n_portable(a, ld, x, y);
}

/// `y = A x` for the symmetric `len x len` matrix `A` whose lower triangle is at
/// `a[i + j ld]` (`i >= j`), `len = x.len() = y.len()`: one pass over the triangle, each
/// entry used for both of its places in `A`. The upper triangle is not read.
///
/// # Panics
/// When `y.len() != x.len()` or `a` is too short for the triangle.
pub(crate) fn symv_lower<T: Float>(a: &[T], ld: usize, x: &[T], y: &mut [T]) {
    assert_eq!(x.len(), y.len(), "symv_lower: x and y differ in length");
    check_block(a.len(), ld, x.len(), x.len());
    #[cfg(target_arch = "x86_64")]
    {
        if let (Some(a), Some(x), Some(y)) = (as_f64(a), as_f64(x), as_f64_mut(y))
            && crate::gemm::has_avx2_fma()
        {
            // SAFETY: the CPU supports AVX2 and FMA (just detected), `x` and `y` have the same
            // length and `check_block` asserted (both above) that `a` holds `len` columns
            // of `len` rows at leading dimension `ld`.
            unsafe { avx2::symv_lower(a, ld, x, y) };
            return;
        }
    }
    symv_lower_portable(a, ld, x, y);
}

/// Asserts that a column-major `rows x cols` block with leading dimension `ld` fits in `len`
/// elements (the last column needs only its `rows` entries), with `ld >= rows`.
fn check_block(len: usize, ld: usize, rows: usize, cols: usize) {
    assert!(
        cols == 0 || rows == 0 || (ld >= rows && (cols - 1) * ld + rows <= len),
        "matvec: a {rows} x {cols} block at leading dimension {ld} does not fit in {len} elements"
    );
}

/// `x` as `&[f64]` when `T` is `f64`. The type test goes through `Any` on the `'static`
/// pointer type, as `gemm.rs` does, and folds to a constant after monomorphisation.
#[inline(always)]
fn as_f64<T: Float>(x: &[T]) -> Option<&[f64]> {
    let p: *const T = x.as_ptr();
    let &p = (&p as &dyn Any).downcast_ref::<*const f64>()?;
    // SAFETY: the downcast succeeded, so `T` is `f64` and `p` points at the `x.len()`
    // initialised `f64`s of `x`, shared-borrowed for the lifetime of the result.
    Some(unsafe { core::slice::from_raw_parts(p, x.len()) })
}

/// `x` as `&mut [f64]` when `T` is `f64` (see [`as_f64`]).
#[inline(always)]
fn as_f64_mut<T: Float>(x: &mut [T]) -> Option<&mut [f64]> {
    let p: *mut T = x.as_mut_ptr();
    let &p = (&p as &dyn Any).downcast_ref::<*mut f64>()?;
    // SAFETY: the downcast succeeded, so `T` is `f64` and `p` points at the `x.len()`
    // initialised `f64`s of `x`, whose exclusive borrow moves into the result.
    Some(unsafe { core::slice::from_raw_parts_mut(p, x.len()) })
}

// ---------------------------------------------------------------------------------------------
// Portable loops (every element type; the reference of the intrinsics).

/// [`gemv_t`] on plain loops, four columns at a time in four sums each.
fn gemv_t_portable<T: Float>(a: &[T], ld: usize, x: &[T], y: &mut [T]) {
    let rows = x.len();
    let cols = y.len();
    let mut j = 0;
    while j + 4 <= cols {
        let c0 = &a[j * ld..j * ld + rows];
        let c1 = &a[(j + 1) * ld..(j + 1) * ld + rows];
        let c2 = &a[(j + 2) * ld..(j + 2) * ld + rows];
        let c3 = &a[(j + 3) * ld..(j + 3) * ld + rows];
        let mut s0 = [T::ZERO; 4];
        let mut s1 = [T::ZERO; 4];
        let mut s2 = [T::ZERO; 4];
        let mut s3 = [T::ZERO; 4];
        let body = rows - rows % 4;
        for r in (0..body).step_by(4) {
            let xs = &x[r..r + 4];
            let (a0, a1, a2, a3) = (&c0[r..r + 4], &c1[r..r + 4], &c2[r..r + 4], &c3[r..r + 4]);
            for t in 0..4 {
                s0[t] += a0[t] * xs[t];
                s1[t] += a1[t] * xs[t];
                s2[t] += a2[t] * xs[t];
                s3[t] += a3[t] * xs[t];
            }
        }
        let mut t = [
            (s0[0] + s0[2]) + (s0[1] + s0[3]),
            (s1[0] + s1[2]) + (s1[1] + s1[3]),
            (s2[0] + s2[2]) + (s2[1] + s2[3]),
            (s3[0] + s3[2]) + (s3[1] + s3[3]),
        ];
        for r in body..rows {
            t[0] += c0[r] * x[r];
            t[1] += c1[r] * x[r];
            t[2] += c2[r] * x[r];
            t[3] += c3[r] * x[r];
        }
        y[j..j + 4].copy_from_slice(&t);
        j += 4;
    }
    for (jj, yj) in y.iter_mut().enumerate().skip(j) {
        *yj = dot(&a[jj * ld..jj * ld + rows], x);
    }
}

/// [`gemv_n`] on plain loops, four columns at a time.
fn gemv_n_portable<T: Float>(a: &[T], ld: usize, x: &[T], y: &mut [T]) {
    let rows = y.len();
    let cols = x.len();
    let mut j = 0;
    while j + 4 <= cols {
        let c0 = &a[j * ld..j * ld + rows];
        let c1 = &a[(j + 1) * ld..(j + 1) * ld + rows];
        let c2 = &a[(j + 2) * ld..(j + 2) * ld + rows];
        let c3 = &a[(j + 3) * ld..(j + 3) * ld + rows];
        let (x0, x1, x2, x3) = (x[j], x[j + 1], x[j + 2], x[j + 3]);
        for r in 0..rows {
            y[r] += (c0[r] * x0 + c1[r] * x1) + (c2[r] * x2 + c3[r] * x3);
        }
        j += 4;
    }
    for (jj, &xj) in x.iter().enumerate().skip(j) {
        let c = &a[jj * ld..jj * ld + rows];
        for (yr, &ar) in y.iter_mut().zip(c) {
            *yr += ar * xj;
        }
    }
}

/// [`symv_lower`] on plain loops, one column at a time.
fn symv_lower_portable<T: Float>(a: &[T], ld: usize, x: &[T], y: &mut [T]) {
    let len = x.len();
    y.fill(T::ZERO);
    for j in 0..len {
        let col = &a[j + j * ld..len + j * ld];
        let xj = x[j];
        let (cs, xs) = (&col[1..], &x[j + 1..]);
        let (yhead, ys) = y.split_at_mut(j + 1);
        let mut s = [T::ZERO; 4];
        let body = cs.len() - cs.len() % 4;
        for r in (0..body).step_by(4) {
            let (c4, x4, y4) = (&cs[r..r + 4], &xs[r..r + 4], &mut ys[r..r + 4]);
            for t in 0..4 {
                s[t] += c4[t] * x4[t];
                y4[t] += c4[t] * xj;
            }
        }
        let mut acc = (s[0] + s[2]) + (s[1] + s[3]);
        for r in body..cs.len() {
            acc += cs[r] * xs[r];
            ys[r] += cs[r] * xj;
        }
        yhead[j] += col[0] * xj + acc;
    }
}

// ---------------------------------------------------------------------------------------------
// f64 on AVX2 + FMA.

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::{
        __m256d, _mm_add_pd, _mm_cvtsd_f64, _mm_unpackhi_pd, _mm256_add_pd, _mm256_castpd256_pd128,
        _mm256_extractf128_pd, _mm256_fmadd_pd, _mm256_loadu_pd, _mm256_set1_pd, _mm256_setzero_pd,
        _mm256_storeu_pd,
    };

    /// The sum of the four lanes of `v`.
    #[target_feature(enable = "avx2,fma")]
    fn hsum(v: __m256d) -> f64 {
        let pair = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd::<1>(v));
        _mm_cvtsd_f64(_mm_add_pd(pair, _mm_unpackhi_pd(pair, pair)))
    }

    /// `gemv_t` (see the portable loop): columns by four, rows by eight (eight independent
    /// sums hide the latency of the FMAs), then one column at a time.
    ///
    /// # Safety
    /// The CPU supports AVX2 and FMA, and `a` holds `y.len()` columns of `x.len()` rows at
    /// leading dimension `ld >= x.len()` (the last column needs only its rows).
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn gemv_t(a: &[f64], ld: usize, x: &[f64], y: &mut [f64]) {
        let rows = x.len();
        let cols = y.len();
        let (pa, px) = (a.as_ptr(), x.as_ptr());
        let body8 = rows - rows % 8;
        let body4 = rows - rows % 4;
        let mut j = 0;
        while j + 4 <= cols {
            // SAFETY: for every load below, column `j + c` (c < 4) starts at `(j + c) ld` and the
            // rows read are below `rows`, so each index is below `(cols - 1) ld + rows <=
            // a.len()`; `x` is read below `rows = x.len()`.
            unsafe {
                let c = [
                    pa.add(j * ld),
                    pa.add((j + 1) * ld),
                    pa.add((j + 2) * ld),
                    pa.add((j + 3) * ld),
                ];
                let mut lo = [_mm256_setzero_pd(); 4];
                let mut hi = [_mm256_setzero_pd(); 4];
                let mut r = 0;
                while r < body8 {
                    let x0 = _mm256_loadu_pd(px.add(r));
                    let x1 = _mm256_loadu_pd(px.add(r + 4));
                    for t in 0..4 {
                        lo[t] = _mm256_fmadd_pd(_mm256_loadu_pd(c[t].add(r)), x0, lo[t]);
                        hi[t] = _mm256_fmadd_pd(_mm256_loadu_pd(c[t].add(r + 4)), x1, hi[t]);
                    }
                    r += 8;
                }
                if r < body4 {
                    let x0 = _mm256_loadu_pd(px.add(r));
                    for t in 0..4 {
                        lo[t] = _mm256_fmadd_pd(_mm256_loadu_pd(c[t].add(r)), x0, lo[t]);
                    }
                }
                for t in 0..4 {
                    let mut s = hsum(_mm256_add_pd(lo[t], hi[t]));
                    for (rr, &xr) in x.iter().enumerate().skip(body4) {
                        s += *c[t].add(rr) * xr;
                    }
                    y[j + t] = s;
                }
            }
            j += 4;
        }
        for (jj, yj) in y.iter_mut().enumerate().skip(j) {
            // SAFETY: as above, for the single column `jj < cols`.
            unsafe {
                let c = pa.add(jj * ld);
                let (mut lo, mut hi) = (_mm256_setzero_pd(), _mm256_setzero_pd());
                let mut r = 0;
                while r < body8 {
                    lo = _mm256_fmadd_pd(_mm256_loadu_pd(c.add(r)), _mm256_loadu_pd(px.add(r)), lo);
                    hi = _mm256_fmadd_pd(
                        _mm256_loadu_pd(c.add(r + 4)),
                        _mm256_loadu_pd(px.add(r + 4)),
                        hi,
                    );
                    r += 8;
                }
                if r < body4 {
                    lo = _mm256_fmadd_pd(_mm256_loadu_pd(c.add(r)), _mm256_loadu_pd(px.add(r)), lo);
                }
                let mut s = hsum(_mm256_add_pd(lo, hi));
                for (rr, &xr) in x.iter().enumerate().skip(body4) {
                    s += *c.add(rr) * xr;
                }
                *yj = s;
            }
        }
    }

    /// `gemv_n` (see the portable loop): columns by four, `y` read and written once per four
    /// columns, then one column at a time.
    ///
    /// # Safety
    /// The CPU supports AVX2 and FMA, and `a` holds `x.len()` columns of `y.len()` rows at
    /// leading dimension `ld >= y.len()` (the last column needs only its rows).
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn gemv_n(a: &[f64], ld: usize, x: &[f64], y: &mut [f64]) {
        let rows = y.len();
        let cols = x.len();
        let (pa, py) = (a.as_ptr(), y.as_mut_ptr());
        let body4 = rows - rows % 4;
        let mut j = 0;
        while j + 4 <= cols {
            // SAFETY: for every access below, column `j + t` (t < 4) starts at `(j + t) ld` and
            // the rows touched are below `rows`, so each index of `a` is below
            // `(cols - 1) ld + rows <= a.len()`; `y` is accessed below `rows = y.len()`
            // through the pointer of its exclusive borrow.
            unsafe {
                let c = [
                    pa.add(j * ld),
                    pa.add((j + 1) * ld),
                    pa.add((j + 2) * ld),
                    pa.add((j + 3) * ld),
                ];
                let xb = [
                    _mm256_set1_pd(x[j]),
                    _mm256_set1_pd(x[j + 1]),
                    _mm256_set1_pd(x[j + 2]),
                    _mm256_set1_pd(x[j + 3]),
                ];
                let mut r = 0;
                while r < body4 {
                    let mut yv = _mm256_loadu_pd(py.add(r));
                    for t in 0..4 {
                        yv = _mm256_fmadd_pd(_mm256_loadu_pd(c[t].add(r)), xb[t], yv);
                    }
                    _mm256_storeu_pd(py.add(r), yv);
                    r += 4;
                }
                for rr in body4..rows {
                    let mut s = *py.add(rr);
                    for t in 0..4 {
                        s += *c[t].add(rr) * x[j + t];
                    }
                    *py.add(rr) = s;
                }
            }
            j += 4;
        }
        for (jj, &xj) in x.iter().enumerate().skip(j) {
            // SAFETY: as above, for the single column `jj < cols`.
            unsafe {
                let c = pa.add(jj * ld);
                let xb = _mm256_set1_pd(xj);
                let mut r = 0;
                while r < body4 {
                    let yv = _mm256_loadu_pd(py.add(r));
                    _mm256_storeu_pd(
                        py.add(r),
                        _mm256_fmadd_pd(_mm256_loadu_pd(c.add(r)), xb, yv),
                    );
                    r += 4;
                }
                for rr in body4..rows {
                    *py.add(rr) += *c.add(rr) * xj;
                }
            }
        }
    }

    /// `symv_lower` (see the portable loop): columns by four. For columns `j..j + 4` the
    /// 4 x 4 diagonal block is done in scalars; below it each row chunk of the four columns
    /// adds `A[r, j..j + 4] x[j..j + 4]` to `y[r]` and `A[r, j..j + 4]^T x[r]` to four running
    /// sums that go to `y[j..j + 4]`, so `y` and `x` are read once per four columns.
    ///
    /// # Safety
    /// The CPU supports AVX2 and FMA, `x.len() == y.len() = len`, and `a` holds `len` columns
    /// of `len` rows at leading dimension `ld >= len` (the last column needs only its rows).
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn symv_lower(a: &[f64], ld: usize, x: &[f64], y: &mut [f64]) {
        let len = x.len();
        y.fill(0.0);
        let (pa, px, py) = (a.as_ptr(), x.as_ptr(), y.as_mut_ptr());
        let mut j = 0;
        while j + 4 <= len {
            // SAFETY: for every access below, columns `j..j + 4` start at `(j + t) ld` with
            // `j + t < len`, and every row touched is below `len`, so each index of `a` is
            // below `(len - 1) ld + len <= a.len()`; `x` and `y` are accessed below `len`
            // (`y` through the pointer of its exclusive borrow).
            unsafe {
                let c = [
                    pa.add(j * ld),
                    pa.add((j + 1) * ld),
                    pa.add((j + 2) * ld),
                    pa.add((j + 3) * ld),
                ];
                // The diagonal block: entry (r, j + t) for j + t <= r < j + 4.
                let mut head = [0.0; 4];
                for t in 0..4 {
                    let xt = *px.add(j + t);
                    head[t] += *c[t].add(j + t) * xt;
                    for r in j + t + 1..j + 4 {
                        let v = *c[t].add(r);
                        head[r - j] += v * xt;
                        head[t] += v * *px.add(r);
                    }
                }
                let xb = [
                    _mm256_set1_pd(*px.add(j)),
                    _mm256_set1_pd(*px.add(j + 1)),
                    _mm256_set1_pd(*px.add(j + 2)),
                    _mm256_set1_pd(*px.add(j + 3)),
                ];
                let mut s = [_mm256_setzero_pd(); 4];
                let mut r = j + 4;
                while r + 4 <= len {
                    let xv = _mm256_loadu_pd(px.add(r));
                    let mut yv = _mm256_loadu_pd(py.add(r));
                    for t in 0..4 {
                        let av = _mm256_loadu_pd(c[t].add(r));
                        yv = _mm256_fmadd_pd(av, xb[t], yv);
                        s[t] = _mm256_fmadd_pd(av, xv, s[t]);
                    }
                    _mm256_storeu_pd(py.add(r), yv);
                    r += 4;
                }
                let mut tail = [0.0; 4];
                for rr in r..len {
                    let xr = *px.add(rr);
                    let mut yr = *py.add(rr);
                    for t in 0..4 {
                        let v = *c[t].add(rr);
                        yr += v * *px.add(j + t);
                        tail[t] += v * xr;
                    }
                    *py.add(rr) = yr;
                }
                for t in 0..4 {
                    *py.add(j + t) += head[t] + (hsum(s[t]) + tail[t]);
                }
            }
            j += 4;
        }
        // The last columns (fewer than four), whose rows all lie in the diagonal block.
        for jj in j..len {
            // SAFETY: as above, for column `jj < len` and rows `jj..len`.
            unsafe {
                let c = pa.add(jj * ld);
                let xj = *px.add(jj);
                let mut acc = *c.add(jj) * xj;
                for r in jj + 1..len {
                    let v = *c.add(r);
                    *py.add(r) += v * xj;
                    acc += v * *px.add(r);
                }
                *py.add(jj) += acc;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::kernels::test_data as data;

    fn close(x: &[f64], y: &[f64], scale: f64) {
        assert_eq!(x.len(), y.len());
        for (i, (a, b)) in x.iter().zip(y).enumerate() {
            assert!((a - b).abs() <= 1e-13 * scale, "entry {i}: {a} vs {b}");
        }
    }

    /// The dispatching products (the intrinsics on an AVX2 machine) agree with the portable
    /// loops on every size around the unrolling (1, 3, 7, 8, 9, 33), on empty operands and on
    /// blocks with a leading dimension above their row count; f32 takes the portable loops.
    #[test]
    fn products_match_the_portable_loops() {
        let sizes = [0usize, 1, 3, 4, 7, 8, 9, 33];
        for &rows in &sizes {
            for &cols in &sizes {
                for pad in [0usize, 5] {
                    let ld = rows + pad;
                    let a = data(
                        (cols.max(1) - 1) * ld + rows + 1,
                        (rows * 100 + cols) as u64,
                    );
                    let xr = data(rows, 7);
                    let xc = data(cols, 8);
                    let scale = (rows.max(cols) + 1) as f64;

                    let (mut y, mut want) = (vec![f64::NAN; cols], vec![0.0; cols]);
                    gemv_t(&a, ld, &xr, &mut y);
                    gemv_t_portable(&a, ld, &xr, &mut want);
                    close(&y, &want, scale);

                    let y0 = data(rows, 9);
                    let (mut y, mut want) = (y0.clone(), y0);
                    gemv_n(&a, ld, &xc, &mut y);
                    gemv_n_portable(&a, ld, &xc, &mut want);
                    close(&y, &want, scale);
                }
            }
            for pad in [0usize, 5] {
                let ld = rows + pad;
                let mut a = data((rows.max(1) - 1) * ld + rows + 1, rows as u64 + 3);
                // The strict upper triangle is not read.
                for j in 0..rows {
                    for i in 0..j {
                        a[i + j * ld] = f64::NAN;
                    }
                }
                let x = data(rows, 11);
                let (mut y, mut want) = (vec![f64::NAN; rows], vec![0.0; rows]);
                symv_lower(&a, ld, &x, &mut y);
                symv_lower_portable(&a, ld, &x, &mut want);
                close(&y, &want, (rows + 1) as f64);
                // Against the full symmetric product.
                for i in 0..rows {
                    let s: f64 = (0..rows).map(|j| a[i.max(j) + i.min(j) * ld] * x[j]).sum();
                    assert!((s - y[i]).abs() <= 1e-13 * (rows + 1) as f64);
                }
            }
        }
        let a: Vec<f32> = (0..12).map(|k| k as f32).collect();
        let mut y = [0.0f32; 3];
        gemv_t(&a, 4, &[1.0, 0.0, 0.0, 1.0], &mut y);
        assert_eq!(y, [3.0, 11.0, 19.0]);
    }

    #[test]
    #[should_panic(expected = "does not fit")]
    fn a_short_block_panics() {
        let a = vec![0.0f64; 10];
        let mut y = vec![0.0; 3];
        gemv_t(&a, 4, &[1.0; 4], &mut y);
    }
}
