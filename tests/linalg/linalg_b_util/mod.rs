//! Helpers shared by the SVD, eigh, least-squares and ML tests: a deterministic generator,
//! matrices with a chosen spectrum, and dense products written out as loops in f64 (so that
//! the tests do not trust the code under test).

#![allow(dead_code)]

use shaped::{Dyn, Float, Tensor};

// The generator and the sizes are linalg_a_util's, so both halves of the suite draw the same
// matrices.
use crate::linalg_a_util as base;
#[allow(unused_imports)]
pub use base::{DMat, Rng, SIZES, f64s, mul_rows as mul, orth_cols, random, transpose};

/// `max |a - b|`.
pub fn max_diff(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0.0, |m, (x, y)| m.max((x - y).abs()))
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
