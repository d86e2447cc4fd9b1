//! Right eigenvectors of a real quasi-triangular Schur form `T` by back substitution (the
//! method of LAPACK's `dtrevc`), over column-major slices.
//!
//! For a real eigenvalue `w = T[k, k]` the vector is `x[k] = 1`, `x[k+1..] = 0`, and
//! `(T[..k, ..k] - w I) x[..k] = -T[..k, k]`, solved upwards through the 1 x 1 and 2 x 2
//! diagonal blocks. A complex pair (the standardized block at rows `k-1, k`) gives one complex
//! vector for `w = T[k, k] + i sqrt(|T[k-1, k] T[k, k-1]|)`, its two rows in the block set
//! from the block itself, and the same substitution in complex arithmetic. Pivots smaller than
//! `smin = max(eps |w|, smlnum)` are replaced by `smin` (a perturbation of the order of the
//! rounding errors already made, which gives a finite vector for a defective eigenvalue), and
//! the partial solution is scaled down whenever a division or an update could overflow.

use num_complex::Complex;

use crate::scalar::Float;

/// `x / y` by Smith's algorithm: no overflow or underflow of intermediate squares (the plain
/// formula `x conj(y) / |y|^2` gives 0 / 0 for a `y` near the underflow limit).
#[inline]
fn cdiv<T: Float>(x: Complex<T>, y: Complex<T>) -> Complex<T> {
    if y.im == T::ZERO {
        return Complex::new(x.re / y.re, x.im / y.re);
    }
    if y.re.abs() >= y.im.abs() {
        let r = y.im / y.re;
        let d = y.re + y.im * r;
        Complex::new((x.re + x.im * r) / d, (x.im - x.re * r) / d)
    } else {
        let r = y.re / y.im;
        let d = y.re * r + y.im;
        Complex::new((x.re * r + x.im) / d, (x.im * r - x.re) / d)
    }
}

/// The solution of the complex 2 x 2 system `m y = scale r` with complete pivoting, every
/// pivot at least `smin` in modulus; `scale <= 1` is chosen so that `y` cannot overflow
/// (`|y| <= bignum`).
fn solve_2x2<T: Float>(
    m: [[Complex<T>; 2]; 2],
    r: [Complex<T>; 2],
    smin: T,
    bignum: T,
) -> ([Complex<T>; 2], T) {
    let abs1 = |z: Complex<T>| z.re.abs() + z.im.abs();
    // The entry of largest modulus is the first pivot.
    let mut best = (0, 0);
    for i in 0..2 {
        for j in 0..2 {
            if abs1(m[i][j]) > abs1(m[best.0][best.1]) {
                best = (i, j);
            }
        }
    }
    let (p, q) = best;
    let (p2, q2) = (1 - p, 1 - q);
    let mut u11 = m[p][q];
    if abs1(u11) < smin {
        // The whole matrix is tiny: perturb it to smin I.
        let bnorm = abs1(r[0]).max(abs1(r[1]));
        let mut scale = T::ONE;
        if smin < T::ONE && bnorm > T::ONE && bnorm > bignum * smin {
            scale = T::ONE / bnorm;
        }
        let y = [r[0] * (scale / smin), r[1] * (scale / smin)];
        return (y, scale);
    }
    u11 = m[p][q];
    let l21 = cdiv(m[p2][q], u11);
    let u12 = m[p][q2];
    let mut u22 = m[p2][q2] - l21 * u12;
    if abs1(u22) < smin {
        u22 = Complex::new(smin, T::ZERO);
    }
    let b1 = r[p];
    let b2 = r[p2] - l21 * b1;
    let bnorm = abs1(b1).max(abs1(b2));
    let mut scale = T::ONE;
    let u22a = abs1(u22);
    if u22a < T::ONE && bnorm > T::ONE && bnorm > bignum * u22a {
        scale = T::ONE / bnorm;
    }
    let y2 = cdiv(b2 * scale, u22);
    let y1 = cdiv(b1 * scale - u12 * y2, u11);
    let mut y = [Complex::new(T::ZERO, T::ZERO); 2];
    y[q] = y1;
    y[q2] = y2;
    (y, scale)
}

/// The right eigenvectors of the column-major `n x n` quasi-triangular `t` (standardized
/// 2 x 2 blocks), as the columns of a column-major `n x n` real matrix `X`: column `k` for a
/// real eigenvalue, and for a complex pair at `k-1, k` the real part in column `k-1` and the
/// imaginary part in column `k` of the vector of `wr[k-1] + i wi[k-1]` (`wi[k-1] > 0`). `X` is
/// upper quasi-triangular, so `Z X` is the eigenvectors of `Z T Z^T`. Columns are not
/// normalised.
pub(crate) fn right_eigenvectors<T: Float>(t: &[T], n: usize) -> Vec<T> {
    let at = |i: usize, j: usize| i + j * n;
    let mut x = vec![T::ZERO; n * n];
    if n == 0 {
        return x;
    }
    let ulp = T::epsilon();
    let smlnum = T::min_positive_value() * (T::of(n as f64) / ulp);
    let bignum = (T::ONE - ulp) / smlnum;
    // colnorm[j] = sum_{i < j} |T[i, j]|: bounds the growth of an update by column j.
    let colnorm: Vec<T> = (0..n)
        .map(|j| (0..j).fold(T::ZERO, |s, i| s + t[at(i, j)].abs()))
        .collect();
    let mut work: Vec<Complex<T>> = vec![Complex::new(T::ZERO, T::ZERO); n];
    let zero = Complex::new(T::ZERO, T::ZERO);

    let mut ki = n;
    while ki > 0 {
        let k = ki - 1;
        let pair = k > 0 && t[at(k, k - 1)] != T::ZERO;
        // w and the first row of the unknown part.
        let (w, top) = if pair {
            let wi = t[at(k - 1, k)].abs().sqrt() * t[at(k, k - 1)].abs().sqrt();
            let w = Complex::new(t[at(k, k)], wi);
            let (x1, x2) = if t[at(k - 1, k)].abs() >= t[at(k, k - 1)].abs() {
                (
                    Complex::new(T::ONE, T::ZERO),
                    Complex::new(T::ZERO, wi / t[at(k - 1, k)]),
                )
            } else {
                (
                    Complex::new(-wi / t[at(k, k - 1)], T::ZERO),
                    Complex::new(T::ZERO, T::ONE),
                )
            };
            work[k - 1] = x1;
            work[k] = x2;
            for i in 0..k - 1 {
                work[i] = -(x1 * t[at(i, k - 1)] + x2 * t[at(i, k)]);
            }
            (w, k - 1)
        } else {
            let w = Complex::new(t[at(k, k)], T::ZERO);
            work[k] = Complex::new(T::ONE, T::ZERO);
            for i in 0..k {
                work[i] = Complex::new(-t[at(i, k)], T::ZERO);
            }
            (w, k)
        };
        let smin = (ulp * (w.re.abs() + w.im.abs())).max(smlnum);
        let abs1 = |z: Complex<T>| z.re.abs() + z.im.abs();
        // Solve upwards through the diagonal blocks of T[..top, ..top] - w I.
        let mut j = top;
        while j > 0 {
            let jj = j - 1;
            if jj > 0 && t[at(jj, jj - 1)] != T::ZERO {
                // A 2 x 2 block at jj-1, jj.
                let j0 = jj - 1;
                let m = [
                    [
                        Complex::new(t[at(j0, j0)], T::ZERO) - w,
                        Complex::new(t[at(j0, jj)], T::ZERO),
                    ],
                    [
                        Complex::new(t[at(jj, j0)], T::ZERO),
                        Complex::new(t[at(jj, jj)], T::ZERO) - w,
                    ],
                ];
                let (y, scale) = solve_2x2(m, [work[j0], work[jj]], smin, bignum);
                if scale != T::ONE {
                    for v in &mut work[..=k] {
                        *v *= scale;
                    }
                }
                work[j0] = y[0];
                work[jj] = y[1];
                // Scale down if the update could overflow.
                let xnorm = abs1(y[0]).max(abs1(y[1]));
                if xnorm > T::ONE {
                    let beta = colnorm[j0].max(colnorm[jj]);
                    if beta > bignum / xnorm {
                        let s = T::ONE / xnorm;
                        for v in &mut work[..=k] {
                            *v *= s;
                        }
                    }
                }
                let (y0, y1) = (work[j0], work[jj]);
                for i in 0..j0 {
                    work[i] -= y0 * t[at(i, j0)] + y1 * t[at(i, jj)];
                }
                j -= 2;
            } else {
                let mut d = Complex::new(t[at(jj, jj)], T::ZERO) - w;
                if abs1(d) < smin {
                    d = Complex::new(smin, T::ZERO);
                }
                let da = abs1(d);
                let ra = abs1(work[jj]);
                if da < T::ONE && ra > T::ONE && ra > bignum * da {
                    let s = T::ONE / ra;
                    for v in &mut work[..=k] {
                        *v *= s;
                    }
                }
                work[jj] = cdiv(work[jj], d);
                let xa = abs1(work[jj]);
                if xa > T::ONE && colnorm[jj] > bignum / xa {
                    let s = T::ONE / xa;
                    for v in &mut work[..=k] {
                        *v *= s;
                    }
                }
                let y = work[jj];
                for i in 0..jj {
                    work[i] -= y * t[at(i, jj)];
                }
                j -= 1;
            }
        }
        if pair {
            for i in 0..=k {
                x[at(i, k - 1)] = work[i].re;
                x[at(i, k)] = work[i].im;
            }
            ki -= 2;
        } else {
            for i in 0..=k {
                x[at(i, k)] = work[i].re;
            }
            ki -= 1;
        }
        for v in &mut work[..=k] {
            *v = zero;
        }
    }
    x
}
