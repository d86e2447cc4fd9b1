//! numpy's vector norms of any order over a slice (`vector_norm`'s `ord`).

use crate::ops::kernels::norm_l2_slice;
use crate::scalar::Float;

/// `||x||_ord` by numpy's rules: `inf` the largest magnitude (0 when empty), `-inf` the
/// smallest (`None` when empty), `0` the count of non-zeros, `1` the sum of magnitudes, `2`
/// without overflow or underflow, any other `p` as `(sum |x_i|^p)^(1/p)` (scaled by the
/// largest magnitude for `p > 0`, so that it does not overflow). NaN propagates.
pub(crate) fn vector_norm<T: Float>(x: &[T], ord: T) -> Option<T> {
    let nan = x.iter().any(|v| v.is_nan());
    if ord == T::infinity() {
        return Some(if nan {
            T::nan()
        } else {
            x.iter().fold(T::ZERO, |m, v| m.max(v.abs()))
        });
    }
    if ord == T::neg_infinity() {
        if x.is_empty() {
            return None;
        }
        return Some(if nan {
            T::nan()
        } else {
            x.iter().fold(T::infinity(), |m, v| m.min(v.abs()))
        });
    }
    if ord == T::ZERO {
        return Some(T::of(x.iter().filter(|&&v| v != T::ZERO).count() as f64));
    }
    if ord == T::of(2.0) {
        return Some(norm_l2_slice(x));
    }
    if ord == T::ONE {
        return Some(x.iter().fold(T::ZERO, |s, v| s + v.abs()));
    }
    if nan {
        return Some(T::nan());
    }
    let amax = x.iter().fold(T::ZERO, |m, v| m.max(v.abs()));
    let scale = if ord > T::ZERO && amax > T::ZERO && amax.is_finite() {
        amax
    } else {
        T::ONE
    };
    let s = x
        .iter()
        .fold(T::ZERO, |s, v| s + (v.abs() / scale).powf(ord));
    Some(s.powf(T::ONE / ord) * scale)
}
