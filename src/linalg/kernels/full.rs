//! The square orthogonal factors of the complete QR and the full SVD: the whole `Q` of a
//! Householder QR, and the completion of orthonormal columns to an orthonormal basis.

use crate::linalg::kernels::householder::apply_left;
use crate::linalg::kernels::qr::qr;
use crate::scalar::Float;

/// The whole `Q` (`m x m`, column-major) of the reflectors stored by `qr::qr` in the
/// column-major `a` (leading dimension `lda`), `tau.len()` of them.
pub(crate) fn form_full_q<T: Float>(a: &[T], m: usize, lda: usize, tau: &[T]) -> Vec<T> {
    let mut q = vec![T::ZERO; m * m];
    for j in 0..m {
        q[j * m + j] = T::ONE;
    }
    let mut v = vec![T::ZERO; m];
    for k in (0..tau.len()).rev() {
        let len = m - k;
        v[0] = T::ONE;
        v[1..len].copy_from_slice(&a[k * lda + k + 1..k * lda + m]);
        // Columns before k are e_j, zero in rows k..m: only columns k..m change.
        apply_left(&v[..len], tau[k], &mut q[k * m + k..], len, m - k, 1, m);
    }
    q
}

/// The `m - k` columns (column-major, `m x (m - k)`) that complete the orthonormal columns
/// `u` (`m x k`, column-major) to an orthonormal basis of `R^m`: the trailing columns of the
/// whole `Q` of a QR of `u`, whose leading columns span the same space as `u`.
pub(crate) fn complete_basis<T: Float>(u: &[T], m: usize, k: usize) -> Vec<T> {
    let mut w = u.to_vec();
    let mut tau = vec![T::ZERO; k];
    if k > 0 && m > 0 {
        qr(&mut w, m, k, m, &mut tau);
    }
    let q = form_full_q(&w, m, m, &tau);
    q[k * m..].to_vec()
}
