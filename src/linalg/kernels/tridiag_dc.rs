//! Divide and conquer for the eigenproblem of a symmetric tridiagonal matrix: Cuppen's method,
//! with the eigenvectors of each merge computed as Gu and Eisenstat do, so that they come out
//! orthogonal to working precision however close the eigenvalues are.
//!
//! `T` is cut at its middle off-diagonal `beta`: `T = diag(T1, T2) + |beta| u u^T`, where
//! `T1`, `T2` are the two halves with `|beta|` taken off the two diagonal entries next to the
//! cut and `u = e_k + sign(beta) e_{k+1}`. With `T1 = Q1 D1 Q1^T` and `T2 = Q2 D2 Q2^T` solved
//! recursively, `T = Q (D + rho z z^T) Q^T` with `Q = diag(Q1, Q2)`, `z = Q^T u / sqrt 2` (a unit
//! vector) and `rho = 2 |beta|`. The eigenvalues of `D + rho z z^T` interlace the `d_j`: each is
//! the root, between two consecutive poles, of the secular equation
//! `f(lambda) = 1 / rho + sum_j z_j^2 / (d_j - lambda) = 0`.
//!
//! Matrices are column-major here. Leaves of at most [`LEAF`] rows are solved by the implicit
//! QR sweeps of `tridiag_qr.rs` (passed in as `leaf` by `eigh.rs`); every root iteration has a
//! bound, and reaching it is an error (`Err(bound)`), as it is for the QR sweeps.

use core::cmp::Ordering;

use super::givens::{hypot, rotate_cols_ld};
use crate::gemm::{MatMut, MatRef, gemm};
use crate::parallel;
use crate::scalar::Float;

/// Largest subproblem solved by QR sweeps rather than split further.
pub(crate) const LEAF: usize = 32;

/// The order from which the two halves of a subproblem are solved as two tasks (feature
/// `rayon`): a half of 64 is about a tenth of a millisecond of work, well above the cost of a
/// task.
const PAR_SPLIT: usize = 128;

/// Iterations allowed for one root of a secular equation.
const ROOT_BOUND: usize = 100;

/// Eigenvalues and eigenvectors of the symmetric tridiagonal matrix with diagonal `d` and
/// off-diagonal `e` (`d.len() - 1` entries; both overwritten). On return `d` holds the
/// eigenvalues ascending; the result is the `n x n` column-major matrix whose column `i` is the
/// eigenvector of `d[i]`. `Err(bound)` when an iteration reached its bound.
pub(crate) fn tridiagonal_eigen<T: Float>(
    d: &mut [T],
    e: &mut [T],
    leaf: impl Fn(&mut [T], &mut [T], &mut [T], usize) -> Result<(), usize> + Copy + Sync,
) -> Result<Vec<T>, usize> {
    let n = d.len();
    debug_assert_eq!(e.len(), n.saturating_sub(1));
    let mut q = vec![T::ZERO; n * n];
    let mut ws = Work::default();
    solve(d, e, &mut q, n, leaf, &mut ws)?;
    Ok(q)
}

/// Scratch shared by every merge and leaf of one solve: grown to the largest request and
/// reused, so that the merges deep in the recursion neither allocate nor fault in fresh pages.
struct Work<T> {
    /// `dl`, `d_j - lambda_i` of the kept poles (`kk x kk`).
    dl: Vec<T>,
    /// The eigenvectors of `D + rho z z^T` (`kk x kk`).
    v: Vec<T>,
    /// The new vectors of the kept poles (`n x kk`).
    w: Vec<T>,
    /// The kept columns of `Q` that meet its top rows, then those that meet its bottom rows.
    qt: Vec<T>,
    qb: Vec<T>,
    /// The deflated columns of `Q`, and a leaf's vectors.
    aside: Vec<T>,
}

impl<T> Default for Work<T> {
    fn default() -> Self {
        Work {
            dl: Vec::new(),
            v: Vec::new(),
            w: Vec::new(),
            qt: Vec::new(),
            qb: Vec::new(),
            aside: Vec::new(),
        }
    }
}

/// The first `len` elements of `buf`, grown (with zeros) when it is shorter; the contents are
/// whatever an earlier use left.
fn scratch<T: Float>(buf: &mut Vec<T>, len: usize) -> &mut [T] {
    if buf.len() < len {
        buf.resize(len, T::ZERO);
    }
    &mut buf[..len]
}

/// The eigen-decomposition of the tridiagonal `(d, e)` into the `n x n` block at the start of
/// `q` (column-major, leading dimension `ld`): its columns are the eigenvectors, `d` the
/// eigenvalues ascending.
fn solve<T: Float>(
    d: &mut [T],
    e: &mut [T],
    q: &mut [T],
    ld: usize,
    leaf: impl Fn(&mut [T], &mut [T], &mut [T], usize) -> Result<(), usize> + Copy + Sync,
    ws: &mut Work<T>,
) -> Result<(), usize> {
    let n = d.len();
    if n <= LEAF {
        let z = scratch(&mut ws.aside, n * n);
        z.fill(T::ZERO);
        for j in 0..n {
            z[j + j * n] = T::ONE;
        }
        leaf(d, e, z, n)?;
        for j in 0..n {
            q[j * ld..j * ld + n].copy_from_slice(&z[j * n..(j + 1) * n]);
        }
        return Ok(());
    }
    let k = n / 2;
    let beta = e[k - 1];
    d[k - 1] -= beta.abs();
    d[k] -= beta.abs();
    let (d1, d2) = d.split_at_mut(k);
    let (e1, e2) = e.split_at_mut(k - 1);
    // The second half's block starts at `(k, k)`, after every element of the first's.
    let (q1, q2) = q.split_at_mut(k + k * ld);
    if n >= PAR_SPLIT && parallel::threads() > 1 {
        // Two tasks (feature `rayon`), the second with a scratch of its own; each half is
        // computed as it would be alone, so the result does not depend on the threads.
        let mut ws2 = Work::default();
        let (r1, r2) = parallel::join(
            || solve(d1, e1, q1, ld, leaf, ws),
            || solve(d2, &mut e2[1..], q2, ld, leaf, &mut ws2),
        );
        r1?;
        r2?;
    } else {
        solve(d1, e1, q1, ld, leaf, ws)?;
        solve(d2, &mut e2[1..], q2, ld, leaf, ws)?;
    }
    merge(d, k, beta, q, ld, ws)
}

/// Where a column of the merged `Q` has non-zeros: rows `..k`, rows `k..`, or both (after a
/// deflating rotation mixed a column of each half).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Top,
    Bottom,
    Both,
}

/// The eigen-decomposition of `diag(T1, T2) + |beta| u u^T` from those of the halves: `d`
/// holds the eigenvalues of `T1` (first `k`) and `T2`, the `n x n` block at the start of `q`
/// (leading dimension `ld`) their vectors `Q1` (`k x k`, top left) and `Q2` (bottom right),
/// and takes the merged vectors.
fn merge<T: Float>(
    d: &mut [T],
    k: usize,
    beta: T,
    q: &mut [T],
    ld: usize,
    ws: &mut Work<T>,
) -> Result<(), usize> {
    let n = d.len();
    let n2 = n - k;
    let eps = T::epsilon();
    let two = T::ONE + T::ONE;

    // Q = diag(Q1, Q2) (the off-diagonal blocks cleared) and z = Q^T u / sqrt 2.
    for j in 0..k {
        q[j * ld + k..j * ld + n].fill(T::ZERO);
    }
    for j in k..n {
        q[j * ld..j * ld + k].fill(T::ZERO);
    }
    let half = T::ONE / two.sqrt();
    let sign = if beta < T::ZERO { -T::ONE } else { T::ONE };
    let mut z: Vec<T> = (0..n)
        .map(|j| {
            if j < k {
                q[(k - 1) + j * ld] * half
            } else {
                sign * q[k + j * ld] * half
            }
        })
        .collect();
    let rho = two * beta.abs();
    let mut part: Vec<Part> = (0..n)
        .map(|j| if j < k { Part::Top } else { Part::Bottom })
        .collect();

    // Deflation, in ascending order of d. A negligible rho z_j leaves (d_j, q_j) an eigenpair;
    // two poles close enough are rotated so that one of them has z = 0.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| d[a].partial_cmp(&d[b]).unwrap_or(Ordering::Equal));
    let dmax = d.iter().fold(T::ZERO, |m, x| m.max(x.abs()));
    let tol = T::of(8.0) * eps * dmax.max(rho);
    let mut kept: Vec<usize> = Vec::with_capacity(n);
    let mut deflated: Vec<usize> = Vec::new();
    let mut prev: Option<usize> = None;
    for &j in &order {
        if rho * z[j].abs() <= tol {
            deflated.push(j);
            continue;
        }
        if let Some(p) = prev {
            let tau = hypot(z[p], z[j]);
            let c = z[j] / tau;
            let s = -z[p] / tau;
            let gap = d[j] - d[p];
            if (gap * c * s).abs() <= tol {
                z[j] = tau;
                z[p] = T::ZERO;
                rotate_cols_ld(q, ld, n, p, j, c, s);
                if part[p] != part[j] {
                    part[p] = Part::Both;
                    part[j] = Part::Both;
                }
                let (dp, dj) = (d[p], d[j]);
                d[p] = c * c * dp + s * s * dj;
                d[j] = s * s * dp + c * c * dj;
                deflated.push(p);
            } else {
                kept.push(p);
            }
        }
        prev = Some(j);
    }
    if let Some(p) = prev {
        kept.push(p);
    }

    // The secular equation of the kept poles.
    let kk = kept.len();
    let dd: Vec<T> = kept.iter().map(|&j| d[j]).collect();
    let z2: Vec<T> = kept.iter().map(|&j| z[j] * z[j]).collect();
    // dl[j + i kk] = dd[j] - lambda_i, each to full relative accuracy.
    let dl = scratch(&mut ws.dl, kk * kk);
    let mut lambda = vec![T::ZERO; kk];
    for i in 0..kk {
        let (o, tau) = secular_root(i, &dd, &z2, rho, &mut dl[i * kk..(i + 1) * kk])?;
        lambda[i] = dd[o] + tau;
    }

    // The new vectors of the kept poles will be Q_kept V, with Q's zero blocks skipped: the
    // kept columns are grouped as top-only, both, bottom-only; the top rows multiply the first
    // two groups and the bottom rows the last two. `v`'s rows follow that order.
    let mut groups: Vec<usize> = Vec::with_capacity(kk);
    for want in [Part::Top, Part::Both, Part::Bottom] {
        groups.extend((0..kk).filter(|&i| part[kept[i]] == want));
    }
    let n_top = groups
        .iter()
        .take_while(|&&i| part[kept[i]] != Part::Bottom)
        .count();
    let n_only_top = groups
        .iter()
        .take_while(|&&i| part[kept[i]] == Part::Top)
        .count();
    let mut row_of = vec![0; kk];
    for (r, &i) in groups.iter().enumerate() {
        row_of[i] = r;
    }

    // Gu-Eisenstat: the z for which the computed lambdas are exact eigenvalues, then the
    // eigenvectors of D + rho zhat zhat^T, columns of the kk x kk `v` (rows in group order).
    // The products run down the columns of `dl` (contiguous), one factor a root.
    let mut zhat: Vec<T> = (0..kk).map(|j| -dl[j + (kk - 1) * kk] / rho).collect();
    for i in 0..kk.saturating_sub(1) {
        let col = &dl[i * kk..(i + 1) * kk];
        for (j, p) in zhat.iter_mut().enumerate() {
            // Root i against pole j: the factor pairs it with pole i (below j) or i + 1.
            let pole = if i < j { dd[i] } else { dd[i + 1] };
            *p *= col[j] / (dd[j] - pole);
        }
    }
    for (j, p) in zhat.iter_mut().enumerate() {
        let r = p.abs().sqrt();
        *p = if z[kept[j]] < T::ZERO { -r } else { r };
    }
    let v = scratch(&mut ws.v, kk * kk);
    for i in 0..kk {
        let col = &dl[i * kk..(i + 1) * kk];
        let out = &mut v[i * kk..(i + 1) * kk];
        for j in 0..kk {
            out[row_of[j]] = zhat[j] / col[j];
        }
    }
    for col in v.chunks_mut(kk.max(1)) {
        let norm = col.iter().map(|&x| x * x).sum::<T>().sqrt();
        for x in col {
            *x /= norm;
        }
    }

    let w = scratch(&mut ws.w, n * kk);
    if n_top > 0 && kk > 0 {
        let qt = scratch(&mut ws.qt, k * n_top);
        for (c, &i) in groups[..n_top].iter().enumerate() {
            let col = kept[i];
            qt[c * k..(c + 1) * k].copy_from_slice(&q[col * ld..col * ld + k]);
        }
        let a = MatRef::new(qt, k, n_top, 1, k);
        let b = MatRef::new(v, n_top, kk, 1, kk);
        let out = MatMut::new(w, k, kk, 1, n);
        gemm(T::ONE, a, b, T::ZERO, out);
    } else {
        for col in w.chunks_mut(n) {
            col[..k].fill(T::ZERO);
        }
    }
    let n_bottom = kk - n_only_top;
    if n_bottom > 0 {
        let qb = scratch(&mut ws.qb, n2 * n_bottom);
        for (c, &i) in groups[n_only_top..].iter().enumerate() {
            let col = kept[i];
            qb[c * n2..(c + 1) * n2].copy_from_slice(&q[col * ld + k..col * ld + n]);
        }
        let a = MatRef::new(qb, n2, n_bottom, 1, n2);
        let b = MatRef::new(&v[n_only_top..], n_bottom, kk, 1, kk);
        let out = MatMut::new(&mut w[k..], n2, kk, 1, n);
        gemm(T::ONE, a, b, T::ZERO, out);
    } else {
        for col in w.chunks_mut(n) {
            col[k..].fill(T::ZERO);
        }
    }

    // All eigenpairs, ascending: the roots with their new vectors, the deflated poles with
    // their columns of Q.
    let mut all: Vec<(T, usize)> = (0..kk).map(|i| (lambda[i], i)).collect();
    all.extend(deflated.iter().map(|&j| (d[j], kk + j)));
    all.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(Ordering::Equal));
    // The deflated columns are copied aside, and `q` takes the result.
    let aside = scratch(&mut ws.aside, n * deflated.len());
    let mut slot = vec![0; n];
    for (t, &j) in deflated.iter().enumerate() {
        aside[t * n..(t + 1) * n].copy_from_slice(&q[j * ld..j * ld + n]);
        slot[j] = t;
    }
    for (c, &(value, src)) in all.iter().enumerate() {
        d[c] = value;
        let from = if src < kk {
            &w[src * n..(src + 1) * n]
        } else {
            let t = slot[src - kk];
            &aside[t * n..(t + 1) * n]
        };
        q[c * ld..c * ld + n].copy_from_slice(from);
    }
    Ok(())
}

/// Root `i` of `1 / rho + sum_j z2_j / (d_j - lambda)`, for `d` strictly ascending, `z2 > 0`,
/// `rho > 0`: `lambda` lies in `(d_i, d_{i+1})`, or above `d_i` for the last root. Returns
/// `(o, tau)` with `lambda = d_o + tau`, `d_o` the nearer pole, and leaves
/// `delta_j = d_j - lambda` in `delta`, computed as `(d_j - d_o) - tau` so that each keeps its
/// relative accuracy. `Err(bound)` if the iteration reached its bound.
fn secular_root<T: Float>(
    i: usize,
    d: &[T],
    z2: &[T],
    rho: T,
    delta: &mut [T],
) -> Result<(usize, T), usize> {
    let kk = d.len();
    let eps = T::epsilon();
    let two = T::ONE + T::ONE;
    let inv_rho = T::ONE / rho;
    let last = i + 1 == kk;

    // The origin and a bracket for tau.
    let (o, mut lo, mut hi) = if last {
        let total: T = z2.iter().copied().sum();
        (i, T::ZERO, rho * total * (T::ONE + two * eps))
    } else {
        let mid = (d[i + 1] - d[i]) / two;
        let g: T = inv_rho + (0..kk).map(|j| z2[j] / ((d[j] - d[i]) - mid)).sum::<T>();
        if g >= T::ZERO {
            (i, T::ZERO, mid)
        } else {
            (i + 1, mid - (d[i + 1] - d[i]), T::ZERO)
        }
    };
    for (j, x) in delta.iter_mut().enumerate() {
        *x = d[j] - d[o];
    }
    // The poles on each side of the root: left are 0..=i, right are i+1.. .
    // Start at the middle of the interval between the poles (where the origin was chosen),
    // or in the middle of the bracket of the last root.
    let mut tau = if last {
        hi / two
    } else if o == i {
        hi
    } else {
        lo
    };
    let mut converged = false;
    for _ in 0..ROOT_BOUND {
        // The terms of the poles left of the root (0..=i) and right of it, in two loops
        // without branches, one division a term, in four running sums each (independent
        // lanes, so that the loops vectorise).
        let sums = |from: usize, to: usize| {
            let (mut f, mut df) = ([T::ZERO; 4], [T::ZERO; 4]);
            let (dc, zc) = (
                delta[from..to].chunks_exact(4),
                z2[from..to].chunks_exact(4),
            );
            let (dr, zr) = (dc.remainder(), zc.remainder());
            for (d4, z4) in dc.zip(zc) {
                for t in 0..4 {
                    let inv = T::ONE / (d4[t] - tau);
                    let r = z4[t] * inv;
                    f[t] += r;
                    df[t] += r * inv;
                }
            }
            for (t, (&dj, &zj)) in dr.iter().zip(zr).enumerate() {
                let inv = T::ONE / (dj - tau);
                let r = zj * inv;
                f[t] += r;
                df[t] += r * inv;
            }
            (
                (f[0] + f[2]) + (f[1] + f[3]),
                (df[0] + df[2]) + (df[1] + df[3]),
            )
        };
        let (psi, dpsi) = sums(0, i + 1);
        let (phi, dphi) = sums(i + 1, kk);
        let w = inv_rho + psi + phi;
        // The rounding error of w, bounded as LAPACK's dlaed4 does.
        let bound = eps * (T::of(8.0) * (phi - psi) + inv_rho + tau.abs() * (dpsi + dphi));
        if w.abs() <= bound {
            converged = true;
            break;
        }
        if w > T::ZERO {
            hi = tau;
        } else {
            lo = tau;
        }
        // The step to the root of a model that keeps the two poles around the root and
        // replaces the others of each side by a constant and a weight on that pole, matching
        // the value and the derivative at tau.
        let a1 = delta[i] - tau;
        let step = if last {
            let c = w - dpsi * a1;
            if c > T::ZERO {
                a1 + dpsi * a1 * a1 / c
            } else {
                -w / dpsi
            }
        } else {
            let a2 = delta[i + 1] - tau;
            let c = w - dpsi * a1 - dphi * a2;
            let b = c * (a1 + a2) + dpsi * a1 * a1 + dphi * a2 * a2;
            let prod = a1 * a2 * w;
            if c == T::ZERO {
                prod / b
            } else {
                let disc = (b * b - T::of(4.0) * c * prod).max(T::ZERO).sqrt();
                let big = if b >= T::ZERO { b + disc } else { b - disc };
                let r2 = two * prod / big;
                if r2 > a1 && r2 < a2 {
                    r2
                } else {
                    big / (two * c)
                }
            }
        };
        let mut next = tau + step;
        if !(next > lo && next < hi) {
            next = (lo + hi) / two;
        }
        if next == tau || next <= lo || next >= hi {
            // No other float lies in the bracket: tau is the root to working precision.
            converged = true;
            break;
        }
        tau = next;
    }
    if !converged {
        return Err(ROOT_BOUND);
    }
    for x in delta.iter_mut() {
        *x -= tau;
    }
    Ok((o, tau))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each root lies strictly inside its interval, makes the secular function vanish to the
    /// rounding of its terms, and `delta` holds `d_j - lambda` (checked against a direct
    /// subtraction where that has no cancellation).
    #[test]
    fn secular_roots_interlace_and_solve() {
        let d = [-3.0, -1.0, -0.999_999_999, 0.0, 2.0, 2.5];
        let z2 = [0.1, 0.3, 1e-6, 0.2, 0.25, 0.149_999];
        for rho in [1e-8, 0.5, 1.0, 40.0] {
            let mut prev = f64::NEG_INFINITY;
            for i in 0..d.len() {
                let mut delta = [0.0; 6];
                let (o, tau) = secular_root(i, &d, &z2, rho, &mut delta).unwrap();
                let lambda = d[o] + tau;
                assert!(
                    lambda > d[i] && lambda > prev,
                    "rho {rho} root {i}: {lambda}"
                );
                if i + 1 < d.len() {
                    assert!(lambda < d[i + 1], "rho {rho} root {i}: {lambda}");
                }
                prev = lambda;
                let terms: Vec<f64> = (0..6).map(|j| z2[j] / delta[j]).collect();
                let f = 1.0 / rho + terms.iter().sum::<f64>();
                let size = 1.0 / rho + terms.iter().map(|t| t.abs()).sum::<f64>();
                assert!(
                    f.abs() <= 64.0 * f64::EPSILON * size,
                    "f = {f:e}, size {size:e}"
                );
                for j in 0..6 {
                    if j != o {
                        let direct = d[j] - lambda;
                        assert!((delta[j] - direct).abs() <= 1e-15 * direct.abs().max(1.0));
                    }
                }
            }
        }
    }
}
