//! Householder reductions to condensed form, over column-major slices: the bidiagonalisation
//! `A = U_1 B V_1^T` under the SVD and the tridiagonalisation `A = Q T Q^T` under `eigh`.
//!
//! Both are blocked. A panel of `nb` columns is reduced one reflector at a time, but the
//! reflectors' effect on the rest of the matrix is kept as low-rank factors instead of being
//! applied: after `i` steps of a panel of the bidiagonalisation the current matrix is
//! `A - V Y^T - X U^T` (`V`, `U` the left and right reflectors so far, `Y`, `X` what they
//! make of `A`), and for the tridiagonalisation it is `A - V W^T - W V^T`. A step then needs
//! only matrix-vector products with the stored `A` (read, not written), plus small products
//! with the factors; when the panel is done the trailing matrix is updated once, by GEMM
//! (`crate::gemm::gemm`). Half the flops move from memory-bound passes that read and write
//! the matrix to GEMM. Small matrices (and the last columns of large ones) take the plain
//! one-reflector-at-a-time loop.
//!
//! The output format is that of the plain loop: reflector vectors in `a` with their leading
//! one stored explicitly, the scalars in `tauq`/`taup` resp. `taus`, the condensed matrix in
//! `d`, `e`.

use crate::gemm::{MatMut, MatRef, gemm};
use crate::linalg::kernels::householder::{dot, house};
use crate::linalg::kernels::matvec::{gemv_n, gemv_t, symv_lower};
use crate::scalar::Float;

// Block sizes, measured at n = 256 and 1024 (f64, `examples` timing `singular_values` /
// `eigvalsh`, best of 3 on a shared machine): nb in {16, 24, 32, 48, 64} and the crossover in
// {64, 96, 128, 192} were within the noise of each other (about 10%); nb = 16 with a crossover
// of 128 was best or tied in every run. The matrix-vector products dominate and are
// memory-bound, so nb matters little once the trailing updates go through GEMM.

/// Columns per panel of the blocked bidiagonalisation.
const BIDIAG_NB: usize = 16;
/// The blocked bidiagonalisation runs while more than this many columns remain.
const BIDIAG_NX: usize = 128;
/// Columns per panel of the blocked tridiagonalisation.
const TRIDIAG_NB: usize = 16;
/// The blocked tridiagonalisation runs while more than this many columns remain.
const TRIDIAG_NX: usize = 128;

/// `y -= f x`.
#[inline]
fn axpy_neg<T: Float>(f: T, x: &[T], y: &mut [T]) {
    for (yi, &xi) in y.iter_mut().zip(x) {
        *yi -= f * xi;
    }
}

// ---------------------------------------------------------------------------------------------
// Bidiagonalisation.

/// Reduces the column-major `m x n` matrix `a` (`m >= n`) to upper bidiagonal form
/// `A = U_1 B V_1^T`: `d` (n) the diagonal of `B`, `e` (n - 1) its superdiagonal.
///
/// `U_1 = H_0 .. H_{n-1}` with `H_k = I - tauq[k] v_k v_k^T`, `v_k` in rows `k..m` of column
/// `k` of `a` (with `a[k, k] = 1`); `V_1 = G_0 .. G_{n-2}` with `G_k = I - taup[k] u_k u_k^T`,
/// `u_k` in columns `k + 1..n` of row `k` (with `a[k, k + 1] = 1`).
pub(crate) fn bidiagonalize<T: Float>(
    a: &mut [T],
    m: usize,
    n: usize,
    d: &mut [T],
    e: &mut [T],
    tauq: &mut [T],
    taup: &mut [T],
) {
    debug_assert!(m >= n && a.len() >= m * n);
    let mut p = 0;
    if n > BIDIAG_NX {
        let mut ws = BidiagWork::new(m, n, BIDIAG_NB);
        while n - p > BIDIAG_NX {
            bidiag_panel(a, m, n, p, BIDIAG_NB, d, e, tauq, taup, &mut ws);
            p += BIDIAG_NB;
        }
    }
    bidiag_unblocked(a, m, n, p, d, e, tauq, taup);
}

/// The plain bidiagonalisation of columns `p..n` (rows `p..m`), one reflector at a time.
#[allow(clippy::too_many_arguments)]
fn bidiag_unblocked<T: Float>(
    a: &mut [T],
    m: usize,
    n: usize,
    p: usize,
    d: &mut [T],
    e: &mut [T],
    tauq: &mut [T],
    taup: &mut [T],
) {
    let mut u = vec![T::ZERO; n];
    let mut w = vec![T::ZERO; m];
    for k in p..n {
        // Left reflector on column k, applied to columns k + 1.. (rows k..).
        let (t, beta) = house(&mut a[k + k * m..(k + 1) * m]);
        tauq[k] = t;
        d[k] = beta;
        if t != T::ZERO {
            let (left, right) = a.split_at_mut((k + 1) * m);
            let v = &left[k + k * m..];
            for col in right[..(n - k - 1) * m].chunks_exact_mut(m) {
                let col = &mut col[k..];
                let f = t * dot(col, v);
                axpy_neg(f, v, col);
            }
        }
        if k + 1 == n {
            break;
        }
        // Right reflector on row k, applied to rows k + 1.. (columns k + 1..).
        let len = n - k - 1;
        let u = &mut u[..len];
        for (l, x) in u.iter_mut().enumerate() {
            *x = a[k + (k + 1 + l) * m];
        }
        let (t, beta) = house(u);
        taup[k] = t;
        e[k] = beta;
        for (l, &x) in u.iter().enumerate() {
            a[k + (k + 1 + l) * m] = x;
        }
        let rows = m - k - 1;
        if t == T::ZERO || rows == 0 {
            continue;
        }
        let w = &mut w[..rows];
        w.fill(T::ZERO);
        let off = (k + 1) + (k + 1) * m;
        gemv_n(&a[off..], m, u, w);
        for (l, &ul) in u.iter().enumerate() {
            let col = &mut a[off + l * m..off + l * m + rows];
            axpy_neg(t * ul, w, col);
        }
    }
}

/// Scratch of the blocked bidiagonalisation.
struct BidiagWork<T> {
    /// `X`: `m x nb`, column-major, leading dimension `m`.
    x: Vec<T>,
    /// `Y`: `n x nb`, column-major, leading dimension `n`.
    y: Vec<T>,
    /// The right reflector being built (`n`).
    u: Vec<T>,
    /// Small products with the factors (`2 nb`).
    t: Vec<T>,
    /// The two factors of the trailing update, `[V X]` and `[Y U]`.
    lhs: Vec<T>,
    rhs: Vec<T>,
}

impl<T: Float> BidiagWork<T> {
    fn new(m: usize, n: usize, nb: usize) -> Self {
        BidiagWork {
            x: vec![T::ZERO; m * nb],
            y: vec![T::ZERO; n * nb],
            u: vec![T::ZERO; n],
            t: vec![T::ZERO; 2 * nb],
            lhs: vec![T::ZERO; m * 2 * nb],
            rhs: vec![T::ZERO; n * 2 * nb],
        }
    }
}

/// Reduces the panel of columns `p..p + nb` of the bidiagonalisation and applies the panel's
/// reflectors to the trailing matrix `A[p + nb.., p + nb..]` by one GEMM. Needs
/// `p + nb < n`.
///
/// In the panel's local indices (`B = A[p.., p..]`, `mr x nr`): after step `i` the current
/// `B` is `B_stored - V Y^T - X U^T` with `V[:, l] = B[l.., l]`, `U[:, l] = B[l, l + 1..]`
/// (the reflectors), `Y[:, l] = tauq_l B_l^T v_l`, `X[:, l] = taup_l B_l' u_l` (each with the
/// matrix current when its reflector was made); only the columns and rows a step reads are
/// brought up to date.
#[allow(clippy::too_many_arguments)]
fn bidiag_panel<T: Float>(
    a: &mut [T],
    m: usize,
    n: usize,
    p: usize,
    nb: usize,
    d: &mut [T],
    e: &mut [T],
    tauq: &mut [T],
    taup: &mut [T],
    ws: &mut BidiagWork<T>,
) {
    let (mr, nr) = (m - p, n - p);
    debug_assert!(nb < nr && nr <= mr);
    let o = p + p * m; // B(i, j) = a[o + i + j m]
    let (ldx, ldy) = (mr, nr);
    let x = &mut ws.x[..mr * nb];
    let y = &mut ws.y[..nr * nb];
    x.fill(T::ZERO);
    y.fill(T::ZERO);
    let t = &mut ws.t;
    for i in 0..nb {
        // Column i, rows i..: subtract V[i.., :i] Y[i, :i]^T + X[i.., :i] U[i, :i]^T.
        for l in 0..i {
            let (yil, uil) = (y[i + l * ldy], a[o + l + i * m]);
            let (vcols, col) = a.split_at_mut(o + i * m);
            let col = &mut col[i..mr];
            axpy_neg(yil, &vcols[o + i + l * m..o + mr + l * m], col);
            axpy_neg(uil, &x[i + l * ldx..mr + l * ldx], col);
        }
        let (tq, beta) = house(&mut a[o + i + i * m..o + mr + i * m]);
        tauq[p + i] = tq;
        d[p + i] = beta;

        // Y[i + 1.., i] = tq (B^T v - Y V^T v - U X^T v), v = B[i.., i].
        let ncols = nr - i - 1;
        {
            let (head, tail) = a.split_at_mut(o + (i + 1) * m);
            let v = &head[o + i + i * m..o + mr + i * m];
            let yi = &mut y[i + 1 + i * ldy..nr + i * ldy];
            if tq == T::ZERO {
                yi.fill(T::ZERO);
            } else {
                gemv_t(&tail[i..], m, v, yi);
                for l in 0..i {
                    t[l] = dot(&head[o + i + l * m..o + mr + l * m], v);
                    t[nb + l] = dot(&x[i + l * ldx..mr + l * ldx], v);
                }
                let (yprev, ycur) = y.split_at_mut(i * ldy);
                let yi = &mut ycur[i + 1..nr];
                for l in 0..i {
                    axpy_neg(t[l], &yprev[i + 1 + l * ldy..nr + l * ldy], yi);
                }
                // U[i + 1.., l] = B[l, i + 1..]: rows 0..i of the stored columns.
                for (jj, yj) in yi.iter_mut().enumerate() {
                    let ucol = &tail[jj * m..jj * m + i];
                    *yj -= dot(ucol, &t[nb..nb + i]);
                }
                for yj in yi.iter_mut() {
                    *yj *= tq;
                }
            }
        }

        // Row i, columns i + 1..: subtract V[i, :i + 1] Y[i + 1.., :i + 1]^T
        // + X[i, :i] U[i + 1.., :i]^T.
        for l in 0..i {
            t[l] = a[o + i + l * m];
            t[nb + l] = x[i + l * ldx];
        }
        t[i] = T::ONE;
        for jj in 0..ncols {
            let j = i + 1 + jj;
            let mut s = T::ZERO;
            for l in 0..=i {
                s += t[l] * y[j + l * ldy];
            }
            let col = &mut a[o + j * m..o + j * m + i + 1];
            s += dot(&col[..i], &t[nb..nb + i]);
            col[i] -= s;
        }
        if i + 1 == nr {
            break;
        }
        // Right reflector on row i.
        let u = &mut ws.u[..ncols];
        for (jj, uj) in u.iter_mut().enumerate() {
            *uj = a[o + i + (i + 1 + jj) * m];
        }
        let (tp, beta) = house(u);
        taup[p + i] = tp;
        e[p + i] = beta;
        for (jj, &uj) in u.iter().enumerate() {
            a[o + i + (i + 1 + jj) * m] = uj;
        }
        // X[i + 1.., i] = tp (B u - V Y^T u - X U^T u) over rows i + 1...
        let xi_len = mr - i - 1;
        let (xprev, xcur) = x.split_at_mut(i * ldx);
        let xi = &mut xcur[i + 1..mr];
        xi.fill(T::ZERO);
        if tp == T::ZERO {
            continue;
        }
        gemv_n(&a[o + i + 1 + (i + 1) * m..], m, u, xi);
        for l in 0..=i {
            t[l] = dot(&y[i + 1 + l * ldy..nr + l * ldy], u);
        }
        // U[i + 1.., :i]^T u, with U[j, l] = B[l, j]: column by column of the stored matrix.
        t[nb..nb + i].fill(T::ZERO);
        for (jj, &uj) in u.iter().enumerate() {
            let ucol = &a[o + (i + 1 + jj) * m..o + (i + 1 + jj) * m + i];
            for (tl, &b) in t[nb..nb + i].iter_mut().zip(ucol) {
                *tl += b * uj;
            }
        }
        for l in 0..=i {
            axpy_neg(t[l], &a[o + i + 1 + l * m..o + mr + l * m], xi);
        }
        for l in 0..i {
            axpy_neg(t[nb + l], &xprev[i + 1 + l * ldx..mr + l * ldx], xi);
        }
        for xr in xi.iter_mut() {
            *xr *= tp;
        }
        debug_assert_eq!(xi.len(), xi_len);
    }

    // Trailing update: A22 -= [V2 X2] [Y2 U2]^T, K = 2 nb.
    let (mt, nt) = (mr - nb, nr - nb);
    if mt == 0 || nt == 0 {
        return;
    }
    let lhs = &mut ws.lhs[..mt * 2 * nb];
    let rhs = &mut ws.rhs[..nt * 2 * nb];
    for l in 0..nb {
        lhs[l * mt..(l + 1) * mt].copy_from_slice(&a[o + nb + l * m..o + mr + l * m]);
        lhs[(nb + l) * mt..(nb + l + 1) * mt].copy_from_slice(&x[nb + l * ldx..mr + l * ldx]);
        rhs[l * nt..(l + 1) * nt].copy_from_slice(&y[nb + l * ldy..nr + l * ldy]);
        for (jj, r) in rhs[(nb + l) * nt..(nb + l + 1) * nt].iter_mut().enumerate() {
            *r = a[o + l + (nb + jj) * m];
        }
    }
    let lm = MatRef::new(lhs, mt, 2 * nb, 1, mt);
    let rm = MatRef::new(rhs, 2 * nb, nt, nt, 1);
    let c = MatMut::new(&mut a[o + nb + nb * m..], mt, nt, 1, m);
    gemm(-T::ONE, lm, rm, T::ONE, c);
}

// ---------------------------------------------------------------------------------------------
// Tridiagonalisation.

/// Reduces the symmetric `n x n` matrix whose lower triangle is in the column-major `a` to
/// tridiagonal form `A = Q T Q^T`: `d` (n) the diagonal of `T`, `e` (n - 1) its
/// subdiagonal. The upper triangle is neither read nor kept.
///
/// `Q = H_0 .. H_{n-3}` with `H_k = I - taus[k] v_k v_k^T`, `v_k` in rows `k + 1..n` of
/// column `k` of `a` (with `a[k + 1, k] = 1`).
pub(crate) fn tridiagonalize<T: Float>(
    a: &mut [T],
    n: usize,
    d: &mut [T],
    e: &mut [T],
    taus: &mut [T],
) {
    debug_assert!(a.len() >= n * n);
    let mut p = 0;
    if n > TRIDIAG_NX {
        let mut ws = TridiagWork::new(n, TRIDIAG_NB);
        while n - p > TRIDIAG_NX {
            tridiag_panel(a, n, p, TRIDIAG_NB, e, taus, &mut ws);
            p += TRIDIAG_NB;
        }
    }
    tridiag_unblocked(a, n, p, e, taus);
    if n >= 2 {
        e[n - 2] = a[(n - 1) + (n - 2) * n];
    }
    for (i, di) in d.iter_mut().enumerate().take(n) {
        *di = a[i + i * n];
    }
}

/// The plain tridiagonalisation of columns `p..n - 2`: `A22 <- H A22 H` as the rank-2 update
/// `A22 - v w^T - w v^T`, `w = q - (tau / 2)(q.v) v`, `q = tau A22 v`.
fn tridiag_unblocked<T: Float>(a: &mut [T], n: usize, p: usize, e: &mut [T], taus: &mut [T]) {
    let two = T::ONE + T::ONE;
    let mut w = vec![T::ZERO; n];
    for k in p..n.saturating_sub(2) {
        let (tau, beta) = house(&mut a[(k + 1) + k * n..(k + 1) * n]);
        taus[k] = tau;
        e[k] = beta;
        if tau == T::ZERO {
            continue;
        }
        let len = n - k - 1;
        let (left, right) = a.split_at_mut((k + 1) * n);
        let v = &left[(k + 1) + k * n..];
        let w = &mut w[..len];
        symv_lower(&right[k + 1..], n, v, w);
        for x in w.iter_mut() {
            *x *= tau;
        }
        let alpha = -tau / two * dot(w, v);
        for (x, &y) in w.iter_mut().zip(v) {
            *x += alpha * y;
        }
        for j in 0..len {
            let (vj, wj) = (v[j], w[j]);
            let col = &mut right[(k + 1 + j) + j * n..(j + 1) * n];
            for ((x, &vi), &wi) in col.iter_mut().zip(&v[j..]).zip(&w[j..]) {
                *x -= vi * wj + wi * vj;
            }
        }
    }
}

/// Scratch of the blocked tridiagonalisation.
struct TridiagWork<T> {
    /// `W`: `n x nb`, column-major, leading dimension `n - p` of the panel.
    w: Vec<T>,
    /// Small products with the factors (`2 nb`).
    t: Vec<T>,
    /// `[V2 W2 V2]` for the trailing update.
    f: Vec<T>,
}

impl<T: Float> TridiagWork<T> {
    fn new(n: usize, nb: usize) -> Self {
        TridiagWork {
            w: vec![T::ZERO; n * nb],
            t: vec![T::ZERO; 2 * nb],
            f: vec![T::ZERO; n * 3 * nb],
        }
    }
}

/// Columns per GEMM of the trailing rank-2k update of the lower triangle.
const SYR2K_STRIP: usize = 128;

/// Reduces the panel of columns `p..p + nb` of the tridiagonalisation and applies its
/// reflectors to the lower triangle of the trailing matrix by GEMM. Needs `p + nb + 2 <= n`.
///
/// In local indices (`B = A[p.., p..]`, `r x r`): after step `i` the current `B` is
/// `B_stored - V W^T - W V^T` with `V[:, l] = B[l + 1.., l]` (the reflectors) and
/// `W[:, l] = w_l` of the plain step; only column `i` is brought up to date at step `i`.
fn tridiag_panel<T: Float>(
    a: &mut [T],
    n: usize,
    p: usize,
    nb: usize,
    e: &mut [T],
    taus: &mut [T],
    ws: &mut TridiagWork<T>,
) {
    let r = n - p;
    debug_assert!(nb + 2 <= r);
    let two = T::ONE + T::ONE;
    let o = p + p * n; // B(i, j) = a[o + i + j n]
    let ldw = r;
    let w = &mut ws.w[..r * nb];
    w.fill(T::ZERO);
    let t = &mut ws.t;
    for i in 0..nb {
        // Column i, rows i..: subtract V[i.., :i] W[i, :i]^T + W[i.., :i] V[i, :i]^T.
        for l in 0..i {
            let (wil, vil) = (w[i + l * ldw], a[o + i + l * n]);
            let (vcols, col) = a.split_at_mut(o + i * n);
            let col = &mut col[i..r];
            axpy_neg(wil, &vcols[o + i + l * n..o + r + l * n], col);
            axpy_neg(vil, &w[i + l * ldw..r + l * ldw], col);
        }
        let (tau, beta) = house(&mut a[o + i + 1 + i * n..o + r + i * n]);
        taus[p + i] = tau;
        e[p + i] = beta;
        if tau == T::ZERO {
            continue;
        }
        // W[i + 1.., i] = tau (B v - V W^T v - W V^T v), then the symmetric correction.
        let (head, tail) = a.split_at_mut(o + (i + 1) * n);
        let v = &head[o + i + 1 + i * n..o + r + i * n];
        let (wprev, wcur) = w.split_at_mut(i * ldw);
        let wi = &mut wcur[i + 1..r];
        symv_lower(&tail[i + 1..], n, v, wi);
        for l in 0..i {
            t[l] = dot(&wprev[i + 1 + l * ldw..r + l * ldw], v);
            t[nb + l] = dot(&head[o + i + 1 + l * n..o + r + l * n], v);
        }
        for l in 0..i {
            axpy_neg(t[l], &head[o + i + 1 + l * n..o + r + l * n], wi);
            axpy_neg(t[nb + l], &wprev[i + 1 + l * ldw..r + l * ldw], wi);
        }
        for x in wi.iter_mut() {
            *x *= tau;
        }
        let alpha = -tau / two * dot(wi, v);
        for (x, &y) in wi.iter_mut().zip(v) {
            *x += alpha * y;
        }
    }

    // Trailing update of the lower triangle: A22 -= [V2 W2] [W2 V2]^T, K = 2 nb, by strips
    // of columns (each strip from its diagonal down).
    let rt = r - nb;
    let f = &mut ws.f[..rt * 3 * nb];
    for l in 0..nb {
        let v2 = &a[o + nb + l * n..o + r + l * n];
        f[l * rt..(l + 1) * rt].copy_from_slice(v2);
        f[(2 * nb + l) * rt..(2 * nb + l + 1) * rt].copy_from_slice(v2);
        f[(nb + l) * rt..(nb + l + 1) * rt].copy_from_slice(&w[nb + l * ldw..r + l * ldw]);
    }
    let c0 = o + nb + nb * n;
    let mut j0 = 0;
    while j0 < rt {
        let j1 = (j0 + SYR2K_STRIP).min(rt);
        let lm = MatRef::new(&f[j0..], rt - j0, 2 * nb, 1, rt);
        let rm = MatRef::new(&f[nb * rt + j0..], 2 * nb, j1 - j0, rt, 1);
        let c = MatMut::new(&mut a[c0 + j0 + j0 * n..], rt - j0, j1 - j0, 1, n);
        gemm(-T::ONE, lm, rm, T::ONE, c);
        j0 = j1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::kernels::householder::apply_reflectors;
    use crate::linalg::kernels::test_data as data;

    /// `max |P - Q^T Q|` over the identity `P` for the column-major `rows x cols` matrix `q`.
    fn orth_err(q: &[f64], rows: usize, cols: usize) -> f64 {
        let mut err = 0.0f64;
        for i in 0..cols {
            for j in 0..cols {
                let s: f64 = (0..rows).map(|r| q[r + i * rows] * q[r + j * rows]).sum();
                err = err.max((s - if i == j { 1.0 } else { 0.0 }).abs());
            }
        }
        err
    }

    fn check_bidiag(m: usize, n: usize) {
        let a0 = data(m * n, (m * 1000 + n) as u64);
        let mut a = a0.clone();
        let (mut d, mut e) = (vec![0.0; n], vec![0.0; n.saturating_sub(1)]);
        let (mut tq, mut tp) = (vec![0.0; n], vec![0.0; n.saturating_sub(1)]);
        bidiagonalize(&mut a, m, n, &mut d, &mut e, &mut tq, &mut tp);
        // The stored leading ones of the reflectors.
        for k in 0..n {
            assert_eq!(a[k + k * m], 1.0);
            if k + 1 < n {
                assert_eq!(a[k + (k + 1) * m], 1.0);
            }
        }
        let mut u = vec![0.0; m * n];
        for j in 0..n {
            u[j + j * m] = 1.0;
        }
        apply_reflectors(&mut u, m, n, 0, &tq, |k, buf| {
            buf.extend_from_slice(&a[k + k * m..(k + 1) * m]);
        });
        let mut v = vec![0.0; n * n];
        for j in 0..n {
            v[j + j * n] = 1.0;
        }
        apply_reflectors(&mut v, n, n, 1, &tp, |k, buf| {
            buf.extend((k + 1..n).map(|j| a[k + j * m]));
        });
        let tol = 20.0 * m as f64 * f64::EPSILON;
        assert!(orth_err(&u, m, n) < tol && orth_err(&v, n, n) < tol);
        // U B V^T = A, with B = diag(d) + superdiag(e).
        let mut err = 0.0f64;
        for i in 0..m {
            for j in 0..n {
                let mut s = 0.0;
                for k in 0..n {
                    let mut bv = d[k] * v[j + k * n];
                    if k + 1 < n {
                        bv += e[k] * v[j + (k + 1) * n];
                    }
                    s += u[i + k * m] * bv;
                }
                err = err.max((s - a0[i + j * m]).abs());
            }
        }
        assert!(err < tol, "bidiagonalize {m}x{n}: |U B V^T - A| = {err:e}");
    }

    fn check_tridiag(n: usize) {
        let mut a0 = data(n * n, n as u64 + 7);
        for j in 0..n {
            for i in 0..j {
                a0[i + j * n] = a0[j + i * n];
            }
        }
        let mut a = a0.clone();
        // The upper triangle is not read.
        for j in 0..n {
            for i in 0..j {
                a[i + j * n] = f64::NAN;
            }
        }
        let (mut d, mut e) = (vec![0.0; n], vec![0.0; n.saturating_sub(1)]);
        let mut taus = vec![0.0; n.saturating_sub(1)];
        tridiagonalize(&mut a, n, &mut d, &mut e, &mut taus);
        let count = n.saturating_sub(2);
        let mut q = vec![0.0; n * n];
        for j in 0..n {
            q[j + j * n] = 1.0;
        }
        apply_reflectors(&mut q, n, n, 1, &taus[..count], |k, buf| {
            assert_eq!(a[(k + 1) + k * n], 1.0);
            buf.extend_from_slice(&a[(k + 1) + k * n..(k + 1) * n]);
        });
        let tol = 20.0 * n as f64 * f64::EPSILON;
        assert!(orth_err(&q, n, n) < tol);
        let mut err = 0.0f64;
        for i in 0..n {
            for j in 0..n {
                let mut s = 0.0;
                for k in 0..n {
                    let mut tq = d[k] * q[j + k * n];
                    if k + 1 < n {
                        tq += e[k] * q[j + (k + 1) * n];
                    }
                    if k > 0 {
                        tq += e[k - 1] * q[j + (k - 1) * n];
                    }
                    s += q[i + k * n] * tq;
                }
                err = err.max((s - a0[i + j * n]).abs());
            }
        }
        assert!(err < tol, "tridiagonalize {n}: |Q T Q^T - A| = {err:e}");
    }

    #[test]
    fn bidiagonalize_reconstructs_around_the_block_sizes() {
        let (nb, nx) = (BIDIAG_NB, BIDIAG_NX);
        for n in [
            1,
            2,
            5,
            nx,
            nx + 1,
            nx + nb - 1,
            nx + nb,
            nx + nb + 1,
            nx + 2 * nb + 1,
        ] {
            check_bidiag(n, n);
            check_bidiag(n + 37, n);
        }
    }

    #[test]
    fn tridiagonalize_reconstructs_around_the_block_sizes() {
        let (nb, nx) = (TRIDIAG_NB, TRIDIAG_NX);
        for n in [
            1,
            2,
            3,
            6,
            nx,
            nx + 1,
            nx + nb - 1,
            nx + nb,
            nx + nb + 1,
            nx + 2 * nb + 1,
        ] {
            check_tridiag(n);
        }
    }

    #[test]
    fn zero_columns_give_zero_reflectors() {
        // Structured zeros make some tau vanish inside a panel.
        let n = BIDIAG_NX + BIDIAG_NB + 3;
        let mut a = vec![0.0f64; n * n];
        for i in 0..n {
            a[i + i * n] = (i + 1) as f64;
        }
        let mut a2 = a.clone();
        let (mut d, mut e) = (vec![0.0; n], vec![0.0; n - 1]);
        let (mut tq, mut tp) = (vec![0.0; n], vec![0.0; n - 1]);
        bidiagonalize(&mut a, n, n, &mut d, &mut e, &mut tq, &mut tp);
        assert!(tq.iter().chain(&tp).chain(&e).all(|&x| x == 0.0));
        assert!(d.iter().enumerate().all(|(i, &x)| x == (i + 1) as f64));
        let mut taus = vec![0.0; n - 1];
        tridiagonalize(&mut a2, n, &mut d, &mut e, &mut taus);
        assert!(taus.iter().chain(&e).all(|&x| x == 0.0));
        assert!(d.iter().enumerate().all(|(i, &x)| x == (i + 1) as f64));
    }
}
