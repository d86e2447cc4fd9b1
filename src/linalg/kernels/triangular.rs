//! Triangular solves with several right-hand sides, row-major.

use crate::gemm::{MatMut, MatRef, gemm};
use crate::linalg::kernels::householder::dot;
use crate::scalar::Float;

/// From this many rows (and [`RECURSE_MIN_RHS`] right-hand sides) on, the triangular solves
/// split the triangle in two and update the second half of the right-hand sides by one GEMM.
const RECURSE_FROM: usize = 32;
/// Fewer right-hand sides than this are solved by substitution alone.
const RECURSE_MIN_RHS: usize = 8;

/// Solves `L X = B` in place (`B` is `n x r`, row-major with leading dimension `ldb`), `L` the
/// lower triangle of the `n x n` matrix `l` (leading dimension `ldl`); with `unit`, the
/// diagonal is taken as 1 and not read. The strictly upper part of `l` is not read.
///
/// A zero on the diagonal gives infinities or NaN: callers check the diagonal first.
pub fn solve_lower<T: Float>(
    l: &[T],
    ldl: usize,
    unit: bool,
    b: &mut [T],
    n: usize,
    r: usize,
    ldb: usize,
) {
    if n >= RECURSE_FROM && r >= RECURSE_MIN_RHS {
        // [L11 0; L21 L22] [X1; X2] = [B1; B2]: X1, then B2 -= L21 X1, then X2.
        let h = n / 2;
        let (top, bottom) = b.split_at_mut(h * ldb);
        solve_lower(l, ldl, unit, top, h, r, ldb);
        gemm(
            -T::ONE,
            MatRef::new(&l[h * ldl..], n - h, h, ldl, 1),
            MatRef::new(top, h, r, ldb, 1),
            T::ONE,
            MatMut::new(bottom, n - h, r, ldb, 1),
        );
        solve_lower(&l[h * ldl + h..], ldl, unit, bottom, n - h, r, ldb);
        return;
    }
    for i in 0..n {
        let (done, rest) = b.split_at_mut(i * ldb);
        let bi = &mut rest[..r];
        let li = &l[i * ldl..i * ldl + i];
        if r == 1 && ldb == 1 {
            // One contiguous right-hand side: a dot product in independent sums.
            bi[0] -= dot(li, done);
        } else if r == 1 {
            // One right-hand side: a dot product over a strided column.
            let mut s = T::ZERO;
            for (p, &lp) in li.iter().enumerate() {
                s += lp * done[p * ldb];
            }
            bi[0] -= s;
        } else {
            for (p, &lp) in li.iter().enumerate() {
                if lp != T::ZERO {
                    let bp = &done[p * ldb..p * ldb + r];
                    for (x, &y) in bi.iter_mut().zip(bp) {
                        *x -= lp * y;
                    }
                }
            }
        }
        if !unit {
            let d = T::ONE / l[i * ldl + i];
            for x in bi.iter_mut() {
                *x *= d;
            }
        }
    }
}

/// Solves `U X = B` in place, `U` the upper triangle of `u` (the strictly lower part is not
/// read); otherwise as [`solve_lower`].
pub fn solve_upper<T: Float>(
    u: &[T],
    ldu: usize,
    unit: bool,
    b: &mut [T],
    n: usize,
    r: usize,
    ldb: usize,
) {
    if n >= RECURSE_FROM && r >= RECURSE_MIN_RHS {
        // [U11 U12; 0 U22] [X1; X2] = [B1; B2]: X2, then B1 -= U12 X2, then X1.
        let h = n / 2;
        let (top, bottom) = b.split_at_mut(h * ldb);
        solve_upper(&u[h * ldu + h..], ldu, unit, bottom, n - h, r, ldb);
        gemm(
            -T::ONE,
            MatRef::new(&u[h..], h, n - h, ldu, 1),
            MatRef::new(bottom, n - h, r, ldb, 1),
            T::ONE,
            MatMut::new(top, h, r, ldb, 1),
        );
        solve_upper(u, ldu, unit, top, h, r, ldb);
        return;
    }
    for i in (0..n).rev() {
        let (head, done) = b.split_at_mut((i + 1) * ldb);
        let bi = &mut head[i * ldb..i * ldb + r];
        let ui = &u[i * ldu + i + 1..i * ldu + n];
        if r == 1 && ldb == 1 {
            bi[0] -= dot(ui, done);
        } else if r == 1 {
            let mut s = T::ZERO;
            for (p, &up) in ui.iter().enumerate() {
                s += up * done[p * ldb];
            }
            bi[0] -= s;
        } else {
            for (p, &up) in ui.iter().enumerate() {
                if up != T::ZERO {
                    let bp = &done[p * ldb..p * ldb + r];
                    for (x, &y) in bi.iter_mut().zip(bp) {
                        *x -= up * y;
                    }
                }
            }
        }
        if !unit {
            let d = T::ONE / u[i * ldu + i];
            for x in bi.iter_mut() {
                *x *= d;
            }
        }
    }
}

/// Solves `L^T X = B` in place, `L` the lower triangle of the `n x n` matrix `l`, reading `L`
/// by rows (each step is an update with a contiguous row of `L`); otherwise as
/// [`solve_lower`]. Used by the Cholesky solve.
pub fn solve_lower_transposed<T: Float>(
    l: &[T],
    ldl: usize,
    b: &mut [T],
    n: usize,
    r: usize,
    ldb: usize,
) {
    for i in (0..n).rev() {
        let (head, tail) = b.split_at_mut(i * ldb);
        let bi = &mut tail[..r];
        let d = T::ONE / l[i * ldl + i];
        for x in bi.iter_mut() {
            *x *= d;
        }
        let li = &l[i * ldl..i * ldl + i];
        for (p, &lp) in li.iter().enumerate() {
            if lp != T::ZERO {
                let bp = &mut head[p * ldb..p * ldb + r];
                for (x, &y) in bp.iter_mut().zip(bi.iter()) {
                    *x -= lp * y;
                }
            }
        }
    }
}
