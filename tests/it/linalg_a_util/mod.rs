//! Helpers shared by the LU, Cholesky and QR tests: a deterministic generator and dense
//! products written out as loops (so that the tests do not trust the code under test).

#![allow(dead_code)]

use shaped::{AsView, Dyn, Float, Tensor};

pub type DMat<T> = Tensor<T, (Dyn, Dyn)>;

/// The sizes the issue asks identities to be checked at (block boundaries included).
pub const SIZES: [usize; 12] = [1, 2, 3, 31, 32, 33, 63, 64, 65, 127, 129, 200];

/// A small xorshift generator: reproducible data without a dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// Uniform in [-1, 1).
    pub fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

/// An m x n matrix with entries uniform in [-1, 1).
pub fn random<T: Float>(m: usize, n: usize, seed: u64) -> DMat<T> {
    let mut r = Rng::new(seed);
    Tensor::from_fn_with((Dyn(m), Dyn(n)), |_| T::of(r.next()))
}

/// `A B` by a triple loop, accumulated in f64.
pub fn mul<T: Float>(a: impl AsView<T, (Dyn, Dyn)>, b: impl AsView<T, (Dyn, Dyn)>) -> DMat<T> {
    let (a, b) = (a.view(), b.view());
    let [m, k] = a.dims();
    let [k2, n] = b.dims();
    assert_eq!(k, k2);
    Tensor::from_fn_with((Dyn(m), Dyn(n)), |[i, j]| {
        T::of(
            (0..k)
                .map(|p| a[[i, p]].as_f64() * b[[p, j]].as_f64())
                .sum(),
        )
    })
}

/// `max |a - b| / max(1, max |b|)`.
pub fn rel_diff<T: Float>(a: impl AsView<T, (Dyn, Dyn)>, b: impl AsView<T, (Dyn, Dyn)>) -> f64 {
    let (a, b) = (a.view(), b.view());
    assert_eq!(a.dims(), b.dims());
    let mut d = 0f64;
    let mut s = 1f64;
    for (x, y) in a.iter().zip(b.iter()) {
        d = d.max((x.as_f64() - y.as_f64()).abs());
        s = s.max(y.as_f64().abs());
    }
    d / s
}

/// `max |Q^T Q - I|`.
pub fn orthonormality_error<T: Float>(q: impl AsView<T, (Dyn, Dyn)>) -> f64 {
    let q = q.view();
    let [m, k] = q.dims();
    let mut e = 0f64;
    for i in 0..k {
        for j in 0..k {
            let s: f64 = (0..m)
                .map(|p| q[[p, i]].as_f64() * q[[p, j]].as_f64())
                .sum();
            e = e.max((s - if i == j { 1.0 } else { 0.0 }).abs());
        }
    }
    e
}

/// A well-conditioned SPD matrix: `B B^T / n + I`.
pub fn spd<T: Float>(n: usize, seed: u64) -> DMat<T> {
    let b = random::<f64>(n, n, seed);
    Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| {
        let s: f64 = (0..n).map(|p| b[[i, p]] * b[[j, p]]).sum();
        T::of(s / n as f64 + if i == j { 1.0 } else { 0.0 })
    })
}
