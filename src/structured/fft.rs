//! The FFT layer: plans cached per thread, and linear / circular convolution of real
//! sequences through complex FFTs. Kernels over slices; nothing here knows about dims.

use std::cell::RefCell;
use std::sync::Arc;

use rustfft::num_complex::Complex;
use rustfft::{Fft, FftPlanner};

use crate::ops::kernels::{exponent_of, mul_pow2, scale_pow2};
use crate::scalar::Float;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// The element types the FFT paths run on: `f32` and `f64` (sealed).
///
/// Structured products and convolutions take any `FftScalar`; below the size threshold they
/// run direct loops, above it FFTs through `rustfft`.
pub trait FftScalar: Float + rustfft::FftNum + sealed::Sealed {
    /// The cached forward (or inverse) FFT plan of length `len` for this thread.
    #[doc(hidden)]
    fn plan(len: usize, inverse: bool) -> Arc<dyn Fft<Self>>;
}

thread_local! {
    static PLANNER_F64: RefCell<FftPlanner<f64>> = RefCell::new(FftPlanner::new());
    static PLANNER_F32: RefCell<FftPlanner<f32>> = RefCell::new(FftPlanner::new());
}

impl FftScalar for f64 {
    fn plan(len: usize, inverse: bool) -> Arc<dyn Fft<f64>> {
        PLANNER_F64.with(|p| {
            let mut p = p.borrow_mut();
            if inverse {
                p.plan_fft_inverse(len)
            } else {
                p.plan_fft_forward(len)
            }
        })
    }
}

impl FftScalar for f32 {
    fn plan(len: usize, inverse: bool) -> Arc<dyn Fft<f32>> {
        PLANNER_F32.with(|p| {
            let mut p = p.borrow_mut();
            if inverse {
                p.plan_fft_inverse(len)
            } else {
                p.plan_fft_forward(len)
            }
        })
    }
}

/// The smallest `L >= n` of the form 2^a 3^b 5^c (lengths rustfft transforms fastest).
pub(crate) fn fast_len(n: usize) -> usize {
    if n <= 1 {
        return 1;
    }
    let mut best = n.next_power_of_two();
    let mut p5 = 1;
    while p5 < best {
        let mut p35 = p5;
        while p35 < best {
            let mut l = p35;
            while l < n {
                l *= 2;
            }
            if l < best {
                best = l;
            }
            p35 *= 3;
        }
        p5 *= 5;
    }
    best
}

/// Runs `fft` in place on `buf`.
fn run<T: FftScalar>(fft: &Arc<dyn Fft<T>>, buf: &mut [Complex<T>]) {
    let mut scratch = vec![Complex::new(T::zero(), T::zero()); fft.get_inplace_scratch_len()];
    fft.process_with_scratch(buf, &mut scratch);
}

/// The spectrum of a sequence scaled by a power of two, kept by an operator (Toeplitz,
/// Circulant) for its products.
#[derive(Clone, Debug)]
pub(crate) struct Spectrum<T> {
    /// The transform of `a 2^k` zero-padded to the FFT length.
    spec: Vec<Complex<T>>,
    /// The `k` that brought the largest magnitude of `a` into `[0.5, 1)` (exact); `None` when
    /// `a` is all zeros.
    k: Option<i32>,
}

/// The power of two `k` that brings the largest magnitude of `a` into `[0.5, 1)`, or `None`
/// for an all-zero (or empty) `a`.
fn unit_exponent<T: Float>(a: &[T]) -> Option<i32> {
    let m = max_abs(a);
    (m != T::zero()).then(|| -exponent_of(m) - 1)
}

/// The spectrum of `a` zero-padded to length `len`, computed on `a` scaled to a largest
/// magnitude in `[0.5, 1)` (see [`circular_with_spectrum`]).
pub(crate) fn spectrum<T: FftScalar>(a: &[T], len: usize) -> Spectrum<T> {
    debug_assert!(a.len() <= len);
    let k = unit_exponent(a);
    let mut buf = vec![Complex::new(T::zero(), T::zero()); len];
    for (b, &x) in buf.iter_mut().zip(a) {
        b.re = mul_pow2(x, k.unwrap_or(0).into());
    }
    run(&T::plan(len, false), &mut buf);
    Spectrum { spec: buf, k }
}

/// The circular convolution (length of the spectrum) of the sequence whose spectrum is `spec`
/// with `x` zero-padded, written for indices `lo..lo + out.len()` (taken modulo the length).
///
/// Both sequences go through the transforms scaled by powers of two to a largest magnitude in
/// `[0.5, 1)`, and the output is unscaled at the end (exact steps): entries above about 1e150
/// or below about 1e-154 neither overflow nor underflow in the products of the spectra.
pub(crate) fn circular_with_spectrum<T: FftScalar>(
    spec: &Spectrum<T>,
    x: &[T],
    lo: usize,
    out: &mut [T],
) {
    let (Some(ks), Some(kx)) = (spec.k, unit_exponent(x)) else {
        // A zero operand: the product is exactly zero.
        out.iter_mut().for_each(|o| *o = T::zero());
        return;
    };
    let len = spec.spec.len();
    let mut buf = vec![Complex::new(T::zero(), T::zero()); len];
    for (b, &v) in buf.iter_mut().zip(x) {
        b.re = mul_pow2(v, kx.into());
    }
    run(&T::plan(len, false), &mut buf);
    for (b, s) in buf.iter_mut().zip(&spec.spec) {
        *b *= *s;
    }
    run(&T::plan(len, true), &mut buf);
    let scale = T::one() / T::of(len as f64);
    for (k, o) in out.iter_mut().enumerate() {
        *o = buf[(lo + k) % len].re * scale;
    }
    scale_pow2(out, -(i64::from(ks) + i64::from(kx)));
}

/// The largest absolute value (0 for an empty slice).
fn max_abs<T: Float>(a: &[T]) -> T {
    a.iter().fold(T::zero(), |m, &x| m.max(x.abs()))
}

/// Indices `lo..lo + out.len()` of the circular convolution of length `len` of `a` and `v`
/// (each zero-padded), by two complex FFTs: `a + i v` packed in one transform, split into
/// the two spectra by conjugate symmetry.
///
/// With `len >= a.len() + v.len() - 1` the circular convolution equals the linear one; a
/// shorter `len` is exact on the indices that no wrapped term reaches (see `conv_len`).
pub(crate) fn circular_pair<T: FftScalar>(a: &[T], v: &[T], len: usize, lo: usize, out: &mut [T]) {
    // Scale each signal by a power of two (exact) to a largest magnitude in [0.5, 1): the
    // packed split then loses no precision when the two differ by orders of magnitude, and
    // the squares of the spectrum neither overflow (entries above about 1e150) nor underflow
    // (below about 1e-154). The output is unscaled at the end.
    let (Some(ka), Some(kv)) = (unit_exponent(a), unit_exponent(v)) else {
        // A zero signal: the convolution is exactly zero (the packed split would leave
        // rounding noise of the other signal's size).
        out.iter_mut().for_each(|o| *o = T::zero());
        return;
    };
    let mut buf = vec![Complex::new(T::zero(), T::zero()); len];
    for (b, &x) in buf.iter_mut().zip(a) {
        b.re = mul_pow2(x, ka.into());
    }
    for (b, &y) in buf.iter_mut().zip(v) {
        b.im = mul_pow2(y, kv.into());
    }
    run(&T::plan(len, false), &mut buf);
    // A[k] = (Z[k] + conj Z[-k]) / 2, V[k] = (Z[k] - conj Z[-k]) / 2i, so
    // A[k] V[k] = (Z[k]^2 - conj(Z[-k])^2) / 4i.
    let quarter = T::of(0.25);
    let mut prod = vec![Complex::new(T::zero(), T::zero()); len];
    for k in 0..len {
        let z = buf[k];
        let zc = buf[(len - k) % len].conj();
        let d = (z * z - zc * zc) * quarter;
        // divide by i: (re + i im) / i = im - i re
        prod[k] = Complex::new(d.im, -d.re);
    }
    run(&T::plan(len, true), &mut prod);
    let s = T::one() / T::of(len as f64);
    for (k, o) in out.iter_mut().enumerate() {
        *o = prod[(lo + k) % len].re * s;
    }
    scale_pow2(out, -(i64::from(ka) + i64::from(kv)));
}

/// The circular length needed so that indices `lo..hi` of the linear convolution of
/// lengths `m` and `n` come out of a circular one unaliased: `L >= hi` and
/// `L >= (m + n - 1) - lo`, rounded up to a fast length.
pub(crate) fn conv_len(m: usize, n: usize, lo: usize, hi: usize) -> usize {
    let full = m + n - 1;
    fast_len(hi.max(full - lo))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_lengths() {
        assert_eq!(fast_len(1), 1);
        assert_eq!(fast_len(7), 8);
        assert_eq!(fast_len(11), 12);
        assert_eq!(fast_len(1025), 1080);
        assert_eq!(fast_len(2047), 2048);
        for n in 1..2000 {
            let l = fast_len(n);
            assert!(l >= n);
            let mut r = l;
            for p in [2, 3, 5] {
                while r.is_multiple_of(p) {
                    r /= p;
                }
            }
            assert_eq!(r, 1, "{l} is not 5-smooth");
            assert!((n..l).all(|k| {
                let mut r = k;
                for p in [2, 3, 5] {
                    while r.is_multiple_of(p) {
                        r /= p;
                    }
                }
                r != 1
            }));
        }
    }
}
