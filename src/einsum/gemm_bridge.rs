//! Where a pairwise step meets the GEMM kernel of `gemm.rs`.

use super::exec::Mat;

/// Runs `C += A B` through the GEMM kernel when it pays off; `false` leaves the product to
/// the executor's loops.
#[inline]
pub(crate) fn try_gemm<T: crate::scalar::Scalar>(
    _mnk: (usize, usize, usize),
    _a: &[T],
    _am: Mat,
    _b: &[T],
    _bm: Mat,
    _c: &mut [T],
    _cm: Mat,
) -> bool {
    false
}
