//! The kernel layer of the ops: plain loops over slices, sizes and strides (in elements).
//!
//! Nothing here knows about `Const`, `Dyn` or `One`; the typed methods in the sibling modules
//! check shapes, allocate the output and call these.

use crate::scalar::{Float, Number, Scalar};

/// The strides with which an operand of sizes `dims` and strides `strides` is read when it is
/// broadcast to sizes `out` (numpy's rule, right-aligned): 0 on the leading axes it lacks and
/// on its size-1 axes, its own stride elsewhere.
pub(crate) fn broadcast_strides(dims: &[usize], strides: &[usize], out: &[usize]) -> Vec<usize> {
    let pad = out.len() - dims.len();
    (0..out.len())
        .map(|k| {
            if k < pad || dims[k - pad] == 1 {
                0
            } else {
                strides[k - pad]
            }
        })
        .collect()
}

/// Calls `f` with the offsets of each multi-index of `dims` (row-major order) in `K` layouts
/// of the same sizes, given by their strides. The last axis is the inner loop. The one strided
/// walker of the crate (elementwise ops, reductions, einsum), for any rank.
#[inline]
pub(crate) fn for_each_offsets<const K: usize>(
    dims: &[usize],
    strides: [&[usize]; K],
    mut f: impl FnMut([usize; K]),
) {
    if dims.contains(&0) {
        return;
    }
    let rank = dims.len();
    if rank == 0 {
        f([0; K]);
        return;
    }
    let inner = dims[rank - 1];
    let inner_step: [usize; K] = core::array::from_fn(|k| strides[k][rank - 1]);
    // The multi-index of the outer axes: on the stack up to rank 8 (every tensor), on the heap
    // beyond (einsum's intermediates have one axis per label).
    let (mut small, mut large) = ([0usize; 8], Vec::new());
    let idx: &mut [usize] = if rank <= small.len() {
        &mut small
    } else {
        large.resize(rank, 0);
        &mut large
    };
    let mut base = [0usize; K];
    loop {
        let mut off = base;
        for _ in 0..inner {
            f(off);
            for k in 0..K {
                off[k] += inner_step[k];
            }
        }
        // Advance the outer multi-index (axes 0..rank-1), last axis fastest.
        let mut axis = rank - 1;
        loop {
            if axis == 0 {
                return;
            }
            axis -= 1;
            idx[axis] += 1;
            for k in 0..K {
                base[k] += strides[k][axis];
            }
            if idx[axis] < dims[axis] {
                break;
            }
            for k in 0..K {
                base[k] -= strides[k][axis] * dims[axis];
            }
            idx[axis] = 0;
        }
    }
}

/// Calls `f(base)` for each lane along `axis` (the first element's offset of every
/// one-dimensional run along that axis), in row-major order of the other axes.
pub(crate) fn for_each_lane(
    dims: &[usize],
    strides: &[usize],
    axis: usize,
    mut f: impl FnMut(usize),
) {
    let mut rest_dims = dims.to_vec();
    let mut rest_strides = strides.to_vec();
    rest_dims.remove(axis);
    rest_strides.remove(axis);
    for_each_offsets(&rest_dims, [&rest_strides], |[o]| f(o));
}

/// The elements of one lane: `len` elements from offset `pos`, `stride` apart.
#[derive(Clone)]
pub(crate) struct Lane<'a, T> {
    data: &'a [T],
    pos: usize,
    left: usize,
    stride: usize,
}

impl<'a, T> Lane<'a, T> {
    #[inline]
    pub(crate) fn new(data: &'a [T], pos: usize, len: usize, stride: usize) -> Self {
        Lane {
            data,
            pos,
            left: len,
            stride,
        }
    }
}

impl<T: Copy> Iterator for Lane<'_, T> {
    type Item = T;
    #[inline]
    fn next(&mut self) -> Option<T> {
        if self.left == 0 {
            return None;
        }
        let x = self.data[self.pos];
        self.left -= 1;
        if self.left > 0 {
            self.pos += self.stride;
        }
        Some(x)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<T: Copy> ExactSizeIterator for Lane<'_, T> {}

/// The sum of a slice with eight independent accumulators (faster, and the error grows
/// more slowly than one running sum's).
pub(crate) fn sum_slice<T: Number>(x: &[T]) -> T {
    let mut acc = [T::ZERO; 8];
    let chunks = x.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for k in 0..8 {
            acc[k] += c[k];
        }
    }
    let mut s = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    for &v in rest {
        s += v;
    }
    s
}

/// The sum of the elements an iterator yields, with four accumulators.
pub(crate) fn sum_iter<T: Number>(it: impl Iterator<Item = T>) -> T {
    let mut acc = [T::ZERO; 4];
    for (k, v) in it.enumerate() {
        acc[k & 3] += v;
    }
    (acc[0] + acc[2]) + (acc[1] + acc[3])
}

/// Sums a contiguous row-major block of sizes `(outer, len, inner)` over its middle axis into
/// `out` of sizes `(outer, inner)`, walking the data in memory order (the inner loop runs over
/// contiguous elements, so it vectorises, unlike one strided lane at a time).
pub(crate) fn sum_middle_axis<T: Number>(
    x: &[T],
    outer: usize,
    len: usize,
    inner: usize,
    out: &mut [T],
) {
    debug_assert_eq!(x.len(), outer * len * inner);
    debug_assert_eq!(out.len(), outer * inner);
    if inner == 0 {
        return;
    }
    for (o, acc) in out.chunks_exact_mut(inner).enumerate() {
        acc.fill(T::ZERO);
        let block = &x[o * len * inner..(o + 1) * len * inner];
        for row in block.chunks_exact(inner) {
            for (a, &v) in acc.iter_mut().zip(row) {
                *a += v;
            }
        }
    }
}

/// The inner product of two slices of equal length, with eight accumulators.
pub(crate) fn dot_slice<T: Number>(a: &[T], b: &[T]) -> T {
    debug_assert_eq!(a.len(), b.len());
    let mut acc = [T::ZERO; 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    for (&x, &y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// The inner product with the first operand conjugated, `sum_i conj(a_i) b_i` (numpy's
/// `vdot`; [`dot_slice`] for real numbers), with eight accumulators.
pub(crate) fn dotc_slice<T: Number>(a: &[T], b: &[T]) -> T {
    debug_assert_eq!(a.len(), b.len());
    let mut acc = [T::ZERO; 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k].conj() * y[k];
        }
    }
    let mut s = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    for (&x, &y) in ra.iter().zip(rb) {
        s += x.conj() * y;
    }
    s
}

/// Whether `x` is NaN (the only value not equal to itself); false for every integer.
#[inline(always)]
#[allow(clippy::eq_op)]
pub(crate) fn is_nan<T: PartialEq>(x: T) -> bool {
    x != x
}

/// The largest element (`greater = true`) or the smallest, with NaN propagated as numpy does
/// (the first NaN met is the result); `None` when there are no elements.
pub(crate) fn extreme<T: Scalar>(it: impl Iterator<Item = T>, greater: bool) -> Option<T> {
    let mut it = it;
    let mut m = it.next()?;
    if is_nan(m) {
        return Some(m);
    }
    for x in it {
        if is_nan(x) {
            return Some(x);
        }
        if (greater && x > m) || (!greater && x < m) {
            m = x;
        }
    }
    Some(m)
}

/// The position of the first largest element (`greater`) or smallest; a NaN wins (the first
/// one), as in numpy. `None` when there are no elements.
pub(crate) fn arg_extreme<T: Scalar>(it: impl Iterator<Item = T>, greater: bool) -> Option<usize> {
    let mut it = it.enumerate();
    let (mut best, mut m) = it.next()?;
    if is_nan(m) {
        return Some(best);
    }
    for (k, x) in it {
        if is_nan(x) {
            return Some(k);
        }
        if (greater && x > m) || (!greater && x < m) {
            m = x;
            best = k;
        }
    }
    Some(best)
}

/// `||x||_2 = sqrt(sum x_i^2)` without overflow or underflow.
///
/// One fast pass sums the squares; when that sum overflowed, or is so small that squares of
/// the entries may have underflowed (below `MIN_POSITIVE / EPSILON`), a second pass scales
/// every entry by the largest magnitude first: `m * sqrt(sum (x_i / m)^2)`.
pub(crate) fn norm_l2_iter<T: Float>(it: impl Iterator<Item = T> + Clone) -> T {
    let ss = sum_iter(it.clone().map(|x| x * x));
    if ss.is_nan() {
        return ss;
    }
    let tiny = T::min_positive_value() / T::epsilon();
    if ss.is_finite() && ss >= tiny {
        return ss.sqrt();
    }
    scaled_norm_l2(it)
}

/// [`norm_l2_iter`] over a slice (the fast pass vectorises).
pub(crate) fn norm_l2_slice<T: Float>(x: &[T]) -> T {
    let ss = dot_slice(x, x);
    if ss.is_nan() {
        return ss;
    }
    let tiny = T::min_positive_value() / T::epsilon();
    if ss.is_finite() && ss >= tiny {
        return ss.sqrt();
    }
    scaled_norm_l2(x.iter().copied())
}

/// The scaled second pass of [`norm_l2_iter`].
fn scaled_norm_l2<T: Float>(it: impl Iterator<Item = T> + Clone) -> T {
    let m = it.clone().fold(T::ZERO, |m, x| {
        let a = x.abs();
        if a > m { a } else { m }
    });
    if m == T::ZERO || m.is_infinite() {
        return m;
    }
    let ss = sum_iter(it.map(|x| {
        let y = x / m;
        y * y
    }));
    m * ss.sqrt()
}

/// `sum |x_i|`.
pub(crate) fn norm_l1_iter<T: Float>(it: impl Iterator<Item = T>) -> T {
    sum_iter(it.map(|x| x.abs()))
}

/// `max |x_i|` (0 for no elements; NaN propagates).
pub(crate) fn norm_linf_iter<T: Float>(it: impl Iterator<Item = T>) -> T {
    extreme(it.map(|x| x.abs()), true).unwrap_or(T::ZERO)
}

/// `e` with `2^e <= |x| < 2^(e + 1)`: the binary exponent of a finite nonzero `x` (subnormals
/// included); 0 for 0 and for non-finite values.
pub(crate) fn exponent_of<T: Float>(x: T) -> i32 {
    if x == T::ZERO || !x.is_finite() {
        return 0;
    }
    let (mantissa, exp, _) = x.integer_decode();
    // |x| = mantissa * 2^exp, and mantissa has 64 - leading_zeros significant bits.
    exp as i32 + (63 - mantissa.leading_zeros() as i32)
}

/// The power of two `k` that LAPACK-style scaling applies to data whose largest magnitude is
/// `amax`: 0 when `amax` lies in `[smlnum, bignum]` (`smlnum = MIN_POSITIVE / EPSILON`,
/// `bignum = 1 / smlnum`), is 0 or is not finite; otherwise the `k` that brings `amax * 2^k`
/// into `[1, 2)`. Scaling by `2^k` is exact, so data in range is never touched.
pub(crate) fn range_exponent<T: Float>(amax: T) -> i32 {
    let smlnum = T::min_positive_value() / T::epsilon();
    let bignum = T::ONE / smlnum;
    if amax == T::ZERO || !amax.is_finite() || (amax >= smlnum && amax <= bignum) {
        0
    } else {
        -exponent_of(amax)
    }
}

/// `x * 2^k`, by steps whose factors are normal numbers of either precision (`2^±100`), so
/// that `k` may exceed the exponent range: the result over- or underflows only when `x * 2^k`
/// itself does. `k` is clamped to `±4000`, beyond which every finite nonzero `x` gives 0 or inf.
pub(crate) fn mul_pow2<T: Float>(x: T, k: i64) -> T {
    let mut k = k.clamp(-4000, 4000);
    let mut y = x;
    while k != 0 && y != T::ZERO && y.is_finite() {
        let step = k.clamp(-100, 100);
        y *= T::of(2f64.powi(step as i32));
        k -= step;
    }
    y
}

/// Every element times `2^k` (see [`mul_pow2`]); nothing to do for `k = 0`.
pub(crate) fn scale_pow2<T: Float>(x: &mut [T], k: i64) {
    if k == 0 {
        return;
    }
    if (-100..=100).contains(&k) {
        let f = T::of(2f64.powi(k as i32));
        x.iter_mut().for_each(|v| *v *= f);
    } else {
        x.iter_mut().for_each(|v| *v = mul_pow2(*v, k));
    }
}

/// The largest magnitude of the data (0 when empty), or `None` when it holds NaN or an
/// infinity: [`amax`] and a finiteness check in one pass, in eight independent lanes that
/// vectorise (`0 x` is 0 for a finite `x` and NaN otherwise).
pub(crate) fn finite_amax<T: Float>(x: &[T]) -> Option<T> {
    const L: usize = 8;
    let mut m = [T::ZERO; L];
    let mut z = [T::ZERO; L];
    let mut chunks = x.chunks_exact(L);
    for c in &mut chunks {
        for k in 0..L {
            let a = c[k].abs();
            m[k] = if a > m[k] { a } else { m[k] };
            z[k] += c[k] * T::ZERO;
        }
    }
    for (k, &v) in chunks.remainder().iter().enumerate() {
        let a = v.abs();
        m[k] = if a > m[k] { a } else { m[k] };
        z[k] += v * T::ZERO;
    }
    let finite = z.iter().fold(T::ZERO, |s, &v| s + v) == T::ZERO;
    finite.then(|| m.iter().fold(T::ZERO, |s, &v| if v > s { v } else { s }))
}

/// The largest magnitude of finite data (0 when empty); NaN or inf when the data holds one.
pub(crate) fn amax<T: Float>(x: &[T]) -> T {
    x.iter().fold(T::ZERO, |m, &v| {
        let a = v.abs();
        if a > m || a.is_nan() { a } else { m }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finite_amax_is_amax_or_none_for_every_length_and_position() {
        assert_eq!(finite_amax::<f64>(&[]), Some(0.0));
        for n in [1, 7, 8, 9, 17, 64] {
            let x: Vec<f64> = (0..n).map(|k| ((k * 37 % 11) as f64 - 5.0) * 0.5).collect();
            assert_eq!(finite_amax(&x), Some(amax(&x)), "n = {n}");
            for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                for at in [0, n / 2, n - 1] {
                    let mut y = x.clone();
                    y[at] = bad;
                    assert_eq!(finite_amax(&y), None, "n = {n}, {bad} at {at}");
                }
            }
        }
        assert_eq!(finite_amax(&[-3.0f32, 2.0, -0.0]), Some(3.0));
    }
}
