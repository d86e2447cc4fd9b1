//! The tiniest `f32` products whose rows of C fill whole 128-bit registers (4 columns), written
//! with x86-64's baseline SSE2 intrinsics (no run-time detection: every x86-64 CPU has them).
//!
//! Why intrinsics: in a row-major `C = A B`, row i of C is `sum_p A[i, p] B[p, :]`, and each
//! `A[i, p]` is broadcast to a whole register. Written in plain Rust, LLVM loads every
//! `A[i, p]` on its own (`movss` + `shufps`); when A is the product just stored (a chain
//! `x <- x B`, the common case of a loop over a buffer), those narrow loads wait on the wide
//! stores of the previous product. Here each row of A is loaded whole and broadcast from the
//! register: `benches/gemm_chain.rs` measured 4 x 4 `f32` into a buffer from 1.73 to
//! about 0.9 x nalgebra (`x B`, AMD EPYC; the allocating `matmul` from 2.04 to 0.87 x). The sums run over p in order, as the plain
//! path's do, so the results are the same bits.

use core::any::Any;
use core::arch::x86_64::{
    __m128, _mm_add_ps, _mm_loadu_ps, _mm_mul_ps, _mm_shuffle_ps, _mm_storeu_ps,
};

/// `C <- A B` for contiguous row-major `A: m x k`, `B: k x n`, `C: m x n` (exactly the
/// slices' lengths) when the element type is `f32` with `n = 4` and `k` a positive multiple
/// of 4, or, for a product that makes a new tensor (`new_tensor`), 2 x 2 by 2 x 2; returns
/// `false`, doing nothing, otherwise. The type test is on `'static` pointer types through
/// `Any` (as `gemm`'s), and folds away where inlined.
///
/// The 2 x 2 product in one register is for new tensors only: on chains of products
/// (`benches/gemm_chain.rs`, AMD EPYC) it took the allocating `matmul` from 1.88 to 1.04 x
/// nalgebra but `matmul_into` from 1.09 to 1.40 x, where the plain loop's code keeps more
/// of the chain in registers. The same for `f64` (each row of C one register) measured 1.64
/// -> 1.85 x on the `x B` chain: not taken.
#[inline(always)]
pub(crate) fn rows<T: 'static>(
    m: usize,
    k: usize,
    n: usize,
    a: &[T],
    b: &[T],
    c: &mut [T],
    new_tensor: bool,
) -> bool {
    assert!(a.len() == m * k && b.len() == k * n && c.len() == m * n);
    let (pa, pb, pc) = (a.as_ptr(), b.as_ptr(), c.as_mut_ptr());
    if let (Some(&pa), Some(&pb), Some(&pc)) = (
        (&pa as &dyn Any).downcast_ref::<*const f32>(),
        (&pb as &dyn Any).downcast_ref::<*const f32>(),
        (&pc as &dyn Any).downcast_ref::<*mut f32>(),
    ) {
        if new_tensor && m == 2 && k == 2 && n == 2 {
            // SAFETY: the three pointers come from slices of exactly 4 `f32` each (asserted
            // above); `c` is a `&mut` slice, so it overlaps neither `a` nor `b`.
            unsafe { two_by_two(pa, pb, pc) };
            return true;
        }
        if n != 4 || k == 0 || !k.is_multiple_of(4) {
            return false;
        }
        // SAFETY: the three pointers come from slices of exactly m k, k 4 and m 4 `f32`
        // (asserted above), which is what `rows_f32` reads and writes; `c` is a `&mut`
        // slice, so it overlaps neither `a` nor `b`.
        unsafe { rows_f32(m, k, pa, pb, pc) };
        return true;
    }
    false
}

/// [`rows`] for `f32`, `n = 4`: row i of C is one register, `A[i, 4q..4q + 4]` one load.
///
/// # Safety
/// `a`, `b` must be valid for reads of `m k` and `4 k` `f32`, `c` for writes of `4 m`, with
/// `c` overlapping neither; `k` a multiple of 4. (SSE2, which the attribute names so that the
/// intrinsics are safe to call, is part of every x86-64 target: the function inlines into
/// its baseline callers.)
#[inline]
#[target_feature(enable = "sse2")]
unsafe fn rows_f32(m: usize, k: usize, a: *const f32, b: *const f32, c: *mut f32) {
    for i in 0..m {
        let mut acc: Option<__m128> = None;
        for q in 0..k / 4 {
            // SAFETY: i k + 4 q + 3 < m k (the caller's bound on `a`).
            let v = unsafe { _mm_loadu_ps(a.add(i * k + 4 * q)) };
            let lanes = [
                _mm_shuffle_ps::<0x00>(v, v),
                _mm_shuffle_ps::<0x55>(v, v),
                _mm_shuffle_ps::<0xaa>(v, v),
                _mm_shuffle_ps::<0xff>(v, v),
            ];
            for (l, x) in lanes.into_iter().enumerate() {
                // SAFETY: row 4 q + l < k of B, 4 `f32` from (4 q + l) 4: inside `4 k`.
                let t = _mm_mul_ps(x, unsafe { _mm_loadu_ps(b.add((4 * q + l) * 4)) });
                acc = Some(acc.map_or(t, |s| _mm_add_ps(s, t)));
            }
        }
        if let Some(s) = acc {
            // SAFETY: row i < m of C, 4 `f32` from 4 i: inside `4 m`.
            unsafe { _mm_storeu_ps(c.add(4 * i), s) };
        }
    }
}

/// [`rows`] for the 2 x 2 by 2 x 2 `f32` product, all of it in one register: with
/// `A = [a00 a01 a10 a11]` and `B = [b00 b01 b10 b11]`,
/// `C = [a00 a00 a10 a10] [b00 b01 b00 b01] + [a01 a01 a11 a11] [b10 b11 b10 b11]`.
///
/// # Safety
/// `a`, `b` must be valid for reads of 4 `f32`, `c` for writes of 4, overlapping neither.
#[inline]
#[target_feature(enable = "sse2")]
unsafe fn two_by_two(a: *const f32, b: *const f32, c: *mut f32) {
    // SAFETY: 4 `f32` readable at `a` and at `b` (the caller's bound).
    let (va, vb) = unsafe { (_mm_loadu_ps(a), _mm_loadu_ps(b)) };
    let t0 = _mm_mul_ps(
        _mm_shuffle_ps::<0b10_10_00_00>(va, va),
        _mm_shuffle_ps::<0b01_00_01_00>(vb, vb),
    );
    let t1 = _mm_mul_ps(
        _mm_shuffle_ps::<0b11_11_01_01>(va, va),
        _mm_shuffle_ps::<0b11_10_11_10>(vb, vb),
    );
    // SAFETY: 4 `f32` writable at `c` (the caller's bound).
    unsafe { _mm_storeu_ps(c, _mm_add_ps(t0, t1)) };
}
