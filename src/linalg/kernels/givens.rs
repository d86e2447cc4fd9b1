//! Givens rotations: the rotation that zeroes one entry of a pair, and its application to two
//! columns of a column-major matrix. The QR sweeps and both divide-and-conquer solvers rotate
//! their vectors with these.

use crate::scalar::Float;

/// `(c, s, r)` with `c x + s z = r`, `-s x + c z = 0`, `r = hypot(x, z)`.
#[inline]
pub(crate) fn givens<T: Float>(x: T, z: T) -> (T, T, T) {
    if z == T::ZERO {
        return (T::ONE, T::ZERO, x);
    }
    let r = x.hypot(z);
    (x / r, z / r, r)
}

/// Columns `i` and `j` of a column-major matrix with `rows` rows, rotated:
/// `(x, y) <- (c x + s y, -s x + c y)`.
#[inline]
pub(crate) fn rotate_cols<T: Float>(q: &mut [T], rows: usize, i: usize, j: usize, c: T, s: T) {
    rotate_cols_ld(q, rows, rows, i, j, c, s);
}

/// [`rotate_cols`] for the `rows`-row columns of a column-major matrix with leading dimension
/// `ld` (column `i` at `q[i * ld..i * ld + rows]`).
#[inline]
pub(crate) fn rotate_cols_ld<T: Float>(
    q: &mut [T],
    ld: usize,
    rows: usize,
    i: usize,
    j: usize,
    c: T,
    s: T,
) {
    debug_assert!(i != j);
    let (lo, hi) = if i < j { (i, j) } else { (j, i) };
    let (a, b) = q.split_at_mut(hi * ld);
    let a = &mut a[lo * ld..lo * ld + rows];
    let b = &mut b[..rows];
    let (x, y) = if i < j { (a, b) } else { (b, a) };
    for (xi, yi) in x.iter_mut().zip(y.iter_mut()) {
        let (p, r) = (*xi, *yi);
        *xi = c * p + s * r;
        *yi = c * r - s * p;
    }
}
