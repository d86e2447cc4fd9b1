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
    let (m, k, a) = f64s(&a.view());
    let (k2, n, b) = f64s(&b.view());
    assert_eq!(k, k2);
    let c = mul_rows(&a, m, k, &b, n);
    Tensor::from_fn_with((Dyn(m), Dyn(n)), |[i, j]| T::of(c[i * n + j]))
}

/// Row-major f64 copy of a matrix.
pub fn f64s<T: Float>(a: &impl AsView<T, (Dyn, Dyn)>) -> (usize, usize, Vec<f64>) {
    let a = a.view();
    let [m, n] = a.dims();
    (m, n, a.iter().map(|x| x.as_f64()).collect())
}

/// `A B` in f64 by a triple loop over row-major slices (the helpers work on plain slices so
/// that they run fast in the unoptimised test build).
pub fn mul_rows(a: &[f64], m: usize, k: usize, b: &[f64], n: usize) -> Vec<f64> {
    assert!(a.len() == m * k && b.len() == k * n);
    let mut c = vec![0.0; m * n];
    // Rows as slices and plain loops: this helper is the inner loop of the identity tests,
    // and it must not go through iterator code shared with the unoptimised library build.
    for (ci, ai) in c.chunks_exact_mut(n.max(1)).zip(a.chunks_exact(k.max(1))) {
        for (p, &x) in ai.iter().enumerate() {
            if x != 0.0 {
                let bp = &b[p * n..p * n + n];
                let mut j = 0;
                while j < n {
                    ci[j] += x * bp[j];
                    j += 1;
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

/// `max |Q^T Q - I|` for a row-major m x k matrix Q (columns orthonormal).
pub fn orth_cols(q: &[f64], m: usize, k: usize) -> f64 {
    let qt = transpose(q, m, k);
    let g = mul_rows(&qt, k, m, q, k);
    let mut e: f64 = 0.0;
    for i in 0..k {
        for j in 0..k {
            let want = if i == j { 1.0 } else { 0.0 };
            e = e.max((g[i * k + j] - want).abs());
        }
    }
    e
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
    let (m, k, q) = f64s(&q.view());
    orth_cols(&q, m, k)
}

/// A well-conditioned SPD matrix: `B B^T / n + I`.
pub fn spd<T: Float>(n: usize, seed: u64) -> DMat<T> {
    let (_, _, b) = f64s(&random::<f64>(n, n, seed));
    let g = mul_rows(&b, n, n, &transpose(&b, n, n), n);
    Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| {
        T::of(g[i * n + j] / n as f64 + if i == j { 1.0 } else { 0.0 })
    })
}
