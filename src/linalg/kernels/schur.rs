//! The real Schur form of an upper Hessenberg matrix by Francis's implicit double-shift QR
//! iteration (the method of LAPACK's `dlahqr`), with small-bulge multishift sweeps and
//! aggressive early deflation on large active blocks (as `dlaqr0` / `dlaqr3` / `dlaqr5`), over
//! column-major slices.
//!
//! Each double-shift sweep chases a 3-row bulge from the top of the active block to its bottom
//! with Householder reflectors of order 3; the two shifts are the eigenvalues of the trailing
//! 2 x 2 block (both real shifts replaced by the one nearer the corner), with an exceptional
//! shift every 10 iterations without deflation. A subdiagonal entry is set to zero when it is
//! small against its neighbours (the Ahues-Tisseur test, as `dlahqr`). Converged 2 x 2 blocks
//! are put in standard form ([`standardize_2x2`]): equal diagonal and a complex pair, or
//! triangular with two real eigenvalues.
//!
//! From [`MULTISHIFT_FROM`] rows on, each iteration first deflates early from a trailing
//! window ([`aggressive_deflation`]), then sweeps with a chain of bulges whose shifts are the
//! window's undeflated eigenvalues ([`multishift_sweep`]): the work outside the window that
//! the chain moves through is done by GEMM.

use crate::gemm::{MatMut, MatRef, gemm};
use crate::scalar::Float;

/// A rotation `[cs sn; -sn cs]` and the eigenvalues `(rt1r, rt1i, rt2r, rt2i)` from
/// [`standardize_2x2`].
pub(crate) struct Standard2x2<T> {
    pub cs: T,
    pub sn: T,
    pub rt1: (T, T),
    pub rt2: (T, T),
}

/// `|a| * sign(b)` with the sign of `b` (Fortran's `SIGN`).
#[inline]
fn sign<T: Float>(a: T, b: T) -> T {
    if b >= T::ZERO { a.abs() } else { -a.abs() }
}

/// Puts the real 2 x 2 matrix `[a b; c d]` in standard Schur form by a rotation (LAPACK's
/// `dlanv2`): either `c = 0` (two real eigenvalues `a`, `d`), or `a = d` and `b c < 0` (the
/// complex pair `a +- i sqrt(|b| |c|)`). The matrix is overwritten with
/// `[cs sn; -sn cs] [a b; c d] [cs -sn; sn cs]`.
pub(crate) fn standardize_2x2<T: Float>(
    a: &mut T,
    b: &mut T,
    c: &mut T,
    d: &mut T,
) -> Standard2x2<T> {
    let zero = T::ZERO;
    let one = T::ONE;
    let half = T::of(0.5);
    let eps = T::epsilon();
    let (mut cs, mut sn) = (one, zero);
    if *c == zero {
    } else if *b == zero {
        // Swap rows and columns.
        cs = zero;
        sn = one;
        core::mem::swap(a, d);
        *b = -*c;
        *c = zero;
    } else if *a - *d == zero && sign(one, *b) != sign(one, *c) {
    } else {
        let temp = *a - *d;
        let mut p = half * temp;
        let bcmax = b.abs().max(c.abs());
        let bcmis = b.abs().min(c.abs()) * sign(one, *b) * sign(one, *c);
        let scale = p.abs().max(bcmax);
        let mut z = p / scale * p + bcmax / scale * bcmis;
        if z >= T::of(4.0) * eps {
            // Real eigenvalues: compute a and d.
            z = p + sign(scale.sqrt() * z.sqrt(), p);
            *a = *d + z;
            *d -= bcmax / z * bcmis;
            let tau = c.hypot(z);
            cs = z / tau;
            sn = *c / tau;
            *b -= *c;
            *c = zero;
        } else {
            // Complex or nearly equal real eigenvalues: make the diagonal equal.
            let sigma = *b + *c;
            let tau = sigma.hypot(temp);
            cs = (half * (one + sigma.abs() / tau)).sqrt();
            sn = -(p / (tau * cs)) * sign(one, sigma);
            // [aa bb; cc dd] = [a b; c d] [cs -sn; sn cs]
            let aa = *a * cs + *b * sn;
            let bb = -*a * sn + *b * cs;
            let cc = *c * cs + *d * sn;
            let dd = -*c * sn + *d * cs;
            // [a b; c d] = [cs sn; -sn cs] [aa bb; cc dd]
            *a = aa * cs + cc * sn;
            *b = bb * cs + dd * sn;
            *c = -aa * sn + cc * cs;
            *d = -bb * sn + dd * cs;
            let temp = half * (*a + *d);
            *a = temp;
            *d = temp;
            if *c != zero {
                if *b != zero {
                    if sign(one, *b) == sign(one, *c) {
                        // Real eigenvalues: reduce to upper triangular form.
                        let sab = b.abs().sqrt();
                        let sac = c.abs().sqrt();
                        p = sign(sab * sac, *c);
                        let tau = one / (*b + *c).abs().sqrt();
                        *a = temp + p;
                        *d = temp - p;
                        *b -= *c;
                        *c = zero;
                        let cs1 = sab * tau;
                        let sn1 = sac * tau;
                        let t = cs * cs1 - sn * sn1;
                        sn = cs * sn1 + sn * cs1;
                        cs = t;
                    }
                } else {
                    *b = -*c;
                    *c = zero;
                    let t = cs;
                    cs = -sn;
                    sn = t;
                }
            }
        }
    }
    let im = if *c == zero {
        zero
    } else {
        b.abs().sqrt() * c.abs().sqrt()
    };
    Standard2x2 {
        cs,
        sn,
        rt1: (*a, im),
        rt2: (*d, -im),
    }
}

/// Applies `[x; y] <- [cs sn; -sn cs] [x; y]` to `len` pairs `x[i * inc]`, `y[i * inc]` of
/// one slice at offsets `x0`, `y0` (`drot`).
#[inline]
fn rot<T: Float>(h: &mut [T], x0: usize, y0: usize, inc: usize, len: usize, cs: T, sn: T) {
    for i in 0..len {
        let (xi, yi) = (x0 + i * inc, y0 + i * inc);
        let (x, y) = (h[xi], h[yi]);
        h[xi] = cs * x + sn * y;
        h[yi] = cs * y - sn * x;
    }
}

/// `A <- (I - tau v v^T) A` on rows `k..k + v.len()` of columns `cols` of the column-major
/// `a` (leading dimension `n`), with `v[0] = 1` and `t = tau v`; `v.len()` is 2 or 3.
#[inline]
fn reflect_rows<T: Float>(
    a: &mut [T],
    n: usize,
    k: usize,
    cols: core::ops::Range<usize>,
    v: &[T],
    t: &[T],
) {
    let len = cols.len();
    if v.len() == 3 {
        let (v2, v3, t1, t2, t3) = (v[1], v[2], t[0], t[1], t[2]);
        for col in a[k + cols.start * n..].chunks_mut(n).take(len) {
            let c = &mut col[..3];
            let s = c[0] + v2 * c[1] + v3 * c[2];
            c[0] -= s * t1;
            c[1] -= s * t2;
            c[2] -= s * t3;
        }
    } else {
        let (v2, t1, t2) = (v[1], t[0], t[1]);
        for col in a[k + cols.start * n..].chunks_mut(n).take(len) {
            let c = &mut col[..2];
            let s = c[0] + v2 * c[1];
            c[0] -= s * t1;
            c[1] -= s * t2;
        }
    }
}

/// `A <- A (I - tau v v^T)` on columns `k..k + v.len()` of rows `rows` of the column-major `a`
/// (leading dimension `n`), with `v[0] = 1` and `t = tau v`; `v.len()` is 2 or 3.
#[inline]
fn reflect_cols<T: Float>(
    a: &mut [T],
    n: usize,
    k: usize,
    rows: core::ops::Range<usize>,
    v: &[T],
    t: &[T],
) {
    let (c0, rest) = a[k * n..].split_at_mut(n);
    let (c1, rest) = rest.split_at_mut(n.min(rest.len()));
    let (c0, c1) = (&mut c0[rows.clone()], &mut c1[rows.clone()]);
    if v.len() == 3 {
        let c2 = &mut rest[rows];
        let (v2, v3, t1, t2, t3) = (v[1], v[2], t[0], t[1], t[2]);
        for ((x, y), z) in c0.iter_mut().zip(c1.iter_mut()).zip(c2.iter_mut()) {
            let s = *x + v2 * *y + v3 * *z;
            *x -= s * t1;
            *y -= s * t2;
            *z -= s * t3;
        }
    } else {
        let (v2, t1, t2) = (v[1], t[0], t[1]);
        for (x, y) in c0.iter_mut().zip(c1.iter_mut()) {
            let s = *x + v2 * *y;
            *x -= s * t1;
            *y -= s * t2;
        }
    }
}

/// From this many rows of an active block on, [`hessenberg_qr`] deflates early from a trailing
/// window and chases many small bulges per sweep, their updates outside a moving window
/// applied as GEMMs (the small-bulge multishift QR of Braman, Byers and Mathias, as LAPACK's
/// `dlaqr0`); below, one double-shift bulge per sweep. LAPACK's `NMIN`; measured here
/// (release build, under load): at n = 64 the double-shift sweeps took 0.85 ms for the Schur
/// form with vectors against 1.0 ms with multishift from 40 rows; at n = 256 multishift from
/// 40 rows was 20% faster than from 75, within the noise of the shared machine.
const MULTISHIFT_FROM: usize = 75;

/// The number of shifts of a multishift sweep on an active block of `nh` rows (LAPACK's
/// `iparmq`: 10 below 150 rows, then `nh / log2(nh)`, at most 64), and the size of the
/// aggressive-early-deflation window (the same up to 500 rows, then half as much again).
fn shift_counts(nh: usize) -> (usize, usize) {
    let ns = if nh < 150 {
        10
    } else {
        let lg = (nh as f64).log2().round() as usize;
        ((nh / lg.max(1)) & !1).clamp(10, 64)
    };
    let nw = if nh <= 500 { ns } else { 3 * ns / 2 };
    (ns, nw.min(nh - 1))
}

/// Up to `count` shifts as bulge pairs (a complex conjugate pair, or two real shifts) from the
/// eigenvalues `(wr, wi)` (pairs adjacent), taking the last ones first.
fn shift_pairs<T: Float>(wr: &[T], wi: &[T], count: usize) -> Vec<[(T, T); 2]> {
    let mut pairs = Vec::new();
    let mut real: Option<T> = None;
    let mut j = wr.len();
    while j > 0 && 2 * pairs.len() < count {
        if j >= 2 && wi[j - 1] != T::ZERO && wi[j - 2] == -wi[j - 1] {
            pairs.push([(wr[j - 2], wi[j - 2]), (wr[j - 1], wi[j - 1])]);
            j -= 2;
        } else {
            match real.take() {
                Some(r) => pairs.push([(r, T::ZERO), (wr[j - 1], T::ZERO)]),
                None => real = Some(wr[j - 1]),
            }
            j -= 1;
        }
    }
    pairs
}

/// Aggressive early deflation (Braman, Byers and Mathias; LAPACK's `dlaqr3`, without its
/// reordering): the trailing `nw x nw` window of the active block `ktop..=kbot` is brought to
/// Schur form `T = V^T W V`; the subdiagonal entry above the window becomes a "spike"
/// `s V[0, :]`, and each trailing eigenvalue whose spike entries are negligible against it is
/// deflated (its entries set to zero), from the bottom up to the first one that is not. The
/// rest of the window is returned to Hessenberg form and `V` applied around it. Returns the
/// number deflated and, as shifts, the window's eigenvalues left undeflated; `None` if the
/// window's QR iteration failed (nothing is changed then).
fn aggressive_deflation<T: Float>(
    h: &mut [T],
    n: usize,
    ktop: usize,
    kbot: usize,
    nw: usize,
    rc: (usize, usize),
    z: Option<(&mut [T], (usize, usize))>,
) -> Option<(usize, Vec<T>, Vec<T>)> {
    let at = |i: usize, j: usize| i + j * n;
    let jw = nw.min(kbot - ktop);
    let kwtop = kbot + 1 - jw;
    let s = h[at(kwtop, kwtop - 1)];
    let mut t = vec![T::ZERO; jw * jw];
    for j in 0..jw {
        for i in 0..jw.min(j + 2) {
            t[i + j * jw] = h[at(kwtop + i, kwtop + j)];
        }
    }
    let mut v = vec![T::ZERO; jw * jw];
    for d in 0..jw {
        v[d + d * jw] = T::ONE;
    }
    let (wr, wi) = hessenberg_qr(&mut t, jw, 0, jw - 1, Some((&mut v, (0, jw - 1)))).ok()?;
    let ulp = T::epsilon();
    let smlnum = T::min_positive_value() * (T::of(n as f64) / ulp);
    let mut ns = jw;
    while ns > 0 {
        let pair = ns >= 2 && t[(ns - 1) + (ns - 2) * jw] != T::ZERO;
        let (mut size, spike) = if pair {
            (
                t[(ns - 1) + (ns - 1) * jw].abs()
                    + t[(ns - 1) + (ns - 2) * jw].abs().sqrt()
                        * t[(ns - 2) + (ns - 1) * jw].abs().sqrt(),
                (s * v[(ns - 1) * jw])
                    .abs()
                    .max((s * v[(ns - 2) * jw]).abs()),
            )
        } else {
            (
                t[(ns - 1) + (ns - 1) * jw].abs(),
                (s * v[(ns - 1) * jw]).abs(),
            )
        };
        if size == T::ZERO {
            size = s.abs();
        }
        if spike <= smlnum.max(ulp * size) {
            ns -= if pair { 2 } else { 1 };
        } else {
            break;
        }
    }
    let nd = jw - ns;
    let (swr, swi) = (wr[..ns].to_vec(), wi[..ns].to_vec());
    if nd == 0 {
        return Some((0, swr, swi));
    }
    // The spike of the undeflated part, reflected to beta e_1; that part back to Hessenberg.
    let mut spike: Vec<T> = (0..ns).map(|i| s * v[i * jw]).collect();
    let mut col = vec![T::ZERO; jw];
    if ns > 1 {
        let (tau, beta) = super::householder::house(&mut spike);
        super::householder::apply_left(&spike, tau, &mut t, ns, jw, 1, jw);
        super::householder::apply_right(&spike, tau, &mut t, ns, ns, 1, jw);
        super::householder::apply_right(&spike, tau, &mut v, jw, ns, 1, jw);
        col[0] = beta;
        let taus = super::hessenberg::hessenberg(&mut t, jw, 0, ns - 1, true);
        let q = super::hessenberg::form_q(&t, jw, 0, ns - 1, &taus);
        for j in 0..ns {
            for i in j + 2..ns {
                t[i + j * jw] = T::ZERO;
            }
        }
        let mut vq = vec![T::ZERO; jw * jw];
        gemm(
            T::ONE,
            MatRef::new(&v, jw, jw, 1, jw),
            MatRef::new(&q, jw, jw, 1, jw),
            T::ZERO,
            MatMut::new(&mut vq, jw, jw, 1, jw),
        );
        v = vq;
    } else if ns == 1 {
        col[0] = spike[0];
    }
    // Back into H: the spike column, the window, and V around it.
    for i in 0..jw {
        h[at(kwtop + i, kwtop - 1)] = col[i];
    }
    for j in 0..jw {
        for i in 0..jw {
            h[at(kwtop + i, kwtop + j)] = if i > j + 1 { T::ZERO } else { t[i + j * jw] };
        }
    }
    let (i1, i2) = rc;
    let mut tmp = Vec::new();
    if kbot < i2 {
        let cols = i2 - kbot;
        tmp.resize(jw * cols, T::ZERO);
        gemm(
            T::ONE,
            MatRef::new(&v, jw, jw, jw, 1),
            MatRef::new(&h[at(kwtop, kbot + 1)..], jw, cols, 1, n),
            T::ZERO,
            MatMut::new(&mut tmp, jw, cols, 1, jw),
        );
        for c in 0..cols {
            h[at(kwtop, kbot + 1 + c)..=at(kbot, kbot + 1 + c)]
                .copy_from_slice(&tmp[c * jw..(c + 1) * jw]);
        }
    }
    let mut right = |m: &mut [T], r0: usize, r1: usize| {
        if r1 <= r0 {
            return;
        }
        let rows = r1 - r0;
        tmp.clear();
        tmp.resize(rows * jw, T::ZERO);
        gemm(
            T::ONE,
            MatRef::new(&m[at(r0, kwtop)..], rows, jw, 1, n),
            MatRef::new(&v, jw, jw, 1, jw),
            T::ZERO,
            MatMut::new(&mut tmp, rows, jw, 1, rows),
        );
        for c in 0..jw {
            m[at(r0, kwtop + c)..at(r1, kwtop + c)].copy_from_slice(&tmp[c * rows..(c + 1) * rows]);
        }
    };
    right(h, i1, kwtop);
    if let Some((zm, (zlo, zhi))) = z {
        right(zm, zlo, zhi + 1);
    }
    Some((nd, swr, swi))
}

/// One multishift QR sweep over the active block `ktop..=kbot`: a chain of double-shift
/// bulges (one per pair of `shifts`), each chased as in the double-shift sweep, four rows
/// behind the one before it. The chain moves through a window of rows; inside it the
/// reflectors are applied directly and accumulated into `U`; outside it, `H` (columns right
/// of the window up to `rc.1`, rows above it from `rc.0`) and `Z` receive `U` by GEMM.
fn multishift_sweep<T: Float>(
    h: &mut [T],
    n: usize,
    ktop: usize,
    kbot: usize,
    shifts: &[[(T, T); 2]],
    rc: (usize, usize),
    mut z: Option<(&mut [T], (usize, usize))>,
) {
    let (i1, i2) = rc;
    let nb = shifts.len();
    let at = |i: usize, j: usize| i + j * n;
    // The next reflector of each bulge starts at row pos[b]; a bulge is done at kbot.
    let mut pos = vec![ktop; nb];
    let win = (8 * nb).max(16);
    let mut u: Vec<T> = Vec::new();
    let mut tmp: Vec<T> = Vec::new();
    while pos.iter().any(|&p| p < kbot) {
        let top = pos
            .iter()
            .copied()
            .filter(|&p| p < kbot)
            .min()
            .unwrap_or(kbot);
        let w0 = if top == ktop { ktop } else { top - 1 };
        let w1 = (w0 + win - 1).min(kbot);
        let wn = w1 + 1 - w0;
        u.clear();
        u.resize(wn * wn, T::ZERO);
        for d in 0..wn {
            u[d + d * wn] = T::ONE;
        }
        for b in 0..nb {
            // Four rows behind the bulge ahead (which has made its step pos[b] + 3).
            let ahead = if b == 0 { kbot } else { pos[b - 1] };
            while pos[b] < kbot
                && (ahead >= kbot || pos[b] + 4 <= ahead)
                && (pos[b] + 3 <= w1 || w1 == kbot)
            {
                let k = pos[b];
                let nr = 3.min(kbot - k + 1);
                let mut v = [T::ZERO; 3];
                if k == ktop {
                    // The first column of (H - s1)(H - s2), scaled.
                    let [(rt1r, rt1i), (rt2r, rt2i)] = shifts[b];
                    let m = ktop;
                    let h21s0 = h[at(m + 1, m)];
                    let s = (h[at(m, m)] - rt2r).abs() + rt2i.abs() + h21s0.abs();
                    let h21s = h21s0 / s;
                    v[0] = h21s * h[at(m, m + 1)]
                        + (h[at(m, m)] - rt1r) * ((h[at(m, m)] - rt2r) / s)
                        - rt1i * (rt2i / s);
                    v[1] = h21s * (h[at(m, m)] + h[at(m + 1, m + 1)] - rt1r - rt2r);
                    v[2] = h21s * h[at(m + 2, m + 1)];
                } else {
                    for (r, vr) in v.iter_mut().enumerate().take(nr) {
                        *vr = h[at(k + r, k - 1)];
                    }
                }
                let (t1, beta) = super::householder::house(&mut v[..nr]);
                if k > ktop {
                    h[at(k, k - 1)] = beta;
                    h[at(k + 1, k - 1)] = T::ZERO;
                    if nr == 3 {
                        h[at(k + 2, k - 1)] = T::ZERO;
                    }
                }
                let t = [t1, t1 * v[1], t1 * v[2]];
                let vv = [T::ONE, v[1], v[2]];
                reflect_rows(h, n, k, k..w1 + 1, &vv[..nr], &t[..nr]);
                let last = (k + 3).min(kbot);
                reflect_cols(h, n, k, w0..last + 1, &vv[..nr], &t[..nr]);
                reflect_cols(&mut u, wn, k - w0, 0..wn, &vv[..nr], &t[..nr]);
                pos[b] += 1;
            }
        }
        // H(w0..=w1, w1+1..=i2) <- U^T H(...); H(i1..w0, w0..=w1) <- H(...) U; Z likewise.
        if w1 < i2 {
            let cols = i2 - w1;
            tmp.clear();
            tmp.resize(wn * cols, T::ZERO);
            gemm(
                T::ONE,
                MatRef::new(&u, wn, wn, wn, 1),
                MatRef::new(&h[at(w0, w1 + 1)..], wn, cols, 1, n),
                T::ZERO,
                MatMut::new(&mut tmp, wn, cols, 1, wn),
            );
            for c in 0..cols {
                h[at(w0, w1 + 1 + c)..=at(w1, w1 + 1 + c)]
                    .copy_from_slice(&tmp[c * wn..(c + 1) * wn]);
            }
        }
        let mut right = |m: &mut [T], r0: usize, r1: usize| {
            if r1 <= r0 {
                return;
            }
            let rows = r1 - r0;
            tmp.clear();
            tmp.resize(rows * wn, T::ZERO);
            gemm(
                T::ONE,
                MatRef::new(&m[at(r0, w0)..], rows, wn, 1, n),
                MatRef::new(&u, wn, wn, 1, wn),
                T::ZERO,
                MatMut::new(&mut tmp, rows, wn, 1, rows),
            );
            for c in 0..wn {
                m[at(r0, w0 + c)..at(r1, w0 + c)].copy_from_slice(&tmp[c * rows..(c + 1) * rows]);
            }
        };
        right(h, i1, w0);
        if let Some((zm, (zlo, zhi))) = z.as_mut() {
            right(zm, *zlo, *zhi + 1);
        }
    }
}

/// The eigenvalues `(wr, wi)` of the column-major `n x n` upper Hessenberg matrix `h`, whose
/// block `ilo..=ihi` is the one to iterate on (it is upper triangular outside). Complex pairs
/// are adjacent, the one with positive imaginary part first.
///
/// With `z = Some((z, rows))`, `h` becomes the quasi-triangular Schur form `T` (the whole
/// matrix is updated) and the rotations are applied to the columns of the column-major
/// `n x n` `z` in rows `rows.0..=rows.1`, so that `Z` becomes `Z Q_schur`. With `None`, only
/// the active blocks are updated: the eigenvalues alone.
///
/// `Err(bound)` when the iteration bound `30 max(10, ihi - ilo + 1)` sweeps (in total) was
/// reached.
pub(crate) fn hessenberg_qr<T: Float>(
    h: &mut [T],
    n: usize,
    ilo: usize,
    ihi: usize,
    mut z: Option<(&mut [T], (usize, usize))>,
) -> Result<(Vec<T>, Vec<T>), usize> {
    let mut wr = vec![T::ZERO; n];
    let mut wi = vec![T::ZERO; n];
    if n == 0 {
        return Ok((wr, wi));
    }
    for i in (0..ilo).chain(ihi + 1..n) {
        wr[i] = h[i + i * n];
    }
    let wantt = z.is_some();
    // Clear out the trash below the subdiagonal (left by the reduction).
    for j in ilo..ihi.saturating_sub(2) {
        h[j + 2 + j * n] = T::ZERO;
        h[j + 3 + j * n] = T::ZERO;
    }
    if ihi >= 2 && ilo <= ihi - 2 {
        h[ihi + (ihi - 2) * n] = T::ZERO;
    }
    let nh = ihi - ilo + 1;
    let at = |i: usize, j: usize| i + j * n;
    let safmin = T::min_positive_value();
    let ulp = T::epsilon();
    let smlnum = safmin * (T::of(nh as f64) / ulp);
    let dat1 = T::of(0.75);
    let dat2 = T::of(-0.4375);
    const KEXSH: usize = 10;
    let itmax = 30 * nh.max(10);
    let mut total = 0usize;
    let mut kdefl = 0usize;
    let (mut i1, mut i2) = (0usize, n - 1);

    // `i` is the last row of the active block; the rows below it have converged.
    let mut i = ihi as isize;
    while i >= ilo as isize {
        let iu = i as usize;
        let mut l = ilo;
        let mut converged = false;
        while total < itmax {
            // Look for a single small subdiagonal element.
            let mut k = iu;
            while k > l {
                let hkk1 = h[at(k, k - 1)].abs();
                if hkk1 <= smlnum {
                    break;
                }
                let mut tst = h[at(k - 1, k - 1)].abs() + h[at(k, k)].abs();
                if tst == T::ZERO {
                    if k >= ilo + 2 {
                        tst += h[at(k - 1, k - 2)].abs();
                    }
                    if k < ihi {
                        tst += h[at(k + 1, k)].abs();
                    }
                }
                if hkk1 <= ulp * tst {
                    let ab = hkk1.max(h[at(k - 1, k)].abs());
                    let ba = hkk1.min(h[at(k - 1, k)].abs());
                    let d = (h[at(k - 1, k - 1)] - h[at(k, k)]).abs();
                    let aa = h[at(k, k)].abs().max(d);
                    let bb = h[at(k, k)].abs().min(d);
                    let s = aa + ab;
                    if ba * (ab / s) <= smlnum.max(ulp * (bb * (aa / s))) {
                        break;
                    }
                }
                k -= 1;
            }
            l = k;
            if l > ilo {
                h[at(l, l - 1)] = T::ZERO;
            }
            if l + 1 >= iu {
                converged = true;
                break;
            }
            total += 1;
            kdefl += 1;
            if !wantt {
                i1 = l;
                i2 = iu;
            }
            // A large active block: one sweep of many small bulges (except on the iterations
            // of exceptional shifts, which take the double-shift sweep below).
            if iu + 1 - l >= MULTISHIFT_FROM && !kdefl.is_multiple_of(KEXSH) {
                let (ns, nw) = shift_counts(iu + 1 - l);
                let zz = z.as_mut().map(|(z, r)| (&mut **z, *r));
                if let Some((nd, swr, swi)) = aggressive_deflation(h, n, l, iu, nw, (i1, i2), zz) {
                    // Many deflations: look again before sweeping (LAPACK's 14%).
                    if nd > 0 && 100 * nd > 14 * nw {
                        continue;
                    }
                    let pairs = shift_pairs(&swr, &swi, ns);
                    if !pairs.is_empty() {
                        let zz = z.as_mut().map(|(z, r)| (&mut **z, *r));
                        multishift_sweep(h, n, l, iu - nd, &pairs, (i1, i2), zz);
                        continue;
                    }
                }
            }
            // The shifts.
            let (h11, h12, h21, h22);
            if kdefl.is_multiple_of(2 * KEXSH) {
                let s = h[at(iu, iu - 1)].abs() + h[at(iu - 1, iu - 2)].abs();
                h11 = dat1 * s + h[at(iu, iu)];
                h12 = dat2 * s;
                h21 = s;
                h22 = h11;
            } else if kdefl.is_multiple_of(KEXSH) {
                let s = h[at(l + 1, l)].abs() + h[at(l + 2, l + 1)].abs();
                h11 = dat1 * s + h[at(l, l)];
                h12 = dat2 * s;
                h21 = s;
                h22 = h11;
            } else {
                h11 = h[at(iu - 1, iu - 1)];
                h21 = h[at(iu, iu - 1)];
                h12 = h[at(iu - 1, iu)];
                h22 = h[at(iu, iu)];
            }
            let s = h11.abs() + h12.abs() + h21.abs() + h22.abs();
            let (rt1r, rt1i, rt2r, rt2i);
            if s == T::ZERO {
                (rt1r, rt1i, rt2r, rt2i) = (T::ZERO, T::ZERO, T::ZERO, T::ZERO);
            } else {
                let (h11, h12, h21, h22) = (h11 / s, h12 / s, h21 / s, h22 / s);
                let tr = (h11 + h22) / T::of(2.0);
                let det = (h11 - tr) * (h22 - tr) - h12 * h21;
                let rtdisc = det.abs().sqrt();
                if det >= T::ZERO {
                    // A complex conjugate pair of shifts.
                    rt1r = tr * s;
                    rt2r = rt1r;
                    rt1i = rtdisc * s;
                    rt2i = -rt1i;
                } else {
                    // Two real shifts: use the one nearer h22 twice.
                    let a = tr + rtdisc;
                    let b = tr - rtdisc;
                    let r = if (a - h22).abs() <= (b - h22).abs() {
                        a
                    } else {
                        b
                    } * s;
                    rt1r = r;
                    rt2r = r;
                    rt1i = T::ZERO;
                    rt2i = T::ZERO;
                }
            }
            // Look for two consecutive small subdiagonal elements: the sweep starts at m.
            let mut m = iu - 2;
            let mut v = [T::ZERO; 3];
            loop {
                let h21s0 = h[at(m + 1, m)];
                let s = (h[at(m, m)] - rt2r).abs() + rt2i.abs() + h21s0.abs();
                let h21s = h21s0 / s;
                v[0] = h21s * h[at(m, m + 1)] + (h[at(m, m)] - rt1r) * ((h[at(m, m)] - rt2r) / s)
                    - rt1i * (rt2i / s);
                v[1] = h21s * (h[at(m, m)] + h[at(m + 1, m + 1)] - rt1r - rt2r);
                v[2] = h21s * h[at(m + 2, m + 1)];
                let s = v[0].abs() + v[1].abs() + v[2].abs();
                v[0] /= s;
                v[1] /= s;
                v[2] /= s;
                if m == l {
                    break;
                }
                let h00 = h[at(m, m - 1)].abs() * (v[1].abs() + v[2].abs());
                let h01 = v[0].abs()
                    * (h[at(m - 1, m - 1)].abs() + h[at(m, m)].abs() + h[at(m + 1, m + 1)].abs());
                if h00 <= ulp * h01 {
                    break;
                }
                m -= 1;
            }
            // The double-shift sweep.
            for k in m..iu {
                let nr = 3.min(iu - k + 1);
                if k > m {
                    for (r, vr) in v.iter_mut().enumerate().take(nr) {
                        *vr = h[at(k + r, k - 1)];
                    }
                }
                let (t1, beta) = super::householder::house(&mut v[..nr]);
                if k > m {
                    h[at(k, k - 1)] = beta;
                    h[at(k + 1, k - 1)] = T::ZERO;
                    if k + 1 < iu {
                        h[at(k + 2, k - 1)] = T::ZERO;
                    }
                } else if m > l {
                    // H(k, k-1) = -H(k, k-1) in exact arithmetic; this form stays right when
                    // v[1] and v[2] underflow.
                    h[at(k, k - 1)] *= T::ONE - t1;
                }
                let v2 = v[1];
                let t2 = t1 * v2;
                let t = [t1, t2, t1 * v[2]];
                let vv = [T::ONE, v2, v[2]];
                // Rows k.. of columns k..=i2, then columns k.. of rows i1..=min(k+3, iu).
                reflect_rows(h, n, k, k..i2 + 1, &vv[..nr], &t[..nr]);
                let last = if nr == 3 { (k + 3).min(iu) } else { iu };
                reflect_cols(h, n, k, i1..last + 1, &vv[..nr], &t[..nr]);
                if let Some((z, (zlo, zhi))) = z.as_mut() {
                    reflect_cols(z, n, k, *zlo..*zhi + 1, &vv[..nr], &t[..nr]);
                }
            }
        }
        if !converged {
            return Err(itmax);
        }
        if l == iu {
            // A 1 x 1 block.
            wr[iu] = h[at(iu, iu)];
            wi[iu] = T::ZERO;
        } else {
            // A 2 x 2 block (l == iu - 1): standard form, and its rotation applied around it.
            let (mut a, mut b, mut c, mut d) = (
                h[at(iu - 1, iu - 1)],
                h[at(iu - 1, iu)],
                h[at(iu, iu - 1)],
                h[at(iu, iu)],
            );
            let st = standardize_2x2(&mut a, &mut b, &mut c, &mut d);
            h[at(iu - 1, iu - 1)] = a;
            h[at(iu - 1, iu)] = b;
            h[at(iu, iu - 1)] = c;
            h[at(iu, iu)] = d;
            (wr[iu - 1], wi[iu - 1]) = st.rt1;
            (wr[iu], wi[iu]) = st.rt2;
            if let Some((z, (zlo, zhi))) = z.as_mut() {
                // Rows iu-1, iu right of the block; columns iu-1, iu above it.
                if n - 1 > iu {
                    rot(
                        h,
                        at(iu - 1, iu + 1),
                        at(iu, iu + 1),
                        n,
                        n - 1 - iu,
                        st.cs,
                        st.sn,
                    );
                }
                rot(h, at(0, iu - 1), at(0, iu), 1, iu - 1, st.cs, st.sn);
                rot(
                    z,
                    at(*zlo, iu - 1),
                    at(*zlo, iu),
                    1,
                    *zhi + 1 - *zlo,
                    st.cs,
                    st.sn,
                );
            }
        }
        kdefl = 0;
        i = l as isize - 1;
    }
    Ok((wr, wi))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Column-major `x y` or `x y^T` of n x n matrices.
    pub(crate) fn mul(x: &[f64], y: &[f64], n: usize, yt: bool) -> Vec<f64> {
        let mut out = vec![0.0; n * n];
        for j in 0..n {
            for k in 0..n {
                let f = if yt { y[j + k * n] } else { y[k + j * n] };
                for i in 0..n {
                    out[i + j * n] += x[i + k * n] * f;
                }
            }
        }
        out
    }

    #[test]
    fn schur_form_is_standard_and_similar() {
        // Below and above MULTISHIFT_FROM (the multishift sweeps and the early deflation).
        for n in [5usize, 40, 90, 180] {
            let mut h: Vec<f64> = (0..n * n)
                .map(|k| ((k * 29 + 11) as f64 * 0.913).sin())
                .collect();
            for j in 0..n {
                for i in j + 2..n {
                    h[i + j * n] = 0.0;
                }
            }
            let h0 = h.clone();
            let mut z = vec![0.0; n * n];
            for i in 0..n {
                z[i + i * n] = 1.0;
            }
            let (wr, wi) = hessenberg_qr(&mut h, n, 0, n - 1, Some((&mut z, (0, n - 1)))).unwrap();
            // Quasi-triangular with standardized 2 x 2 blocks matching (wr, wi).
            let mut j = 0;
            while j < n {
                for i in j + 2..n {
                    assert_eq!(h[i + j * n], 0.0);
                }
                if j + 1 < n && h[j + 1 + j * n] != 0.0 {
                    assert_eq!(h[j + j * n], h[j + 1 + (j + 1) * n]);
                    assert!(h[j + 1 + j * n] * h[j + (j + 1) * n] < 0.0);
                    assert!(wi[j] > 0.0 && wi[j + 1] == -wi[j] && wr[j] == h[j + j * n]);
                    j += 2;
                } else {
                    assert_eq!((wr[j], wi[j]), (h[j + j * n], 0.0));
                    j += 1;
                }
            }
            // Z T Z^T = H and Z^T Z = I.
            let back = mul(&mul(&z, &h, n, false), &z, n, true);
            let scale = h0.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            for (x, y) in back.iter().zip(&h0) {
                assert!(
                    (x - y).abs() < 1e-13 * n as f64 * scale,
                    "n {n}: {x} vs {y}"
                );
            }
            let mut zt = vec![0.0; n * n];
            for i in 0..n {
                for j in 0..n {
                    zt[i + j * n] = z[j + i * n];
                }
            }
            let ztz = mul(&zt, &z, n, false);
            for i in 0..n {
                for j in 0..n {
                    let id = if i == j { 1.0 } else { 0.0 };
                    assert!((ztz[i + j * n] - id).abs() < 1e-13 * n as f64);
                }
            }
            // The values alone agree (the same iteration on the active blocks only).
            let mut h2 = h0.clone();
            let (wr2, wi2) = hessenberg_qr(&mut h2, n, 0, n - 1, None).unwrap();
            let key = |wr: &[f64], wi: &[f64]| {
                let mut v: Vec<(f64, f64)> = wr.iter().copied().zip(wi.iter().copied()).collect();
                v.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
                v
            };
            for (x, y) in key(&wr, &wi).iter().zip(&key(&wr2, &wi2)) {
                assert!((x.0 - y.0).abs() + (x.1 - y.1).abs() < 1e-10 * scale * n as f64);
            }
        }
    }
}
