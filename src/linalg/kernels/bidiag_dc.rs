//! Divide and conquer for the SVD of an upper bidiagonal matrix, with vectors.
//!
//! A problem is an `n x (n + sq)` upper bidiagonal `B` (`sq` is 0 or 1: with `sq = 1` the last
//! row also holds `e[n - 1]`, in column `n`), decomposed as `B = U [S 0] V^T` with `U`
//! `n x n` and `V` `(n + sq) x (n + sq)` orthogonal, the last column of `V` spanning the null
//! space when `sq = 1`. Row `k` of `B` splits it into `B1` (rows `0..k`, `k x (k + 1)`, so
//! `sq = 1`), the row `alpha e_k^T + beta e_{k+1}^T` and `B2` (rows `k + 1..n`, with the
//! parent's `sq`). With the SVDs of `B1` and `B2`, `B` is orthogonally equivalent to the
//! broken-arrow matrix `M = e_1 z^T + diag(d)` (`d_1 = 0`, then the singular values of the
//! halves), whose singular values are the square roots of the eigenvalues of `D^2 + z z^T`,
//! the roots of the secular equation `1 + sum z_i^2 / (d_i^2 - s^2) = 0`.
//!
//! The merge deflates first (a negligible `z_i` leaves `d_i` as a singular value; two
//! `d_i` closer than the tolerance are combined by a Givens rotation that zeroes one `z`),
//! then finds each root as an offset `x = s^2 - d_o^2` from its nearer pole `d_o`, with the
//! pole differences formed as products `(d_i - d_o)(d_i + d_o)` so that `d_i^2 - s^2` keeps
//! its digits. The iteration is a rational (two-pole) step safeguarded by a bisection
//! bracket, with a bounded count. The vectors follow Gu and Eisenstat: `z` is recomputed from
//! the roots by the product formula, so the vectors of `M` are numerically orthogonal, and the
//! vectors of `B` are the halves' times those, as GEMMs that skip the zero blocks. Leaves of at
//! most `LEAF` rows are solved by the implicit QR sweeps of `bidiag_qr.rs`.

use super::bidiag_qr::bidiagonal_qr;
use super::givens::{givens, rotate_cols};
use super::householder::norm2;
use crate::gemm::{MatMut, MatRef, gemm};
use crate::parallel;
use crate::scalar::Float;

/// Subproblems of at most this many rows are solved by implicit QR. Measured (f64, random
/// square matrices, `examples`-style timing in release): leaves of 12, 16 and 25 rows were
/// within noise of each other from n = 128 to 1024, 32 was 6% slower at n = 128, and with 16
/// the divide and conquer already beats QR at n = 20 (0.058 ms against 0.063 ms).
pub(crate) const LEAF: usize = 16;

/// Iteration bound of one secular root (each step at least halves the bracket or is a
/// rational step inside it; the usual count is 2 to 6).
const MAX_ROOT_STEPS: usize = 200;

/// The SVD of one subproblem: `u` (`n x n`), `s` (`n`, non-negative, in no order), `v`
/// (`(n + sq) x (n + sq)`), both column-major.
pub(crate) struct Part<T> {
    pub u: Vec<T>,
    pub s: Vec<T>,
    pub v: Vec<T>,
}

/// The SVD `B = U diag(s) V^T` of the square upper bidiagonal with diagonal `d` and
/// superdiagonal `e` (`d.len() - 1` entries): `u`, `v` `n x n` column-major and `s`
/// non-negative, in no particular order. `Err(bound)` when an iteration (a leaf's QR or a
/// secular root) reached its bound.
pub(crate) fn bidiagonal_svd<T: Float>(d: &[T], e: &[T]) -> Result<Part<T>, usize> {
    debug_assert!(e.len() + 1 == d.len() || d.is_empty());
    if d.is_empty() {
        return Ok(Part {
            u: Vec::new(),
            s: Vec::new(),
            v: Vec::new(),
        });
    }
    solve(d, e, 0)
}

/// The column-major identity of order `n`.
fn identity<T: Float>(n: usize) -> Vec<T> {
    let mut q = vec![T::ZERO; n * n];
    for j in 0..n {
        q[j + j * n] = T::ONE;
    }
    q
}

/// The order from which the two halves of a subproblem are solved as two tasks (feature
/// `rayon`): a half of 64 is about a tenth of a millisecond of work, well above the cost of a
/// task.
const PAR_SPLIT: usize = 128;

/// The SVD of the `n x (n + sq)` upper bidiagonal with diagonal `d` and superdiagonal `e`
/// (`n - 1 + sq` entries): split at its middle row, both halves solved, merged.
fn solve<T: Float>(d: &[T], e: &[T], sq: usize) -> Result<Part<T>, usize> {
    let n = d.len();
    if n <= LEAF {
        return leaf(d, e, sq);
    }
    let k = n / 2;
    // The halves are independent: two tasks with the feature `rayon` from `PAR_SPLIT` up
    // (each computed as it would be alone, so the result does not depend on the threads).
    let (top, bottom) = parallel::join_when(
        n >= PAR_SPLIT,
        || solve(&d[..k], &e[..k], 1),
        || solve(&d[k + 1..], &e[k + 1..], sq),
    );
    merge(n, sq, k, d[k], e[k], top?, bottom?)
}

/// A leaf by implicit QR: for `sq = 1` the extra column is first chased out by rotations of
/// the columns (which leaves a square bidiagonal and the null vector in the last column).
fn leaf<T: Float>(d: &[T], e: &[T], sq: usize) -> Result<Part<T>, usize> {
    let n = d.len();
    let nv = n + sq;
    // Scaled to a largest entry of 1 like the merges (QR's shift squares entries).
    let scale = d.iter().chain(e).fold(T::ZERO, |m, &x| m.max(x.abs()));
    let scale = if scale > T::ZERO { scale } else { T::ONE };
    let mut d: Vec<T> = d.iter().map(|&x| x / scale).collect();
    let mut e: Vec<T> = e.iter().map(|&x| x / scale).collect();
    let mut vchase = identity::<T>(nv);
    if sq == 1 {
        let mut f = e.pop().expect("n x (n + 1) has n superdiagonal entries");
        for j in (0..n).rev() {
            let (c, s, r) = givens(d[j], f);
            d[j] = r;
            rotate_cols(&mut vchase, nv, j, n, c, s);
            if j > 0 {
                f = -s * e[j - 1];
                e[j - 1] *= c;
            }
        }
    }
    let mut u = identity::<T>(n);
    let mut vq = identity::<T>(n);
    bidiagonal_qr(&mut d, &mut e, &mut u, n, &mut vq, n, true)?;
    // V = Vchase [Vq 0; 0 1].
    let mut v = vchase.clone();
    gemm(
        T::ONE,
        MatRef::new(&vchase, nv, n, 1, nv),
        MatRef::new(&vq, n, n, 1, n),
        T::ZERO,
        MatMut::new(&mut v, nv, n, 1, nv),
    );
    for (i, di) in d.iter_mut().enumerate() {
        *di *= scale;
        if *di < T::ZERO {
            *di = -*di;
            for x in &mut v[i * nv..(i + 1) * nv] {
                *x = -*x;
            }
        }
    }
    Ok(Part { u, s: d, v })
}

/// Which rows of the merged vector matrices a column can be non-zero in: the upper block
/// (rows `0..=k`), the lower one, or both (after a rotation that mixed the two).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rows {
    Upper,
    Lower,
    Both,
}

impl Rows {
    fn key(self) -> u8 {
        match self {
            Rows::Upper => 0,
            Rows::Both => 1,
            Rows::Lower => 2,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn merge<T: Float>(
    n: usize,
    sq: usize,
    k: usize,
    alpha: T,
    beta: T,
    top: Part<T>,
    bottom: Part<T>,
) -> Result<Part<T>, usize> {
    let n2 = n - k - 1;
    let nv = n + sq;
    let (k1, n2v) = (k + 1, n2 + sq);
    // The vector matrices of the halves placed in the coordinates of M (see the module docs):
    // U column 0 is e_k; V column 0 is the null vector of B1.
    let mut ub = vec![T::ZERO; n * n];
    let mut vb = vec![T::ZERO; nv * nv];
    let mut z = vec![T::ZERO; n];
    let mut dd = vec![T::ZERO; n];
    ub[k] = T::ONE;
    vb[..k1].copy_from_slice(&top.v[k * k1..k1 * k1]);
    z[0] = alpha * top.v[k + k * k1];
    for i in 1..=k {
        ub[i * n..i * n + k].copy_from_slice(&top.u[(i - 1) * k..i * k]);
        vb[i * nv..i * nv + k1].copy_from_slice(&top.v[(i - 1) * k1..i * k1]);
        z[i] = alpha * top.v[k + (i - 1) * k1];
        dd[i] = top.s[i - 1];
    }
    for i in 1..=n2 {
        let c = k + i;
        ub[c * n + k1..(c + 1) * n].copy_from_slice(&bottom.u[(i - 1) * n2..i * n2]);
        vb[c * nv + k1..(c + 1) * nv].copy_from_slice(&bottom.v[(i - 1) * n2v..i * n2v]);
        z[c] = beta * bottom.v[(i - 1) * n2v];
        dd[c] = bottom.s[i - 1];
    }
    let mut vrows0 = Rows::Upper;
    if sq == 1 {
        // The null vector of B2 has only its z entry: rotate it into column 0, which leaves
        // column n of V as the null vector of B.
        vb[n * nv + k1..(n + 1) * nv].copy_from_slice(&bottom.v[n2 * n2v..(n2 + 1) * n2v]);
        let zl = beta * bottom.v[n2 * n2v];
        let (c, s, r) = givens(z[0], zl);
        if s != T::ZERO {
            rotate_cols(&mut vb, nv, 0, n, c, s);
            vrows0 = Rows::Both;
        }
        z[0] = r;
    }
    drop((top, bottom));

    // Scaled to a largest entry of 1 (undone on the singular values at the end), so that the
    // squares below neither underflow nor overflow in a merge deep inside a graded matrix.
    let dmax = dd.iter().fold(T::ZERO, |m, &x| m.max(x));
    let scale = dmax.max(alpha.abs()).max(beta.abs());
    if scale > T::ZERO {
        for x in dd.iter_mut().chain(z.iter_mut()) {
            *x /= scale;
        }
    }

    // Deflation.
    let eps = T::epsilon();
    let tol = if scale > T::ZERO {
        T::of(8.0) * eps
    } else {
        T::ZERO
    };
    let mut rows: Vec<Rows> = (0..n)
        .map(|i| if i <= k { Rows::Upper } else { Rows::Lower })
        .collect();
    let mut order: Vec<usize> = (1..n).collect();
    order.sort_by(|&a, &b| dd[a].partial_cmp(&dd[b]).expect("finite"));
    let mut keep = vec![0usize];
    let mut deflated = Vec::new();
    if z.iter().all(|v| v.abs() <= tol) {
        // M is diagonal to within the tolerance (the zero matrix, say): nothing to solve.
        keep.clear();
        deflated.push(0);
        deflated.extend_from_slice(&order);
        order.clear();
    } else if z[0].abs() <= tol {
        // The pole at 0 keeps a weight, so that the smallest root stays above it.
        z[0] = tol;
    }
    for &i in &order {
        if z[i].abs() <= tol {
            deflated.push(i);
            continue;
        }
        let p = *keep.last().expect("index 0 is kept");
        if p == 0 {
            if dd[i] <= tol {
                dd[i] = tol;
            }
            keep.push(i);
        } else if dd[i] - dd[p] <= tol {
            let (c, s, r) = givens(z[p], z[i]);
            z[p] = r;
            z[i] = T::ZERO;
            rotate_cols(&mut ub, n, p, i, c, s);
            rotate_cols(&mut vb, nv, p, i, c, s);
            if rows[p] != rows[i] {
                rows[p] = Rows::Both;
                rows[i] = Rows::Both;
            }
            deflated.push(i);
        } else {
            keep.push(i);
        }
    }

    // The secular equation over the kept entries (d ascending, d_0 = 0).
    let kk = keep.len();
    let ds: Vec<T> = keep.iter().map(|&i| dd[i]).collect();
    let zs: Vec<T> = keep.iter().map(|&i| z[i]).collect();
    // w[i + j kk] = d_i^2 - s_j^2, accurately.
    let mut w = vec![T::ZERO; kk * kk];
    let mut s = Vec::with_capacity(n);
    for j in 0..kk {
        let (o, x) = secular_root(&ds, &zs, j)?;
        let dor = ds[o];
        for i in 0..kk {
            w[i + j * kk] = (ds[i] - dor) * (ds[i] + dor) - x;
        }
        s.push((dor * dor + x).sqrt());
    }
    // Gu-Eisenstat: the z for which the computed roots are exact.
    // The products run down the columns of `w` (contiguous), one factor a root.
    let mut zh: Vec<T> = (0..kk).map(|i| -w[i + (kk - 1) * kk]).collect();
    for j in 0..kk.saturating_sub(1) {
        let col = &w[j * kk..(j + 1) * kk];
        for (i, p) in zh.iter_mut().enumerate() {
            // Root j against entry i: the factor pairs it with pole j (below i) or j + 1.
            let pole = if j < i { ds[j] } else { ds[j + 1] };
            let di = ds[i];
            *p *= -col[i] / ((pole - di) * (pole + di));
        }
    }
    for (p, &zi) in zh.iter_mut().zip(&zs) {
        *p = p.abs().sqrt().copysign(zi);
    }
    // The vectors of M: v_j ~ zh_i / (d_i^2 - s_j^2), u_j ~ (-1, d_i zh_i / (d_i^2 - s_j^2)).
    let mut uh = vec![T::ZERO; kk * kk];
    let mut vh = vec![T::ZERO; kk * kk];
    for j in 0..kk {
        let (uc, vc) = (&mut uh[j * kk..(j + 1) * kk], &mut vh[j * kk..(j + 1) * kk]);
        let wc = &w[j * kk..(j + 1) * kk];
        for i in 0..kk {
            vc[i] = zh[i] / wc[i];
            uc[i] = ds[i] * vc[i];
        }
        uc[0] = -T::ONE;
        for c in [uc, vc] {
            let norm = norm2(c);
            for x in c.iter_mut() {
                *x /= norm;
            }
        }
    }

    // New vectors: the kept columns times the small ones, then the deflated columns.
    let mut u = vec![T::ZERO; n * n];
    let mut v = vec![T::ZERO; nv * nv];
    let mut urows: Vec<Rows> = keep.iter().map(|&i| rows[i]).collect();
    let mut vrows = urows.clone();
    if kk > 0 {
        urows[0] = Rows::Upper;
        vrows[0] = vrows0;
    }
    block_product(&ub, n, k1, &keep, &urows, &uh, &mut u);
    block_product(&vb, nv, k1, &keep, &vrows, &vh, &mut v);
    for (t, &i) in deflated.iter().enumerate() {
        let c = kk + t;
        u[c * n..(c + 1) * n].copy_from_slice(&ub[i * n..(i + 1) * n]);
        v[c * nv..(c + 1) * nv].copy_from_slice(&vb[i * nv..(i + 1) * nv]);
        s.push(dd[i]);
    }
    if sq == 1 {
        v[n * nv..].copy_from_slice(&vb[n * nv..]);
    }
    if scale > T::ZERO {
        for x in &mut s {
            *x *= scale;
        }
    }
    Ok(Part { u, s, v })
}

/// `out[:, 0..kk] = big[:, cols] * hat` (column-major, `rows` rows, `hat` `kk x kk`), where
/// column `cols[r]` of `big` is non-zero only in the rows `rows_of[r]` says (upper block is
/// rows `0..split`): two GEMMs, each over the columns that meet its block of rows.
fn block_product<T: Float>(
    big: &[T],
    rows: usize,
    split: usize,
    cols: &[usize],
    rows_of: &[Rows],
    hat: &[T],
    out: &mut [T],
) {
    let kk = cols.len();
    let mut ord: Vec<usize> = (0..kk).collect();
    ord.sort_by_key(|&r| rows_of[r].key());
    let n_upper = rows_of.iter().filter(|r| **r == Rows::Upper).count();
    let n_both = rows_of.iter().filter(|r| **r == Rows::Both).count();
    let mut a = vec![T::ZERO; rows * kk];
    let mut h = vec![T::ZERO; kk * kk];
    for (q, &r) in ord.iter().enumerate() {
        a[q * rows..(q + 1) * rows].copy_from_slice(&big[cols[r] * rows..(cols[r] + 1) * rows]);
        for j in 0..kk {
            h[q + j * kk] = hat[r + j * kk];
        }
    }
    let out = &mut out[..rows * kk];
    let inner_top = n_upper + n_both;
    if inner_top > 0 && split > 0 {
        gemm(
            T::ONE,
            MatRef::new(&a, split, inner_top, 1, rows),
            MatRef::new(&h, inner_top, kk, 1, kk),
            T::ZERO,
            MatMut::new(out, split, kk, 1, rows),
        );
    }
    let inner_bottom = kk - n_upper;
    if inner_bottom > 0 && rows > split {
        gemm(
            T::ONE,
            MatRef::new(
                &a[split + n_upper * rows..],
                rows - split,
                inner_bottom,
                1,
                rows,
            ),
            MatRef::new(&h[n_upper..], inner_bottom, kk, 1, kk),
            T::ZERO,
            MatMut::new(&mut out[split..], rows - split, kk, 1, rows),
        );
    }
}

/// Root `j` (ascending) of `1 + sum z_i^2 / (d_i^2 - s^2) = 0` for `d` ascending with
/// `d_0 = 0`, gaps above the deflation tolerance and no zero `z_i`: `(o, x)` with
/// `s^2 = d_o^2 + x`, `d_o` the pole nearer the root. `Err(bound)` when the iteration did
/// not converge within its bound.
fn secular_root<T: Float>(d: &[T], z: &[T], j: usize) -> Result<(usize, T), usize> {
    let kk = d.len();
    let two = T::ONE + T::ONE;
    let eps = T::epsilon();
    let last = j + 1 == kk;
    // The origin, and the bracket (lo, hi) of the offset x.
    let (o, mut lo, mut hi) = if last {
        let z2: T = z.iter().map(|&v| v * v).sum();
        (j, T::ZERO, z2)
    } else {
        let gap = d[j + 1] - d[j];
        let mid = d[j] + gap / two;
        let xm = (gap / two) * (d[j] + mid);
        let f = T::ONE
            + d.iter()
                .zip(z)
                .map(|(&di, &zi)| zi * zi / ((di - d[j]) * (di + d[j]) - xm))
                .sum::<T>();
        if f >= T::ZERO {
            (j, T::ZERO, xm)
        } else {
            (j + 1, -(gap / two) * (d[j + 1] + mid), T::ZERO)
        }
    };
    let dor = d[o];
    let delta: Vec<T> = d.iter().map(|&di| (di - dor) * (di + dor)).collect();
    let mut x = if o == j { hi } else { lo };
    for _ in 0..MAX_ROOT_STEPS {
        // psi: poles at or below d_j (terms negative), phi: poles above (terms positive).
        let (psi, dpsi) = secular_terms(&delta[..=j], &z[..=j], x);
        let (phi, dphi) = secular_terms(&delta[j + 1..], &z[j + 1..], x);
        let f = T::ONE + psi + phi;
        if f == T::ZERO || f.abs() <= T::of(8.0) * eps * (T::ONE + phi - psi) {
            return Ok((o, x));
        }
        if f < T::ZERO {
            lo = lo.max(x);
        } else {
            hi = hi.min(x);
        }
        if hi - lo <= two * eps * lo.abs().max(hi.abs()) {
            return Ok((o, (lo + hi) / two));
        }
        // Rational model: psi ~ a1 + b1 / (Dj - eta), phi ~ a2 + b2 / (Dk - eta).
        let dj = delta[j] - x;
        let b1 = dpsi * dj * dj;
        let a1 = psi - dpsi * dj;
        let eta = if last {
            let c = T::ONE + a1;
            if c > T::ZERO { dj + b1 / c } else { T::nan() }
        } else {
            let dk = delta[j + 1] - x;
            let b2 = dphi * dk * dk;
            let a2 = phi - dphi * dk;
            let c = T::ONE + a1 + a2;
            let bq = c * (dj + dk) + b1 + b2;
            let c0 = dj * dk * f;
            if c == T::ZERO {
                c0 / bq
            } else {
                let disc = (bq * bq - T::of(4.0) * c * c0).max(T::ZERO).sqrt();
                let q = (bq + disc.copysign(bq)) / two;
                let r1 = q / c;
                let r2 = c0 / q;
                if r2 > dj && r2 < dk { r2 } else { r1 }
            }
        };
        let mut xn = x + eta;
        if !(xn > lo && xn < hi) {
            xn = if lo > T::ZERO && hi > T::of(64.0) * lo {
                (lo * hi).sqrt()
            } else if hi < T::ZERO && lo < T::of(64.0) * hi {
                -(lo * hi).sqrt()
            } else {
                (lo + hi) / two
            };
        }
        if (xn - x).abs() <= two * eps * x.abs().max(xn.abs()) {
            return Ok((o, xn));
        }
        x = xn;
    }
    Err(MAX_ROOT_STEPS)
}

/// `(sum z_i^2 / (delta_i - x), sum z_i^2 / (delta_i - x)^2)` over the given poles: one
/// division a term, in four running sums each (independent lanes, so that the loop
/// vectorises).
fn secular_terms<T: Float>(delta: &[T], z: &[T], x: T) -> (T, T) {
    let (mut f, mut df) = ([T::ZERO; 4], [T::ZERO; 4]);
    let (dc, zc) = (delta.chunks_exact(4), z.chunks_exact(4));
    let (dr, zr) = (dc.remainder(), zc.remainder());
    for (d4, z4) in dc.zip(zc) {
        for l in 0..4 {
            let t = z4[l] / (d4[l] - x);
            f[l] += z4[l] * t;
            df[l] += t * t;
        }
    }
    for (l, (&di, &zi)) in dr.iter().zip(zr).enumerate() {
        let t = zi / (di - x);
        f[l] += zi * t;
        df[l] += t * t;
    }
    (
        (f[0] + f[2]) + (f[1] + f[3]),
        (df[0] + df[2]) + (df[1] + df[3]),
    )
}
