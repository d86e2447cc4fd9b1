//! Implicit symmetric QR sweeps with Wilkinson's shift on a symmetric tridiagonal matrix: its
//! eigenvalues, and its eigenvectors when asked for. Used by `eigh` for small problems and for
//! the values alone, and by the divide and conquer (`tridiag_dc.rs`) on its leaves.

use super::deflate::deflate;
use super::givens::{givens, hypot, rotate_cols};
use crate::scalar::Float;

/// Implicit symmetric QR with Wilkinson's shift on the tridiagonal (`d`, `e`); rotations go
/// to the columns of the `n x n` column-major `q` when `vectors`.
pub(crate) fn tridiagonal_qr<T: Float>(
    d: &mut [T],
    e: &mut [T],
    q: &mut [T],
    n: usize,
    vectors: bool,
) -> Result<(), usize> {
    if n < 2 {
        return Ok(());
    }
    let two = T::ONE + T::ONE;
    let bound = 30 * n + 100;
    let mut sweeps = 0;
    let mut hi = n - 1;
    loop {
        let Some((lo, h)) = deflate(d, e, hi, T::ZERO) else {
            return Ok(());
        };
        hi = h;
        sweeps += 1;
        if sweeps > bound {
            return Err(bound);
        }
        // Wilkinson's shift: the eigenvalue of the trailing 2x2 nearer d[hi].
        let half = (d[hi - 1] - d[hi]) / two;
        let b = e[hi - 1];
        let root = hypot(half, b);
        let denom = if half >= T::ZERO {
            half + root
        } else {
            half - root
        };
        let mu = d[hi] - b * b / denom;
        let mut x = d[lo] - mu;
        let mut z = e[lo];
        for k in lo..hi {
            let (c, s, r) = givens(x, z);
            if k > lo {
                e[k - 1] = r;
            }
            let (a, b, cc) = (d[k], e[k], d[k + 1]);
            let cs = c * s;
            d[k] = c * c * a + two * cs * b + s * s * cc;
            d[k + 1] = s * s * a - two * cs * b + c * c * cc;
            e[k] = cs * (cc - a) + (c * c - s * s) * b;
            if k + 1 < hi {
                z = s * e[k + 1];
                e[k + 1] *= c;
                x = e[k];
            }
            if vectors {
                rotate_cols(q, n, k, k + 1, c, s);
            }
        }
    }
}
