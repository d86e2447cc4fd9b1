//! The eigenproblem of a general real matrix over a column-major slice: balancing
//! (`balance.rs`), Hessenberg reduction (`hessenberg.rs`), the real Schur form by Francis
//! double-shift QR (`schur.rs`), the eigenvectors of the Schur form by back substitution
//! (`eig_vectors.rs`), then `V = Z X`, the balancing undone, and unit columns. The sequence of
//! LAPACK's `dgeev`; `linalg/eig.rs` is its typed caller.

use super::balance::{back_transform, balance};
use super::eig_vectors::right_eigenvectors;
use super::hessenberg::{form_q, hessenberg};
use super::householder::norm2;
use super::schur::hessenberg_qr;
use crate::gemm::{MatMut, MatRef, gemm};
use crate::scalar::Float;

/// The eigenvalues and (optionally) eigenvectors found by [`eig_kernel`].
pub(crate) struct EigParts<T> {
    /// Real parts of the eigenvalues.
    pub wr: Vec<T>,
    /// Imaginary parts; a complex pair is adjacent, positive part first.
    pub wi: Vec<T>,
    /// Column-major `n x n`, LAPACK's packing: column `j` is the eigenvector of a real
    /// eigenvalue, or for a pair at `j, j+1` the real and imaginary parts of the eigenvector of
    /// `wr[j] + i wi[j]` (that of `j+1` is its conjugate). Unit 2-norm, the largest component
    /// of a complex vector real. Empty without vectors.
    pub v: Vec<T>,
}

/// Eigenvalues and, when `want_vectors`, right eigenvectors of the finite column-major
/// `n x n` matrix `a` (overwritten). `Err(bound)` when the QR iteration reached its bound.
pub(crate) fn eig_kernel<T: Float>(
    a: &mut [T],
    n: usize,
    want_vectors: bool,
) -> Result<EigParts<T>, usize> {
    debug_assert_eq!(a.len(), n * n);
    if n == 0 {
        return Ok(EigParts {
            wr: Vec::new(),
            wi: Vec::new(),
            v: Vec::new(),
        });
    }
    let bal = balance(a, n);
    let (ilo, ihi) = (bal.ilo, bal.ihi);
    let taus = hessenberg(a, n, ilo, ihi, want_vectors);
    if !want_vectors {
        let (wr, wi) = hessenberg_qr(a, n, ilo, ihi, None)?;
        return Ok(EigParts {
            wr,
            wi,
            v: Vec::new(),
        });
    }
    let mut z = form_q(a, n, ilo, ihi, &taus);
    let (wr, wi) = hessenberg_qr(a, n, ilo, ihi, Some((&mut z, (ilo, ihi))))?;
    let x = right_eigenvectors(a, n);
    let mut v = vec![T::ZERO; n * n];
    gemm(
        T::ONE,
        MatRef::new(&z, n, n, 1, n),
        MatRef::new(&x, n, n, 1, n),
        T::ZERO,
        MatMut::new(&mut v, n, n, 1, n),
    );
    back_transform(&bal, &mut v, n, n);
    normalise(&mut v, n, &wi);
    Ok(EigParts { wr, wi, v })
}

/// Unit 2-norm columns (a complex vector's norm over both of its columns), and each complex
/// vector turned so that its component of largest modulus is real (as `dgeev`).
fn normalise<T: Float>(v: &mut [T], n: usize, wi: &[T]) {
    let mut j = 0;
    while j < n {
        if wi[j] == T::ZERO {
            let col = &mut v[j * n..(j + 1) * n];
            let nrm = norm2(col);
            if nrm > T::ZERO {
                let s = T::ONE / nrm;
                col.iter_mut().for_each(|x| *x *= s);
            }
            j += 1;
            continue;
        }
        let (re, im) = v[j * n..(j + 2) * n].split_at_mut(n);
        let nrm = norm2(re).hypot(norm2(im));
        if nrm > T::ZERO {
            let s = T::ONE / nrm;
            re.iter_mut().chain(im.iter_mut()).for_each(|x| *x *= s);
        }
        let mut kmax = 0;
        let mut best = T::ZERO;
        for k in 0..n {
            let m = re[k] * re[k] + im[k] * im[k];
            if m > best {
                best = m;
                kmax = k;
            }
        }
        let r = re[kmax].hypot(im[kmax]);
        if r > T::ZERO {
            // Multiply by conj(v_k) / |v_k|.
            let (cs, sn) = (re[kmax] / r, im[kmax] / r);
            for k in 0..n {
                let (x, y) = (re[k], im[k]);
                re[k] = cs * x + sn * y;
                im[k] = cs * y - sn * x;
            }
            im[kmax] = T::ZERO;
        }
        j += 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `max_j ||A v_j - w_j v_j||` / `||A||` for the packed output, in complex arithmetic.
    fn residual(a: &[f64], n: usize, p: &EigParts<f64>) -> f64 {
        let anorm = a.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-300);
        let mut worst: f64 = 0.0;
        let mut j = 0;
        while j < n {
            let (vr, vi): (Vec<f64>, Vec<f64>) = if p.wi[j] == 0.0 {
                (p.v[j * n..(j + 1) * n].to_vec(), vec![0.0; n])
            } else {
                (
                    p.v[j * n..(j + 1) * n].to_vec(),
                    p.v[(j + 1) * n..(j + 2) * n].to_vec(),
                )
            };
            let (wr, wi) = (p.wr[j], p.wi[j]);
            let mut r2 = 0.0;
            for i in 0..n {
                let (mut sr, mut si) = (0.0, 0.0);
                for k in 0..n {
                    sr += a[i + k * n] * vr[k];
                    si += a[i + k * n] * vi[k];
                }
                sr -= wr * vr[i] - wi * vi[i];
                si -= wr * vi[i] + wi * vr[i];
                r2 += sr * sr + si * si;
            }
            worst = worst.max(r2.sqrt() / anorm);
            let unit: f64 = vr.iter().chain(&vi).map(|x| x * x).sum::<f64>().sqrt();
            assert!((unit - 1.0).abs() < 1e-13, "column {j}: norm {unit}");
            j += if p.wi[j] == 0.0 { 1 } else { 2 };
        }
        worst
    }

    #[test]
    fn vectors_satisfy_a_v_equals_v_w() {
        for n in [1usize, 2, 3, 4, 5, 8, 17, 41, 60] {
            let a: Vec<f64> = (0..n * n)
                .map(|k| ((k * 13 + 5) as f64 * 0.377).sin() * if k % 7 == 0 { 1e3 } else { 1.0 })
                .collect();
            let p = eig_kernel(&mut a.clone(), n, true).unwrap();
            let r = residual(&a, n, &p);
            assert!(r < 50.0 * n as f64 * f64::EPSILON, "n {n}: residual {r}");
            let q = eig_kernel(&mut a.clone(), n, false).unwrap();
            // The same eigenvalues without vectors (compare as sorted multisets).
            let key = |w: &EigParts<f64>| {
                let mut v: Vec<(f64, f64)> =
                    w.wr.iter().copied().zip(w.wi.iter().copied()).collect();
                v.sort_by(|x, y| x.partial_cmp(y).unwrap());
                v
            };
            for (x, y) in key(&p).iter().zip(key(&q).iter()) {
                let scale = 1e3 * n as f64;
                assert!(
                    (x.0 - y.0).abs() + (x.1 - y.1).abs() < 1e-10 * scale,
                    "{x:?} {y:?}"
                );
            }
        }
    }

    #[test]
    fn rotation_block_gives_i_and_minus_i() {
        // column-major [[0, -1], [1, 0]]
        let a: [f64; 4] = [0.0, 1.0, -1.0, 0.0];
        let p: EigParts<f64> = eig_kernel(&mut a.clone(), 2, true).unwrap();
        assert_eq!(p.wr, [0.0, 0.0]);
        assert!((p.wi[0] - 1.0).abs() < 1e-15 && (p.wi[1] + 1.0).abs() < 1e-15);
        assert!(residual(&a, 2, &p) < 1e-15);
    }
}
