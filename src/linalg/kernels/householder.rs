//! Householder reflectors: building one from a vector and applying it from either side.
//!
//! A reflector is `H = I - tau v v^T` with `v[0] = 1`. [`house`] chooses `v` and `tau` so that
//! `H x = beta e_1` with `|beta| = ||x||_2`; `H` is symmetric and orthogonal. The matrices that
//! [`apply_left`] and [`apply_right`] update are plain slices with a row stride and a column
//! stride (element `(i, j)` at `a[i * rs + j * cs]`), so both row-major and column-major
//! storage work; the loops run along whichever stride is 1. `apply_reflectors` applies a
//! whole sequence of them to a column-major matrix, by compact-WY blocks from 40 rows on.

use crate::gemm::{MatMut, MatRef, gemm};
use crate::scalar::Float;

/// The 2-norm of `x` without overflow or underflow for huge or tiny entries; NaN when `x`
/// holds a NaN. The same function as `norm_l2` of a tensor (`ops/kernels.rs` is its home).
///
/// ```
/// use shaped::linalg::kernels::householder::norm2;
/// assert_eq!(norm2(&[3e300f64, 4e300]), 5e300);
/// assert!(norm2(&[f64::NAN, 1.0]).is_nan());
/// ```
pub fn norm2<T: Float>(x: &[T]) -> T {
    crate::ops::kernels::norm_l2_slice(x)
}

/// Builds the reflector that maps `x` to `beta e_1`, in place.
///
/// On return `x` holds `v` (with `x[0] = 1`); the result is `(tau, beta)`, with
/// `beta = -sign(x[0]) ||x||_2` (LAPACK's choice, which avoids cancellation) and
/// `tau = (beta - x[0]) / beta`. When `x[1..]` is zero no reflection is needed: `tau = 0`,
/// `beta = x[0]`. An empty `x` gives `(0, 0)`.
///
/// ```
/// use shaped::linalg::kernels::householder::{apply_left, house};
/// let x0 = [3.0f64, 4.0];
/// let mut v = x0;
/// let (tau, beta) = house(&mut v);
/// assert!((beta + 5.0).abs() < 1e-12);
/// // H x0 = beta e_1
/// let mut hx = x0;
/// apply_left(&v, tau, &mut hx, 2, 1, 1, 1);
/// assert!((hx[0] - beta).abs() < 1e-12 && hx[1].abs() < 1e-12);
/// ```
pub fn house<T: Float>(x: &mut [T]) -> (T, T) {
    let Some((&mut alpha, tail)) = x.split_first_mut() else {
        return (T::ZERO, T::ZERO);
    };
    let tail_norm = norm2(tail);
    if tail_norm == T::ZERO {
        x[0] = T::ONE;
        return (T::ZERO, alpha);
    }
    let norm = alpha.hypot(tail_norm);
    let beta = if alpha >= T::ZERO { -norm } else { norm };
    let tau = (beta - alpha) / beta;
    let scale = T::ONE / (alpha - beta);
    for t in tail.iter_mut() {
        *t *= scale;
    }
    x[0] = T::ONE;
    (tau, beta)
}

/// `A := (I - tau v v^T) A` for the `m x n` matrix `A` with `m = v.len()`, element `(i, j)` at
/// `a[i * rs + j * cs]`.
///
/// # Panics
/// When `a` is too short for the given sizes and strides.
pub fn apply_left<T: Float>(
    v: &[T],
    tau: T,
    a: &mut [T],
    m: usize,
    n: usize,
    rs: usize,
    cs: usize,
) {
    debug_assert_eq!(v.len(), m);
    if tau == T::ZERO || m == 0 || n == 0 {
        return;
    }
    if rs == 1 {
        // Columns are contiguous: one dot and one axpy per column.
        for j in 0..n {
            let col = &mut a[j * cs..j * cs + m];
            let w = dot(v, col) * tau;
            for (c, &vi) in col.iter_mut().zip(v) {
                *c -= w * vi;
            }
        }
    } else {
        // w^T = v^T A accumulated row by row, then A -= tau v w^T row by row.
        let mut w = vec![T::ZERO; n];
        for (i, &vi) in v.iter().enumerate() {
            if vi != T::ZERO {
                for (j, wj) in w.iter_mut().enumerate() {
                    *wj += vi * a[i * rs + j * cs];
                }
            }
        }
        for (i, &vi) in v.iter().enumerate() {
            let f = tau * vi;
            if f != T::ZERO {
                for (j, &wj) in w.iter().enumerate() {
                    a[i * rs + j * cs] -= f * wj;
                }
            }
        }
    }
}

/// `A := A (I - tau v v^T)` for the `m x n` matrix `A` with `n = v.len()`, element `(i, j)` at
/// `a[i * rs + j * cs]`.
///
/// # Panics
/// When `a` is too short for the given sizes and strides.
pub fn apply_right<T: Float>(
    v: &[T],
    tau: T,
    a: &mut [T],
    m: usize,
    n: usize,
    rs: usize,
    cs: usize,
) {
    debug_assert_eq!(v.len(), n);
    if tau == T::ZERO || m == 0 || n == 0 {
        return;
    }
    if cs == 1 {
        // Rows are contiguous: one dot and one axpy per row.
        for i in 0..m {
            let row = &mut a[i * rs..i * rs + n];
            let w = dot(v, row) * tau;
            for (r, &vj) in row.iter_mut().zip(v) {
                *r -= w * vj;
            }
        }
    } else {
        // w = A v accumulated column by column, then A -= tau w v^T column by column.
        let mut w = vec![T::ZERO; m];
        for (j, &vj) in v.iter().enumerate() {
            if vj != T::ZERO {
                for (i, wi) in w.iter_mut().enumerate() {
                    *wi += vj * a[i * rs + j * cs];
                }
            }
        }
        for (j, &vj) in v.iter().enumerate() {
            let f = tau * vj;
            if f != T::ZERO {
                for (i, &wi) in w.iter().enumerate() {
                    a[i * rs + j * cs] -= f * wi;
                }
            }
        }
    }
}

/// The dot product of two slices of equal length, in four independent sums.
#[inline]
pub fn dot<T: Float>(x: &[T], y: &[T]) -> T {
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &y[..n]);
    let mut s = [T::ZERO; 4];
    let mut xc = x.chunks_exact(4);
    let mut yc = y.chunks_exact(4);
    for (a, b) in (&mut xc).zip(&mut yc) {
        s[0] += a[0] * b[0];
        s[1] += a[1] * b[1];
        s[2] += a[2] * b[2];
        s[3] += a[3] * b[3];
    }
    let mut t = (s[0] + s[2]) + (s[1] + s[3]);
    for (&a, &b) in xc.remainder().iter().zip(yc.remainder()) {
        t += a * b;
    }
    t
}

/// From this many rows on, [`apply_reflectors`] works by blocks: measured on the SVD's vectors,
/// blocks were 13% slower at 32 rows, as fast at 48 and 10% faster at 64.
const BLOCKED_FROM: usize = 40;
/// Reflectors per block in [`apply_reflectors`]: [`NB`] from [`WIDE_FROM`] rows on, half as
/// many below. Measured (f64 eigh and SVD, a loaded 2-core machine): 64 was 4% faster than 32
/// at n = 1024 (deeper GEMMs), slower at n = 64, within the noise at 256.
const NB: usize = 64;
/// From this many rows on, [`apply_reflectors`] takes blocks of [`NB`] reflectors.
const WIDE_FROM: usize = 512;

/// Overwrites the column-major `rows x cols` matrix `q` with `H_0 H_1 .. H_{count-1} q`, where
/// `H_k = I - tau_k v_k v_k^T` acts on rows `off + k ..` and `fill(k, buf)` writes `v_k` (with
/// `v_k[0] = 1`) into `buf`. This forms `U = U_1 U_B` and `V = V_1 V_B` of the SVD and
/// `V = Q Z` of eigh without forming `U_1`, `V_1` or `Q`.
///
/// From `BLOCKED_FROM` rows on, blocks of up to `NB` reflectors are applied in compact WY form,
/// `H_k0 .. H_k1 = I - Y T Y^T`, entirely through `gemm.rs` (`Y^T Y` for `T`, then
/// `Y^T Q`, `T W` and `Q - Y W`); smaller matrices take one reflector at a time.
pub(crate) fn apply_reflectors<T: Float>(
    q: &mut [T],
    rows: usize,
    cols: usize,
    off: usize,
    taus: &[T],
    mut fill: impl FnMut(usize, &mut Vec<T>),
) {
    let count = taus.len();
    if cols == 0 {
        return;
    }
    let mut v = Vec::with_capacity(rows);
    if rows < BLOCKED_FROM {
        for k in (0..count).rev() {
            v.clear();
            fill(k, &mut v);
            apply_left(&v, taus[k], &mut q[off + k..], v.len(), cols, 1, rows);
        }
        return;
    }
    let mut y: Vec<T> = Vec::new();
    let block = if rows >= WIDE_FROM { NB } else { NB / 2 };
    let mut t = [T::ZERO; NB * NB];
    let mut g = [T::ZERO; NB * NB];
    let mut w: Vec<T> = Vec::new();
    let mut w2: Vec<T> = Vec::new();
    let mut k1 = count;
    while k1 > 0 {
        let k0 = k1.saturating_sub(block);
        let nb = k1 - k0;
        let r0 = off + k0;
        let len = rows - r0;
        // Y (len x nb, column-major): reflector k0 + j starts at row j of the block.
        y.clear();
        y.resize(len * nb, T::ZERO);
        for j in 0..nb {
            v.clear();
            fill(k0 + j, &mut v);
            y[j * len + j..j * len + j + v.len()].copy_from_slice(&v);
        }
        wy_factor(&y, len, nb, len, &taus[k0..k1], &mut t, NB, &mut g);
        apply_wy(
            &y,
            len,
            nb,
            len,
            &t,
            NB,
            false,
            &mut q[r0..],
            cols,
            1,
            rows,
            &mut w,
            &mut w2,
        );
        k1 = k0;
    }
}

/// The upper-triangular `T` (`nb x nb`, column-major with leading dimension `ldt`) of the
/// compact WY form `H_0 H_1 .. H_{nb-1} = I - Y T Y^T` (LAPACK's `larft`, forward and
/// columnwise), where `H_j = I - taus[j] y_j y_j^T` and `Y` (`len x nb`, column-major with
/// leading dimension `ldy`) holds the `y_j`, each zero above its unit entry at row `j`.
///
/// The inner products `G = Y^T Y` come from one GEMM (into `g`, `nb x nb` at leading
/// dimension `ldt`); then `T[0..j, j] = -tau_j T[0..j, 0..j] G[0..j, j]` column by column,
/// `O(nb^3)` flops independent of `len`. Only the upper triangle of `t` is written.
#[allow(clippy::too_many_arguments)]
pub(crate) fn wy_factor<T: Float>(
    y: &[T],
    len: usize,
    nb: usize,
    ldy: usize,
    taus: &[T],
    t: &mut [T],
    ldt: usize,
    g: &mut [T],
) {
    gemm(
        T::ONE,
        MatRef::new(y, nb, len, ldy, 1),
        MatRef::new(y, len, nb, 1, ldy),
        T::ZERO,
        MatMut::new(g, nb, nb, 1, ldt),
    );
    for (j, &tau) in taus.iter().enumerate().take(nb) {
        for i in 0..j {
            let acc: T = (i..j).map(|l| t[i + l * ldt] * g[l + j * ldt]).sum();
            t[i + j * ldt] = -tau * acc;
        }
        t[j + j * ldt] = tau;
    }
}

/// `C := (I - Y T Y^T) C`, or `(I - Y T^T Y^T) C` when `transpose`, for the compact WY block
/// of [`wy_factor`] (`Y` `len x nb` at leading dimension `ldy`, `T` at `ldt`, its strictly
/// lower triangle zero) and the `len x cols` block `C`, element `(i, j)` at
/// `c[i * rs + j * cs]`: three GEMMs, `W = Y^T C`, `W2 = op(T) W` and `C -= Y W2`, with `w`
/// and `w2` as scratch (grown to at least `nb * cols` elements).
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply_wy<T: Float>(
    y: &[T],
    len: usize,
    nb: usize,
    ldy: usize,
    t: &[T],
    ldt: usize,
    transpose: bool,
    c: &mut [T],
    cols: usize,
    rs: usize,
    cs: usize,
    w: &mut Vec<T>,
    w2: &mut Vec<T>,
) {
    apply_wy_skip(
        y, len, nb, ldy, t, ldt, transpose, c, cols, rs, cs, w, w2, 0,
    );
}

/// [`apply_wy`] for a `C` whose first `skip` rows (`skip <= len`) are zero: `W = Y^T C` reads
/// only the rows below them (forming Q, where the rows of a block above the identity's
/// columns are still zero); `C -= Y W2` writes every row.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply_wy_skip<T: Float>(
    y: &[T],
    len: usize,
    nb: usize,
    ldy: usize,
    t: &[T],
    ldt: usize,
    transpose: bool,
    c: &mut [T],
    cols: usize,
    rs: usize,
    cs: usize,
    w: &mut Vec<T>,
    w2: &mut Vec<T>,
    skip: usize,
) {
    if len == 0 || cols == 0 || nb == 0 {
        return;
    }
    // A row-major C whose rows start off a 64-byte line: its first columns up to the line
    // boundary go separately, so that matrixmultiply's 8-wide strips of the rest (packing
    // `C^T`, and the output tiles of `C^T -= W2^T Y^T`) each cover whole lines (f64 QR at
    // n = 1024, thread CPU time: 120-122 -> 112-116 ms; no change at 256).
    let line = (64 / std::mem::size_of::<T>()).max(1);
    if rs != 1 && cs == 1 && cols >= ALIGN_SPLIT_FROM && rs.is_multiple_of(line) {
        // Only the address is read, to find the offset within a cache line.
        let head = (line - (c.as_ptr() as usize / std::mem::size_of::<T>().max(1)) % line) % line;
        if head > 0 {
            apply_wy_one(
                y, len, nb, ldy, t, ldt, transpose, c, head, rs, cs, w, w2, skip,
            );
            let rest = &mut c[head..];
            apply_wy_one(
                y,
                len,
                nb,
                ldy,
                t,
                ldt,
                transpose,
                rest,
                cols - head,
                rs,
                cs,
                w,
                w2,
                skip,
            );
            return;
        }
    }
    apply_wy_one(
        y, len, nb, ldy, t, ldt, transpose, c, cols, rs, cs, w, w2, skip,
    );
}

/// From this many columns on, [`apply_wy`] splits a row-major C at the first cache-line
/// boundary of its rows (measured at n = 1024: splitting from 64 and from 256 columns both
/// gave 112-116 ms against 120-122 ms unsplit).
const ALIGN_SPLIT_FROM: usize = 64;

/// [`apply_wy`] in one piece.
#[allow(clippy::too_many_arguments)]
fn apply_wy_one<T: Float>(
    y: &[T],
    len: usize,
    nb: usize,
    ldy: usize,
    t: &[T],
    ldt: usize,
    transpose: bool,
    c: &mut [T],
    cols: usize,
    rs: usize,
    cs: usize,
    w: &mut Vec<T>,
    w2: &mut Vec<T>,
    skip: usize,
) {
    assert!(skip <= len, "apply_wy: skip");
    // The scratch only grows: the GEMMs below write every element of W and W2 (beta = 0,
    // their old values are not read), so they need no clearing.
    let need = nb * cols;
    for s in [&mut *w, &mut *w2] {
        if s.len() < need {
            s.resize(need, T::ZERO);
        }
    }
    let (w, w2) = (&mut w[..need], &mut w2[..need]);
    // A row-major C goes through matrixmultiply transposed, `W^T = C^T Y` and
    // `C^T -= W2^T Y^T`, so that C is the operand whose packing copies whole cache lines
    // (`pack_mr` along contiguous rows) and the output whose tiles are column-major: packing
    // C as the B operand of `Y^T C` reads half lines at the row stride, which for a
    // power-of-two stride evicts its own lines (f64 QR at n = 1024, thread CPU time: 121 ->
    // 112 ms).
    let c_row_major = rs != 1 && cs == 1;
    // W = Y^T C over the rows of C below the `skip` zero ones (W = 0 when there are none).
    let lr = len - skip;
    if lr == 0 {
        w.fill(T::ZERO);
    } else if c_row_major {
        let (cr, yr) = (&c[skip * rs..], &y[skip..]);
        gemm(
            T::ONE,
            MatRef::new(cr, cols, lr, cs, rs),
            MatRef::new(yr, lr, nb, 1, ldy),
            T::ZERO,
            MatMut::new(w, cols, nb, nb, 1),
        );
    } else {
        let (cr, yr) = (&c[skip * rs..], &y[skip..]);
        gemm(
            T::ONE,
            MatRef::new(yr, nb, lr, ldy, 1),
            MatRef::new(cr, lr, cols, rs, cs),
            T::ZERO,
            MatMut::new(w, nb, cols, 1, nb),
        );
    }
    let tm = if transpose {
        MatRef::new(t, nb, nb, ldt, 1)
    } else {
        MatRef::new(t, nb, nb, 1, ldt)
    };
    gemm(
        T::ONE,
        tm,
        MatRef::new(w, nb, cols, 1, nb),
        T::ZERO,
        MatMut::new(w2, nb, cols, 1, nb),
    );
    if c_row_major {
        gemm(
            -T::ONE,
            MatRef::new(w2, cols, nb, nb, 1),
            MatRef::new(y, nb, len, ldy, 1),
            T::ONE,
            MatMut::new(c, cols, len, cs, rs),
        );
    } else {
        gemm(
            -T::ONE,
            MatRef::new(y, len, nb, 1, ldy),
            MatRef::new(w2, nb, cols, 1, nb),
            T::ONE,
            MatMut::new(c, len, cols, rs, cs),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflector_maps_x_to_beta_e1_and_is_orthogonal() {
        let x0: [f64; 5] = [1.0, -2.0, 0.5, 3.0, 1e-3];
        let mut v = x0;
        let (tau, beta) = house(&mut v);
        let mut hx = x0;
        apply_left(&v, tau, &mut hx, 5, 1, 1, 1);
        assert!((hx[0] - beta).abs() < 1e-12);
        assert!(hx[1..].iter().all(|h| h.abs() < 1e-12));
        assert!((beta.abs() - norm2(&x0)).abs() < 1e-12);
        // H applied twice is the identity, from either side and for either layout.
        let a0: Vec<f64> = (0..15).map(|k| (k as f64 * 0.37).sin()).collect();
        let mut a = a0.clone();
        for (m, n, rs, cs) in [(5, 3, 3, 1), (5, 3, 1, 5)] {
            apply_left(&v, tau, &mut a, m, n, rs, cs);
            assert!(a.iter().zip(&a0).any(|(x, y)| (x - y).abs() > 1e-3));
            apply_left(&v, tau, &mut a, m, n, rs, cs);
            assert!(a.iter().zip(&a0).all(|(x, y)| (x - y).abs() < 1e-12));
        }
        for (m, n, rs, cs) in [(3, 5, 5, 1), (3, 5, 1, 3)] {
            apply_right(&v, tau, &mut a, m, n, rs, cs);
            assert!(a.iter().zip(&a0).any(|(x, y)| (x - y).abs() > 1e-3));
            apply_right(&v, tau, &mut a, m, n, rs, cs);
            assert!(a.iter().zip(&a0).all(|(x, y)| (x - y).abs() < 1e-12));
        }
    }

    #[test]
    fn norm2_survives_huge_and_tiny_entries() {
        assert_eq!(norm2(&[3e300f64, 4e300]), 5e300);
        assert!((norm2(&[3e-300f64, 4e-300]) / 5e-300 - 1.0).abs() < 1e-15);
        // NaN in gives NaN out, alone or beside an infinity or a huge entry.
        assert!(norm2(&[f64::NAN]).is_nan());
        assert!(norm2(&[f64::INFINITY, f64::NAN]).is_nan());
        assert!(norm2(&[1e300f64, f64::NAN, 1e300]).is_nan());
        let (tau, beta) = house(&mut [2.0f64, 0.0, 0.0]);
        assert_eq!((tau, beta), (0.0, 2.0));
    }

    #[test]
    fn apply_wy_skipping_zero_rows_matches_apply_wy() {
        // C with its first `skip` rows zero, every skip from none to all rows, row-major
        // (split at a line boundary: 80 columns, row stride 88, offset 3) and column-major.
        let (len, nb, cols) = (21, 5, 80);
        let mut y = crate::linalg::kernels::test_data(len * nb, 4);
        for j in 0..nb {
            y[j * len..j * len + j].fill(0.0);
            y[j * len + j] = 1.0;
        }
        let taus = crate::linalg::kernels::test_data(nb, 5);
        let mut t = vec![0.0; nb * nb];
        let mut g = vec![0.0; nb * nb];
        wy_factor(&y, len, nb, len, &taus, &mut t, nb, &mut g);
        for skip in [0, 1, nb, len - 1, len] {
            for (rs, cs, off) in [(88, 1, 3), (1, len, 0)] {
                let mut c0 = vec![0.0; off + (len - 1) * rs + (cols - 1) * cs + 1];
                let data = crate::linalg::kernels::test_data(len * cols, 6);
                for i in skip..len {
                    for j in 0..cols {
                        c0[off + i * rs + j * cs] = data[i * cols + j];
                    }
                }
                let (mut w, mut w2) = (Vec::new(), Vec::new());
                let mut c1 = c0.clone();
                apply_wy(
                    &y,
                    len,
                    nb,
                    len,
                    &t,
                    nb,
                    false,
                    &mut c1[off..],
                    cols,
                    rs,
                    cs,
                    &mut w,
                    &mut w2,
                );
                let mut c2 = c0.clone();
                apply_wy_skip(
                    &y,
                    len,
                    nb,
                    len,
                    &t,
                    nb,
                    false,
                    &mut c2[off..],
                    cols,
                    rs,
                    cs,
                    &mut w,
                    &mut w2,
                    skip,
                );
                let d = c1
                    .iter()
                    .zip(&c2)
                    .fold(0f64, |s, (a, b)| s.max((a - b).abs()));
                assert!(d < 1e-13, "skip {skip}, rs {rs}: {d:e}");
            }
        }
    }

    #[test]
    fn apply_wy_row_major_at_every_line_offset_matches_column_major() {
        // Row-major C of 80 columns at row stride 88 (a multiple of the 8 f64 of a line),
        // starting at every offset of a line, so that every head width of the split is taken;
        // and 40 columns (below ALIGN_SPLIT_FROM) and an odd stride (no split).
        let (len, nb) = (70, 5);
        let mut y = crate::linalg::kernels::test_data(len * nb, 1);
        for j in 0..nb {
            y[j * len..j * len + j].fill(0.0);
            y[j * len + j] = 1.0;
        }
        let taus = crate::linalg::kernels::test_data(nb, 2);
        let mut t = vec![0.0; nb * nb];
        let mut g = vec![0.0; nb * nb];
        wy_factor(&y, len, nb, len, &taus, &mut t, nb, &mut g);
        for (cols, rs) in [(80, 88), (40, 88), (80, 81)] {
            let c0 = crate::linalg::kernels::test_data(len * cols, 3);
            for transpose in [false, true] {
                let (mut w, mut w2) = (Vec::new(), Vec::new());
                // Reference: column-major C (column j at j * len).
                let mut cc = c0.clone();
                apply_wy(
                    &y, len, nb, len, &t, nb, transpose, &mut cc, cols, 1, len, &mut w, &mut w2,
                );
                for off in 0..8 {
                    let mut buf = vec![0.0; off + len * rs];
                    for i in 0..len {
                        for j in 0..cols {
                            buf[off + i * rs + j] = c0[i + j * len];
                        }
                    }
                    apply_wy(
                        &y,
                        len,
                        nb,
                        len,
                        &t,
                        nb,
                        transpose,
                        &mut buf[off..],
                        cols,
                        rs,
                        1,
                        &mut w,
                        &mut w2,
                    );
                    for i in 0..len {
                        for j in 0..cols {
                            let d = (buf[off + i * rs + j] - cc[i + j * len]).abs();
                            assert!(d < 1e-12, "{cols} cols, rs {rs}, offset {off}: {d:e}");
                        }
                    }
                    assert!(buf[..off].iter().all(|&x| x == 0.0));
                }
            }
        }
    }
}
