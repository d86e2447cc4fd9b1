//! Bench-only crate for `shaped`: the benches live in this folder (`gemm.rs`, ...), each
//! comparing `shaped` against the anchor crates in the same run.

/// Whether an `rows x cols` matrix with non-negative strides `rs`, `cs` fits in `len` elements.
fn fits(len: usize, rows: usize, cols: usize, rs: isize, cs: isize) -> bool {
    rows == 0
        || cols == 0
        || (rs >= 0 && cs >= 0 && (rows - 1) * (rs as usize) + (cols - 1) * (cs as usize) < len)
}

/// `raw_sgemm` / `raw_dgemm`: raw `C <- A B` through matrixmultiply, the baseline every
/// product bench compares against. A is `m x k` with strides `(rsa, csa)`, B is `k x n` with
/// strides `(rsb, csb)`, C is contiguous row-major `m x n`.
macro_rules! raw_gemm {
    ($name:ident, $t:ty, $kernel:path) => {
        #[doc = concat!("Raw `C <- A B` through `", stringify!($kernel), "` (see the module docs).")]
        #[allow(clippy::too_many_arguments)]
        pub fn $name(
            m: usize,
            k: usize,
            n: usize,
            a: &[$t],
            rsa: isize,
            csa: isize,
            b: &[$t],
            rsb: isize,
            csb: isize,
            c: &mut [$t],
        ) {
            assert!(
                fits(a.len(), m, k, rsa, csa) && fits(b.len(), k, n, rsb, csb) && c.len() >= m * n
            );
            // SAFETY: the assertion above checks that every index of the m x k matrix A and
            // the k x n matrix B lies inside `a` and `b`, and that the contiguous row-major
            // m x n C fits in `c`, which is borrowed mutably and so aliases neither.
            unsafe {
                $kernel(
                    m,
                    k,
                    n,
                    1.0,
                    a.as_ptr(),
                    rsa,
                    csa,
                    b.as_ptr(),
                    rsb,
                    csb,
                    0.0,
                    c.as_mut_ptr(),
                    n as isize,
                    1,
                )
            }
        }
    };
}

raw_gemm!(raw_sgemm, f32, matrixmultiply::sgemm);
raw_gemm!(raw_dgemm, f64, matrixmultiply::dgemm);
