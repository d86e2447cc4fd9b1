//! Deflation of a bidiagonal or symmetric tridiagonal matrix `(d, e)` before a QR sweep: where
//! the problem splits, and which block the next sweep works on.

use crate::scalar::Float;

/// Deflation before a QR sweep of a bidiagonal or tridiagonal `(d, e)`: sets each negligible
/// off-diagonal `e[i]` (at most `eps (|d_i| + |d_{i+1}|)`, or at most `floor`, or at the
/// underflow level) to zero, drops the converged tail below `hi`, and returns the unreduced block `(lo, hi)` that ends at
/// the new `hi`, or `None` when everything has converged. Shared by the SVD and `eigh`.
pub(crate) fn deflate<T: Float>(
    d: &[T],
    e: &mut [T],
    hi: usize,
    floor: T,
) -> Option<(usize, usize)> {
    let (eps, tiny) = (T::epsilon(), T::min_positive_value());
    for i in 0..hi {
        if e[i].abs() <= eps * (d[i].abs() + d[i + 1].abs()) || e[i].abs() <= tiny.max(floor) {
            e[i] = T::ZERO;
        }
    }
    let mut hi = hi;
    while hi > 0 && e[hi - 1] == T::ZERO {
        hi -= 1;
    }
    if hi == 0 {
        return None;
    }
    let mut lo = hi - 1;
    while lo > 0 && e[lo - 1] != T::ZERO {
        lo -= 1;
    }
    Some((lo, hi))
}
