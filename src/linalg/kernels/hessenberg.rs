//! Householder reduction of a general matrix to upper Hessenberg form, `A = Q H Q^T`
//! (LAPACK's `dgehd2`), and the forming of `Q` (`dorghr`), both over column-major slices.
//!
//! Reflector `k` (from 0) is `H_k = I - tau_k v_k v_k^T` with `v_k[0] = 1` acting on rows
//! `ilo + k + 1 ..= ihi`; the rest of `v_k` is stored below the subdiagonal of column
//! `ilo + k`. `Q = H_0 H_1 ...`.

use super::householder::{apply_left, apply_reflectors, apply_right, house};
use crate::gemm::{MatMut, MatRef, gemm};
use crate::scalar::Float;

/// Reduces rows and columns `ilo..=ihi` of the column-major `n x n` matrix `a` to Hessenberg
/// form in place; returns the `tau`s. The matrix must already be upper triangular left of
/// column `ilo` and below row `ihi` (as [`super::balance::balance`] leaves it).
///
/// With `full`, the whole matrix is transformed (`H = Q^T A Q`, as the Schur form and the
/// eigenvectors need); without, only the block `ilo..=ihi`, which is all the eigenvalues need.
pub(crate) fn hessenberg<T: Float>(
    a: &mut [T],
    n: usize,
    ilo: usize,
    ihi: usize,
    full: bool,
) -> Vec<T> {
    debug_assert_eq!(a.len(), n * n);
    let count = ihi.saturating_sub(ilo + 1);
    let mut taus = Vec::with_capacity(count);
    let (r0, c1) = if full { (0, n) } else { (ilo, ihi + 1) };
    let mut i = ilo;
    // Panels of NB columns while the trailing block is large, then one column at a time.
    while ihi + 1 - i > BLOCKED_FROM && i + NB < ilo + count {
        panel(a, n, i, NB, ihi, r0, c1, &mut taus);
        i += NB;
    }
    let mut v = Vec::with_capacity(n);
    for k in i..ilo + count {
        let len = ihi - k;
        let col = &mut a[(k + 1) + k * n..=ihi + k * n];
        let (tau, beta) = house(col);
        v.clear();
        v.extend_from_slice(col);
        col[0] = beta;
        taus.push(tau);
        // A(r0..=ihi, k+1..=ihi) <- A H_k, then A(k+1..=ihi, k+1..c1) <- H_k A.
        apply_right(&v, tau, &mut a[r0 + (k + 1) * n..], ihi + 1 - r0, len, 1, n);
        apply_left(
            &v,
            tau,
            &mut a[(k + 1) + (k + 1) * n..],
            len,
            c1 - k - 1,
            1,
            n,
        );
    }
    taus
}

/// While more than this many rows of the active block remain, [`hessenberg`] reduces panels
/// of [`NB`] columns with their updates as GEMMs (LAPACK's `dgehrd` / `dlahr2`). Measured
/// (release build, best of several runs, shared machine), unblocked against blocked: n = 48
/// 87 / 64 us, 64 190 / 125 us, 128 1.29 / 0.61 ms, 256 13.7 / 3.3 ms, 512 156 / 51 ms; at
/// 36 rows one panel changes nothing (40 / 40 us).
const BLOCKED_FROM: usize = 40;
/// Columns per panel.
const NB: usize = 32;

/// Reduces the `nb` columns `i..i + nb` (LAPACK's `dlahr2`, then `dgehrd`'s updates): the
/// reflectors are made one column at a time, each column first brought up to date with the
/// earlier reflectors of the panel (`A <- (I - V T^T V^T)(A - Y V^T)` on that column alone),
/// while `Y = A V T` is accumulated; then the rest of the matrix is updated by GEMMs:
/// `A <- A - Y V^T` on the columns right of the panel, and `A <- (I - V T^T V^T) A` on the
/// rows below it. Rows `r0..` and columns `..c1` are the ones updated.
#[allow(clippy::too_many_arguments)]
fn panel<T: Float>(
    a: &mut [T],
    n: usize,
    i: usize,
    nb: usize,
    ihi: usize,
    r0: usize,
    c1: usize,
    taus: &mut Vec<T>,
) {
    let at = |r: usize, c: usize| r + c * n;
    // Y: rows r0..=ihi (index r - r0), nb columns; T: nb x nb upper; both column-major.
    let ym = ihi + 1 - r0;
    let mut y = vec![T::ZERO; ym * nb];
    let mut t = vec![T::ZERO; nb * nb];
    let mut w = vec![T::ZERO; nb];
    // V: rows i+1..=ihi (index r - i - 1), with explicit zeros above each unit diagonal.
    let vm = ihi - i;
    let mut vd = vec![T::ZERO; vm * nb];
    for p in 0..nb {
        let c = i + p;
        if p > 0 {
            // Column c, rows i+1..=ihi: A(:, c) -= Y V(c, :)^T ...
            for q in 0..p {
                let f = vd[(c - i - 1) + q * vm];
                if f != T::ZERO {
                    let yq = &y[(i + 1 - r0) + q * ym..(ihi + 1 - r0) + q * ym];
                    let col = &mut a[at(i + 1, c)..=at(ihi, c)];
                    for (x, &yy) in col.iter_mut().zip(yq) {
                        *x -= f * yy;
                    }
                }
            }
            // ... then b <- (I - V T^T V^T) b with b = A(i+1..=ihi, c).
            let b = &a[at(i + 1, c)..=at(ihi, c)];
            for (q, wq) in w.iter_mut().enumerate().take(p) {
                *wq = super::householder::dot(&vd[q * vm..(q + 1) * vm], b);
            }
            // w <- T^T w (T upper: row q of T^T uses T(0..=q, q)).
            for q in (0..p).rev() {
                let mut s = T::ZERO;
                for r in 0..=q {
                    s += t[r + q * nb] * w[r];
                }
                w[q] = s;
            }
            let b = &mut a[at(i + 1, c)..=at(ihi, c)];
            for (q, &wq) in w.iter().enumerate().take(p) {
                for (x, &vv) in b.iter_mut().zip(&vd[q * vm..(q + 1) * vm]) {
                    *x -= vv * wq;
                }
            }
        }
        // The reflector of column c: rows c+1..=ihi.
        let (tau, beta) = house(&mut a[at(c + 1, c)..=at(ihi, c)]);
        taus.push(tau);
        vd[(c - i) + p * vm..(p + 1) * vm].copy_from_slice(&a[at(c + 1, c)..=at(ihi, c)]);
        a[at(c + 1, c)] = beta;
        let v = &vd[p * vm..(p + 1) * vm]; // zeros above row c+1
        // Y(i+1..=ihi, p) = A(i+1..=ihi, c+1..=ihi) v(c+1..=ihi)
        {
            let (ycols, _) = y.split_at_mut((p + 1) * ym);
            let yp = &mut ycols[p * ym + (i + 1 - r0)..(p + 1) * ym];
            yp.iter_mut().for_each(|x| *x = T::ZERO);
            for j in c + 1..=ihi {
                let f = v[j - i - 1];
                if f != T::ZERO {
                    let col = &a[at(i + 1, j)..=at(ihi, j)];
                    for (x, &aa) in yp.iter_mut().zip(col) {
                        *x += aa * f;
                    }
                }
            }
        }
        // T(0..p, p) = V(:, 0..p)^T v
        for q in 0..p {
            t[q + p * nb] = super::householder::dot(&vd[q * vm..(q + 1) * vm], v);
        }
        // Y(i+1..=ihi, p) -= Y(i+1..=ihi, 0..p) T(0..p, p), then *= tau.
        {
            let (prev, cur) = y.split_at_mut(p * ym);
            let yp = &mut cur[(i + 1 - r0)..ym];
            for q in 0..p {
                let f = t[q + p * nb];
                if f != T::ZERO {
                    for (x, &yy) in yp
                        .iter_mut()
                        .zip(&prev[q * ym + (i + 1 - r0)..(q + 1) * ym])
                    {
                        *x -= yy * f;
                    }
                }
            }
            yp.iter_mut().for_each(|x| *x *= tau);
        }
        // T(0..p, p) <- -tau T(0..p, 0..p) T(0..p, p); T(p, p) = tau.
        for q in 0..p {
            let mut s = T::ZERO;
            for r in q..p {
                s += t[q + r * nb] * t[r + p * nb];
            }
            w[q] = -tau * s;
        }
        for q in 0..p {
            t[q + p * nb] = w[q];
        }
        t[p + p * nb] = tau;
    }
    // Y(r0..=i, :) = A(r0..=i, i+1..=ihi) V(i+1..=ihi, :) T.
    if i + 1 > r0 {
        let rows = i + 1 - r0;
        let mut tmp = vec![T::ZERO; rows * nb];
        gemm(
            T::ONE,
            MatRef::new(&a[at(r0, i + 1)..], rows, vm, 1, n),
            MatRef::new(&vd, vm, nb, 1, vm),
            T::ZERO,
            MatMut::new(&mut tmp, rows, nb, 1, rows),
        );
        gemm(
            T::ONE,
            MatRef::new(&tmp, rows, nb, 1, rows),
            MatRef::new(&t, nb, nb, 1, nb),
            T::ZERO,
            MatMut::new(&mut y, rows, nb, 1, ym),
        );
    }
    // A(r0..=ihi, i+nb..=ihi) -= Y V(i+nb..=ihi, :)^T.
    let cw = ihi + 1 - (i + nb);
    gemm(
        -T::ONE,
        MatRef::new(&y, ym, nb, 1, ym),
        MatRef::new(&vd[nb - 1..], nb, cw, vm, 1),
        T::ONE,
        MatMut::new(&mut a[at(r0, i + nb)..], ym, cw, 1, n),
    );
    // A(r0..=i, i+1..i+nb) -= Y(r0..=i, :) V(i+1..i+nb, :)^T (the panel's columns above it).
    if i + 1 > r0 {
        let rows = i + 1 - r0;
        gemm(
            -T::ONE,
            MatRef::new(&y, rows, nb, 1, ym),
            MatRef::new(&vd, nb, nb - 1, vm, 1),
            T::ONE,
            MatMut::new(&mut a[at(r0, i + 1)..], rows, nb - 1, 1, n),
        );
    }
    // A(i+1..=ihi, i+nb..c1) <- (I - V T^T V^T) A: W = V^T A, W <- T^T W, A -= V W.
    let cols = c1 - (i + nb);
    if cols > 0 {
        let mut wv = vec![T::ZERO; nb * cols];
        gemm(
            T::ONE,
            MatRef::new(&vd, nb, vm, vm, 1),
            MatRef::new(&a[at(i + 1, i + nb)..], vm, cols, 1, n),
            T::ZERO,
            MatMut::new(&mut wv, nb, cols, 1, nb),
        );
        let mut w2 = vec![T::ZERO; nb * cols];
        gemm(
            T::ONE,
            MatRef::new(&t, nb, nb, nb, 1),
            MatRef::new(&wv, nb, cols, 1, nb),
            T::ZERO,
            MatMut::new(&mut w2, nb, cols, 1, nb),
        );
        gemm(
            -T::ONE,
            MatRef::new(&vd, vm, nb, 1, vm),
            MatRef::new(&w2, nb, cols, 1, nb),
            T::ONE,
            MatMut::new(&mut a[at(i + 1, i + nb)..], vm, cols, 1, n),
        );
    }
}

/// The orthogonal `Q` (column-major `n x n`) of [`hessenberg`] from its reflectors in `a` and
/// `taus`: the identity outside `ilo..=ihi`.
pub(crate) fn form_q<T: Float>(a: &[T], n: usize, ilo: usize, ihi: usize, taus: &[T]) -> Vec<T> {
    let mut q = vec![T::ZERO; n * n];
    for i in 0..n {
        q[i + i * n] = T::ONE;
    }
    apply_reflectors(&mut q, n, n, ilo + 1, taus, |k, buf| {
        let c = ilo + k;
        buf.push(T::ONE);
        buf.extend_from_slice(&a[c + 2 + c * n..=ihi + c * n]);
    });
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_h_qt_reproduces_a_and_h_is_hessenberg() {
        for n in [0usize, 1, 2, 3, 7, 45, 131, 200] {
            let a0: Vec<f64> = (0..n * n)
                .map(|k| ((k * 7 + 3) as f64 * 0.731).sin())
                .collect();
            let mut a = a0.clone();
            let taus = hessenberg(&mut a, n, 0, n.saturating_sub(1), true);
            let q = form_q(&a, n, 0, n.saturating_sub(1), &taus);
            let mut h = a.clone();
            for j in 0..n {
                for i in j + 2..n {
                    h[i + j * n] = 0.0;
                }
            }
            // Q H Q^T = A and Q^T Q = I (column-major products).
            let mul = |x: &[f64], y: &[f64], ty: bool| super::super::schur::tests::mul(x, y, n, ty);
            let back = mul(&mul(&q, &h, false), &q, true);
            let mut qt = vec![0.0; n * n];
            for i in 0..n {
                for j in 0..n {
                    qt[i + j * n] = q[j + i * n];
                }
            }
            let qtq = mul(&qt, &q, false);
            for i in 0..n {
                for j in 0..n {
                    let e = (back[i + j * n] - a0[i + j * n]).abs();
                    assert!(e < 1e-13 * n as f64, "n {n} ({i}, {j}): {e:e}");
                    let id = if i == j { 1.0 } else { 0.0 };
                    assert!((qtq[i + j * n] - id).abs() < 1e-14 * n as f64);
                }
            }
        }
    }
}
