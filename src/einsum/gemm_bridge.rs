//! Where a pairwise step meets the GEMM kernel of `gemm.rs`.

use super::exec::Mat;
use crate::gemm::{self, MatMut, MatRef};
use crate::scalar::Scalar;

/// Products with fewer multiply-adds than this, or with a side shorter than [`MIN_SIDE`],
/// run on the executor's loops: a GEMM call has a fixed cost of about 0.2 us.
const MIN_WORK: usize = 4096;
/// See [`MIN_WORK`].
const MIN_SIDE: usize = 4;

/// Runs `C += A B` (or `C = A B` when `overwrite`: `C` holds zeros and is written once)
/// through the GEMM kernel when it pays off; `false` leaves the product to the executor's
/// loops.
#[inline]
#[allow(clippy::too_many_arguments)]
pub(crate) fn try_gemm<T: Scalar>(
    (m, n, k): (usize, usize, usize),
    a: &[T],
    am: Mat,
    b: &[T],
    bm: Mat,
    c: &mut [T],
    cm: Mat,
    overwrite: bool,
) -> bool {
    if m < MIN_SIDE || n < MIN_SIDE || m.saturating_mul(n).saturating_mul(k) < MIN_WORK {
        return false;
    }
    let a = MatRef::new(&a[am.off..], m, k, am.rs, am.cs);
    let b = MatRef::new(&b[bm.off..], k, n, bm.rs, bm.cs);
    let Some(c) = MatMut::try_new(&mut c[cm.off..], m, n, cm.rs, cm.cs) else {
        return false;
    };
    let beta = if overwrite { T::ZERO } else { T::ONE };
    gemm::gemm(T::ONE, a, b, beta, c);
    true
}
