//! Helpers shared by the SVD, eigh, least-squares and ML tests: a deterministic generator,
//! matrices with a chosen spectrum, and dense products written out as loops in f64 (so that
//! the tests do not trust the code under test).

#![allow(dead_code)]

use shaped::{AsView, Dyn, Float, Tensor};

// The generator and the sizes are linalg_a_util's, so both halves of the suite draw the same
// matrices.
use crate::linalg_a_util as base;
#[allow(unused_imports)]
pub use base::{DMat, Rng, SIZES, random};

/// Row-major f64 copy of a matrix.
pub fn f64s<T: Float>(a: &impl AsView<T, (Dyn, Dyn)>) -> (usize, usize, Vec<f64>) {
    let a = a.view();
    let [m, n] = a.dims();
    (m, n, a.iter().map(|x| x.as_f64()).collect())
}

/// `A B` in f64 by a triple loop.
pub fn mul(a: &[f64], m: usize, k: usize, b: &[f64], n: usize) -> Vec<f64> {
    let mut c = vec![0.0; m * n];
    for i in 0..m {
        for p in 0..k {
            let x = a[i * k + p];
            if x != 0.0 {
                for j in 0..n {
                    c[i * n + j] += x * b[p * n + j];
                }
            }
        }
    }
    c
}

/// The transpose of a row-major m x n matrix.
pub fn transpose(a: &[f64], m: usize, n: usize) -> Vec<f64> {
    let mut t = vec![0.0; m * n];
    for i in 0..m {
        for j in 0..n {
            t[j * m + i] = a[i * n + j];
        }
    }
    t
}

/// `max |a - b|`.
pub fn max_diff(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0.0, |m, (x, y)| m.max((x - y).abs()))
}

/// `max |Q^T Q - I|` for a row-major m x k matrix Q (columns orthonormal).
pub fn orth_cols(q: &[f64], m: usize, k: usize) -> f64 {
    let qt = transpose(q, m, k);
    let g = mul(&qt, k, m, q, k);
    let mut e: f64 = 0.0;
    for i in 0..k {
        for j in 0..k {
            let want = if i == j { 1.0 } else { 0.0 };
            e = e.max((g[i * k + j] - want).abs());
        }
    }
    e
}

/// A random m x m orthogonal matrix: the product of m random Householder reflectors.
pub fn orthogonal(m: usize, seed: u64) -> Vec<f64> {
    let mut r = Rng::new(seed);
    let mut q = vec![0.0; m * m];
    for i in 0..m {
        q[i * m + i] = 1.0;
    }
    for _ in 0..m.clamp(1, 8) {
        let v: Vec<f64> = (0..m).map(|_| r.next()).collect();
        let vv: f64 = v.iter().map(|x| x * x).sum();
        if vv == 0.0 {
            continue;
        }
        // Q <- (I - 2 v v^T / v^T v) Q
        for j in 0..m {
            let w: f64 = (0..m).map(|i| v[i] * q[i * m + j]).sum();
            let f = 2.0 * w / vv;
            for i in 0..m {
                q[i * m + j] -= f * v[i];
            }
        }
    }
    q
}

/// `U diag(s) V^T` (m x n) with random orthogonal U, V and the given singular values.
pub fn with_singular_values(m: usize, n: usize, s: &[f64], seed: u64) -> Vec<f64> {
    let u = orthogonal(m, seed);
    let v = orthogonal(n, seed + 1);
    let mut a = vec![0.0; m * n];
    for (l, &sl) in s.iter().enumerate() {
        for i in 0..m {
            let f = u[i * m + l] * sl;
            for j in 0..n {
                a[i * n + j] += f * v[j * n + l];
            }
        }
    }
    a
}

/// A tensor from f64 data, rounded to T.
pub fn tensor<T: Float>(m: usize, n: usize, data: &[f64]) -> DMat<T> {
    Tensor::from_vec((Dyn(m), Dyn(n)), data.iter().map(|&x| T::of(x)).collect()).unwrap()
}
