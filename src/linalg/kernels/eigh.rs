//! The symmetric eigenproblem of a column-major matrix: Householder tridiagonalisation
//! (`reduce.rs`), the tridiagonal's eigenproblem (divide and conquer in `tridiag_dc.rs` with
//! vectors, QR sweeps in `tridiag_qr.rs` for the values alone and on the leaves), the
//! reflectors applied to the vectors. `linalg/eigh.rs` is its typed caller.

use super::householder::apply_reflectors;
use super::sort::{sort_with, swap_cols};
use super::tridiag_dc;
use super::tridiag_qr::tridiagonal_qr;
use crate::scalar::Float;

/// Eigenvalues (ascending) and, when `want_vectors`, eigenvectors (columns of an `n x n`
/// column-major matrix) of the finite symmetric matrix whose lower triangle is in the
/// column-major `a` (overwritten). `Err(bound)` when the sweep bound was reached.
pub(crate) fn eigh_kernel<T: Float>(
    a: &mut [T],
    n: usize,
    want_vectors: bool,
) -> Result<(Vec<T>, Vec<T>), usize> {
    debug_assert_eq!(a.len(), n * n);
    let mut d = vec![T::ZERO; n];
    let mut e = vec![T::ZERO; n.saturating_sub(1)];
    let mut taus = vec![T::ZERO; n.saturating_sub(1)];
    super::reduce::tridiagonalize(a, n, &mut d, &mut e, &mut taus);

    if !want_vectors {
        tridiagonal_qr(&mut d, &mut e, &mut [], n, false)?;
        sort_ascending(&mut d, &mut [], n);
        return Ok((d, Vec::new()));
    }
    // T's eigenvectors Z, ascending: divide and conquer above its leaf size, QR sweeps from
    // the identity up to it. Then A's are Q Z, the reflectors applied to Z (Q never formed).
    let mut z = tridiag_dc::tridiagonal_eigen(&mut d, &mut e, |d, e, q, n| {
        tridiagonal_qr(d, e, q, n, true)?;
        sort_ascending(d, q, n);
        Ok(())
    })?;
    let count = n.saturating_sub(2);
    apply_reflectors(&mut z, n, n, 1, &taus[..count], |k, buf| {
        buf.extend_from_slice(&a[(k + 1) + k * n..(k + 1) * n]);
    });
    Ok((d, z))
}

/// Sorts `d` ascending, and the columns of the `rows`-row column-major `q` with it (`q` may be
/// empty: values alone).
fn sort_ascending<T: Float>(d: &mut [T], q: &mut [T], rows: usize) {
    sort_with(d, false, |i, j| {
        if !q.is_empty() {
            swap_cols(q, rows, i, j);
        }
    });
}
