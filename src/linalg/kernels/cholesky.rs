//! Cholesky factorisation `A = L L^T` of a symmetric positive definite matrix, row-major.

use crate::linalg::kernels::householder::dot;
use crate::scalar::Float;

/// Overwrites the lower triangle of the `n x n` matrix `a` (leading dimension `lda`) with `L`
/// and sets the strictly upper triangle to 0. Only the lower triangle of `a` is read.
///
/// # Errors
/// `Err(j)` when the pivot of column `j` is not positive (or not finite): the matrix is not
/// positive definite. `a` is then partly overwritten.
pub fn cholesky<T: Float>(a: &mut [T], n: usize, lda: usize) -> Result<(), usize> {
    factor_lower(a, 0, n, lda)?;
    zero_upper(a, n, lda);
    Ok(())
}

/// Crout by rows on the diagonal block of size `nb` at `(k, k)`, assuming every earlier column
/// of the block's rows has been subtracted already (it is the whole job when `k = 0`, `nb = n`).
fn factor_lower<T: Float>(a: &mut [T], k: usize, nb: usize, lda: usize) -> Result<(), usize> {
    for j in 0..nb {
        let rj = (k + j) * lda + k;
        let (before, from_j) = a.split_at_mut(rj + j);
        let lj = &before[rj..rj + j];
        let d = from_j[0] - dot(lj, lj);
        if !(d > T::ZERO) || !d.is_finite() {
            return Err(k + j);
        }
        let djj = d.sqrt();
        from_j[0] = djj;
        let inv = T::ONE / djj;
        for i in j + 1..nb {
            let ri = (k + i) * lda + k;
            let s = dot(&a[ri..ri + j], &a[rj..rj + j]);
            a[ri + j] = (a[ri + j] - s) * inv;
        }
    }
    Ok(())
}

/// Sets the strictly upper triangle of the `n x n` matrix to 0.
pub(crate) fn zero_upper<T: Float>(a: &mut [T], n: usize, lda: usize) {
    for i in 0..n {
        for x in &mut a[i * lda + i + 1..i * lda + n] {
            *x = T::ZERO;
        }
    }
}
