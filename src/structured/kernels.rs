//! Direct (O(m n)) kernels over slices, and the rule that picks direct or FFT.

use crate::scalar::Scalar;

/// Indices `lo..lo + out.len()` of the linear convolution of `a` and `v`,
/// `full[k] = sum_j a[j] v[k - j]`, added into `out`.
///
/// Loops as one axpy per element of `a` over the part of `v` that lands in the range, so the
/// inner loop runs over two contiguous slices and vectorises.
pub(crate) fn conv_range_direct<T: Scalar>(a: &[T], v: &[T], lo: usize, out: &mut [T]) {
    let hi = lo + out.len();
    let n = v.len();
    for (j, &aj) in a.iter().enumerate() {
        // k ranges over [j, j + n) intersected with [lo, hi).
        let k0 = j.max(lo);
        let k1 = (j + n).min(hi);
        if k0 >= k1 {
            continue;
        }
        let dst = &mut out[k0 - lo..k1 - lo];
        let src = &v[k0 - j..k1 - j];
        for (d, &s) in dst.iter_mut().zip(src) {
            *d += aj * s;
        }
    }
}

/// The circular convolution of length `n = c.len() = x.len()`:
/// `out[i] = sum_j c[(i - j) mod n] x[j]`, added into `out`.
pub(crate) fn circular_direct<T: Scalar>(c: &[T], x: &[T], out: &mut [T]) {
    let n = c.len();
    for (j, &xj) in x.iter().enumerate() {
        // i in j..n uses c[0..n - j]; i in 0..j uses c[n - j..n].
        for (d, &s) in out[j..].iter_mut().zip(&c[..n - j]) {
            *d += xj * s;
        }
        for (d, &s) in out[..j].iter_mut().zip(&c[n - j..]) {
            *d += xj * s;
        }
    }
}

/// The number of multiply-adds the direct kernel spends on indices `lo..hi` of the linear
/// convolution of lengths `m` and `n`.
pub(crate) fn direct_cost(m: usize, n: usize, lo: usize, hi: usize) -> f64 {
    // For each j in 0..m, the overlap of [j, j + n) with [lo, hi): O(m), negligible next to
    // either way of computing the convolution.
    (0..m)
        .map(|j| (j + n).min(hi).saturating_sub(j.max(lo)) as f64)
        .sum()
}

/// The cost of a complex FFT of length L, as `FFT_UNIT * L log2 L` multiply-adds of the
/// direct loop. Measured by `benches/structured.rs` (BENCHMARKS.md, "Sparse and structured"):
/// the direct and FFT curves cross at n of about 100 for an n x n convolution and about 60
/// for an n x n Toeplitz matvec; 2.5 puts the switch between the two (direct up to n = 64,
/// FFT from n = 96 for square convolutions).
pub(crate) const FFT_UNIT: f64 = 2.5;

/// Whether an FFT product of length `len` (two FFTs and a pointwise product) beats `direct`
/// multiply-adds of the direct loop.
pub(crate) fn fft_wins(direct: f64, len: usize) -> bool {
    let l = len as f64;
    let fft = 2.0 * FFT_UNIT * l * l.log2().max(1.0) + 4.0 * l;
    direct > fft
}
