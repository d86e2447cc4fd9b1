//! Kernels of the numpy-for-ML operations (`math.rs`, `axis_ops.rs`, `sort.rs`, `index.rs`,
//! `mask.rs`): elementwise functions of one value, the per-lane arithmetic of softmax,
//! logsumexp, std and the cumulative ops, the orderings of sort / argsort / topk, and one lane
//! walker. They see values, slices, sizes and strides only.

use super::kernels::{for_each_offsets, is_nan, sum_slice};
use crate::scalar::{Float, Number, Scalar};
use core::cmp::Ordering;

// ---------------------------------------------------------------------------------------------
// Lanes

/// Calls `f(lane, out_lane)` for every lane along `axis` of a strided input (`dims`,
/// `strides` over `data`), with `out` the row-major output whose sizes are `dims` with the
/// axis length replaced by `out_len`. Each input lane is gathered into a contiguous buffer
/// and each output lane scattered back, so `f` sees plain slices.
pub(crate) fn map_lanes<T: Copy, U: Copy + Default>(
    data: &[T],
    dims: &[usize],
    strides: &[usize],
    axis: usize,
    out: &mut [U],
    out_len: usize,
    mut f: impl FnMut(&[T], &mut [U]),
) {
    let (len, stride) = (dims[axis], strides[axis]);
    let mut out_dims = dims.to_vec();
    out_dims[axis] = out_len;
    // row-major strides of the output
    let mut out_strides = vec![0; dims.len()];
    let mut acc = 1;
    for k in (0..dims.len()).rev() {
        out_strides[k] = acc;
        acc *= out_dims[k];
    }
    if out.is_empty() {
        return; // nothing to write (an empty axis of the output, or no lanes)
    }
    let ostride = out_strides[axis];
    let mut rest_dims = dims.to_vec();
    let mut rest_in = strides.to_vec();
    let mut rest_out = out_strides.clone();
    rest_dims.remove(axis);
    rest_in.remove(axis);
    rest_out.remove(axis);
    let mut buf: Vec<T> = Vec::with_capacity(len);
    let mut obuf: Vec<U> = vec![U::default(); out_len];
    for_each_offsets(&rest_dims, [&rest_in, &rest_out], |[i, o]| {
        // a contiguous lane is handed over in place; a strided one is gathered first
        let lane: &[T] = if len == 0 {
            &[]
        } else if stride == 1 || len == 1 {
            &data[i..i + len]
        } else {
            buf.clear();
            buf.extend((0..len).map(|k| data[i + k * stride]));
            &buf
        };
        if ostride == 1 || out_len <= 1 {
            f(lane, &mut out[o..o + out_len]);
        } else {
            f(lane, &mut obuf);
            for (k, &v) in obuf.iter().enumerate() {
                out[o + k * ostride] = v;
            }
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Elementwise functions of one value

/// numpy's `sign`: -1, 0 or 1, with `sign(+-0) = 0` and NaN kept.
#[inline]
pub(crate) fn sign<T: Float>(x: T) -> T {
    if x > T::ZERO {
        T::ONE
    } else if x < T::ZERO {
        -T::ONE
    } else {
        x * T::ZERO // +-0 stays 0, NaN stays NaN
    }
}

/// `1 / (1 + exp(-x))` without overflow: for x < 0 as `e / (1 + e)` with `e = exp(x)`, which
/// keeps full relative accuracy deep in the left tail (scipy's `expit`).
#[inline]
pub(crate) fn sigmoid<T: Float>(x: T) -> T {
    if x >= T::ZERO {
        T::ONE / (T::ONE + (-x).exp())
    } else {
        let e = x.exp();
        e / (T::ONE + e)
    }
}

/// `log(1 + exp(x))` (numpy's `logaddexp(0, x)`) without overflow and without threshold
/// approximations: `max(x, 0) + log1p(exp(-|x|))`.
#[inline]
pub(crate) fn softplus<T: Float>(x: T) -> T {
    if x > T::ZERO {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

/// numpy's `maximum(x, 0)`: NaN stays NaN.
#[inline]
pub(crate) fn relu<T: Float>(x: T) -> T {
    if x > T::ZERO || is_nan(x) { x } else { T::ZERO }
}

/// numpy's `clip`: `minimum(maximum(x, lo), hi)`; NaN stays NaN, and when `lo > hi` every
/// other value becomes `hi`.
#[inline]
pub(crate) fn clip<T: Float>(x: T, lo: T, hi: T) -> T {
    let y = if x < lo { lo } else { x };
    if y > hi { hi } else { y }
}

/// numpy's `maximum` (`greater`) or `minimum`: NaN in either operand gives NaN.
#[inline]
pub(crate) fn extreme2<T: Scalar>(a: T, b: T, greater: bool) -> T {
    if is_nan(a) {
        return a;
    }
    if is_nan(b) {
        return b;
    }
    if (greater && b > a) || (!greater && b < a) {
        b
    } else {
        a
    }
}

// ---------------------------------------------------------------------------------------------
// Per-lane arithmetic

/// The largest value of a lane that is not NaN; -inf for an empty or all-NaN lane. (A NaN
/// of the lane reaches every output of softmax and log_softmax through the sum anyway.)
fn lane_max<T: Float>(x: &[T]) -> T {
    x.iter().fold(T::neg_infinity(), |m, &v| m.max(v))
}

/// Softmax of one lane: `exp(x_i - m) / sum_j exp(x_j - m)` with `m` the lane's maximum
/// (scipy's rules for non-finite lanes follow: NaN or +inf anywhere, or all -inf, give NaN).
pub(crate) fn softmax_lane<T: Float>(x: &[T], out: &mut [T]) {
    let m = lane_max(x);
    for (o, &v) in out.iter_mut().zip(x) {
        *o = (v - m).exp();
    }
    let s = sum_slice(out);
    let inv = T::ONE / s;
    if s.is_finite() && inv.is_finite() {
        out.iter_mut().for_each(|o| *o *= inv);
    } else {
        out.iter_mut().for_each(|o| *o /= s);
    }
}

/// Log-softmax of one lane: `t_i - log(sum_j exp(t_j))` with `t = x - m` (`m` the maximum,
/// replaced by 0 when it is not finite, as scipy does: a +inf entry gives NaN there and -inf
/// elsewhere).
pub(crate) fn log_softmax_lane<T: Float>(x: &[T], out: &mut [T]) {
    let mut m = lane_max(x);
    if !m.is_finite() {
        m = T::ZERO;
    }
    for (o, &v) in out.iter_mut().zip(x) {
        *o = v - m;
    }
    let s = out.iter().map(|&t| t.exp()).sum::<T>();
    let l = s.ln();
    out.iter_mut().for_each(|o| *o -= l);
}

/// `log(sum_j exp(x_j))` of one lane, stably: `m + log(sum_j exp(x_j - m))` (`m` the
/// maximum, 0 when not finite): -inf for an empty or all -inf lane, inf with a +inf, NaN with
/// a NaN.
pub(crate) fn logsumexp_lane<T: Float>(x: impl Iterator<Item = T> + Clone) -> T {
    let mut m = T::neg_infinity();
    for v in x.clone() {
        if is_nan(v) {
            return v;
        }
        if v > m {
            m = v;
        }
    }
    if !m.is_finite() {
        m = T::ZERO;
    }
    let s: T = x.map(|v| (v - m).exp()).sum();
    s.ln() + m
}

/// The standard deviation of a lane with `ddof` delta degrees of freedom, by two passes
/// (numpy's divisor `max(n - ddof, 0)`: NaN for an empty lane or n = ddof, inf beyond).
/// A lane of equal values gives exactly 0.
pub(crate) fn std_lane<T: Float>(x: impl ExactSizeIterator<Item = T> + Clone, ddof: usize) -> T {
    let n = x.len();
    let mut it = x.clone();
    let first = it.next();
    let mean = if let Some(f) = first
        && it.all(|v| v == f)
    {
        f
    } else {
        x.clone().sum::<T>() / T::of(n as f64)
    };
    let ss: T = x.map(|v| (v - mean) * (v - mean)).sum();
    (ss / T::of(n.saturating_sub(ddof) as f64)).sqrt()
}

/// Running sums of a lane.
pub(crate) fn cumsum_lane<T: Number>(x: &[T], out: &mut [T]) {
    let mut acc = T::ZERO;
    for (o, &v) in out.iter_mut().zip(x) {
        acc += v;
        *o = acc;
    }
}

/// Running products of a lane.
pub(crate) fn cumprod_lane<T: Number>(x: &[T], out: &mut [T]) {
    let mut acc = T::ONE;
    for (o, &v) in out.iter_mut().zip(x) {
        acc *= v;
        *o = acc;
    }
}

// ---------------------------------------------------------------------------------------------
// Orderings

/// `a` sorts before `b` in ascending order with NaN after every number (numpy's order;
/// -0.0 equals 0.0): plain `bool` operations, no branches, so sorts run at the speed they
/// reach with `f64::total_cmp`.
#[inline(always)]
#[allow(clippy::eq_op)]
fn before_asc<T: PartialOrd + Copy>(a: T, b: T) -> bool {
    (a < b) | ((b != b) & (a == a))
}

/// `a` sorts before `b` in descending order with NaN after every number (topk's order).
#[inline(always)]
#[allow(clippy::eq_op)]
fn before_desc<T: PartialOrd + Copy>(a: T, b: T) -> bool {
    (a > b) | ((b != b) & (a == a))
}

/// The ordering of two "before" tests (a sort that asks only whether `a` comes first
/// compiles down to the first test).
#[inline(always)]
fn ordering(a_first: bool, b_first: bool) -> Ordering {
    if a_first {
        Ordering::Less
    } else if b_first {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// Ascending order with NaN after every number (numpy's sort order); -0.0 equals 0.0.
#[inline]
pub(crate) fn cmp_nan_last<T: PartialOrd + Copy>(a: T, b: T) -> Ordering {
    ordering(before_asc(a, b), before_asc(b, a))
}

/// Whether a lane holds a NaN (then the sorts take the NaN-aware order; without one, the
/// plain comparison, which is cheaper).
#[inline]
fn has_nan<T: PartialOrd + Copy>(x: &[T]) -> bool {
    x.iter().any(|&v| is_nan(v))
}

/// The stable ascending order of a lane (NaN last), as positions.
pub(crate) fn argsort_lane<T: PartialOrd + Copy>(x: &[T], out: &mut [usize]) {
    for (k, o) in out.iter_mut().enumerate() {
        *o = k;
    }
    if has_nan(x) {
        out.sort_by(|&i, &j| cmp_nan_last(x[i], x[j]));
    } else {
        out.sort_by(|&i, &j| ordering(x[i] < x[j], x[j] < x[i]));
    }
}

/// The lane sorted ascending, NaN last.
pub(crate) fn sort_lane<T: PartialOrd + Copy>(x: &[T], out: &mut [T]) {
    out.copy_from_slice(x);
    if has_nan(x) {
        out.sort_by(|&a, &b| cmp_nan_last(a, b));
    } else {
        out.sort_unstable_by(|&a, &b| ordering(a < b, b < a));
    }
}

/// The positions of the `k = out.len()` largest values of a lane, descending, ties to the
/// lower position, NaN below every number: a selection (`select_nth_unstable_by` on a total
/// order that breaks ties by position) and a sort of the k selected.
pub(crate) fn topk_lane<T: PartialOrd + Copy>(x: &[T], idx: &mut Vec<usize>, out: &mut [usize]) {
    if has_nan(x) {
        topk_by(x, idx, out, before_desc);
    } else {
        topk_by(x, idx, out, |a, b| a > b);
    }
}

/// `topk_lane` with `first(a, b)`: whether value `a` ranks before value `b`.
#[inline(always)]
fn topk_by<T: Copy>(
    x: &[T],
    idx: &mut Vec<usize>,
    out: &mut [usize],
    first: impl Fn(T, T) -> bool,
) {
    let k = out.len();
    idx.clear();
    idx.extend(0..x.len());
    // descending, ties to the lower position: a strict total order on positions
    let order = |&i: &usize, &j: &usize| {
        let (a, b) = (x[i], x[j]);
        let i_first = first(a, b) | (!first(b, a) & (i < j));
        let j_first = first(b, a) | (!first(a, b) & (j < i));
        ordering(i_first, j_first)
    };
    if k == 0 {
        return;
    }
    if k < idx.len() {
        idx.select_nth_unstable_by(k - 1, order);
    }
    let top = &mut idx[..k];
    top.sort_unstable_by(order);
    out.copy_from_slice(top);
}
