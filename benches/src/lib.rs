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

/// `n` deterministic values in [-1, 1) (xorshift from `seed`): the inputs every bench
/// fills its operands with, so that two benches of one size see the same numbers.
pub fn fill(n: usize, seed: u64) -> Vec<f64> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}

/// [`fill`] rounded to f32.
pub fn fill_f32(n: usize, seed: u64) -> Vec<f32> {
    fill(n, seed).into_iter().map(|v| v as f32).collect()
}
