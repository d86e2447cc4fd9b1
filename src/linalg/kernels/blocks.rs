//! Products between disjoint blocks of one row-major buffer, without copying them out.
//!
//! The recursive factorisations update one block of a matrix from two others of the same
//! matrix (LU's `A22 -= A21 A12`, Cholesky's `A22 -= L21 L21^T`): blocks that interleave in
//! memory row by row, so that no split of the slice separates them. [`gemm_blocks`] checks
//! that every block lies inside the buffer and that the output shares no element with the
//! inputs, then hands matrixmultiply pointers into the one buffer.

use core::any::Any;
use core::marker::PhantomData;

use crate::gemm::{RawCall, RawGemm};
use crate::scalar::Float;

/// The `rows x cols` block of a row-major matrix whose top-left element is `(r, c)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    /// The first row.
    pub r: usize,
    /// The first column.
    pub c: usize,
    /// The number of rows.
    pub rows: usize,
    /// The number of columns.
    pub cols: usize,
}

impl Block {
    /// The block of `rows x cols` elements from `(r, c)`.
    pub(crate) const fn new(r: usize, c: usize, rows: usize, cols: usize) -> Self {
        Block { r, c, rows, cols }
    }

    /// Whether the block has no element.
    const fn is_empty(&self) -> bool {
        self.rows == 0 || self.cols == 0
    }

    /// Whether the two blocks share an element (as `(row, column)` positions; within a
    /// buffer whose blocks all fit in `ld` columns, that is sharing memory).
    const fn overlaps(&self, o: &Block) -> bool {
        !self.is_empty()
            && !o.is_empty()
            && self.r < o.r + o.rows
            && o.r < self.r + self.rows
            && self.c < o.c + o.cols
            && o.c < self.c + self.cols
    }

    /// Whether every element lies inside a buffer of `len` elements with `ld` columns.
    const fn fits(&self, ld: usize, len: usize) -> bool {
        self.is_empty()
            || (self.c + self.cols <= ld
                && (self.r + self.rows - 1) * ld + self.c + self.cols <= len)
    }

    /// The sizes of the block, or of its transpose with `t`.
    const fn dims(&self, t: bool) -> (usize, usize) {
        if t {
            (self.cols, self.rows)
        } else {
            (self.rows, self.cols)
        }
    }

    /// The (row, column) strides of the block, or of its transpose with `t`.
    const fn strides(&self, ld: usize, t: bool) -> (isize, isize) {
        // Below isize::MAX: the block fits in a slice.
        if t {
            (1, ld as isize)
        } else {
            (ld as isize, 1)
        }
    }
}

/// `C <- alpha op(A) op(B) + beta C` for blocks `a`, `b`, `c` of the row-major matrix `buf`
/// (leading dimension `ld`), `op(X)` being `X^T` when its flag is set: `op(A)` is `m x k`,
/// `op(B)` is `k x n`, `C` is `m x n`. `A` and `B` may overlap each other but not `C`. When
/// `beta` is zero `C` is not read.
///
/// # Panics
/// When the sizes do not chain, a block does not fit in `buf`, or `C` overlaps `A` or `B`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn gemm_blocks<T: Float>(
    buf: &mut [T],
    ld: usize,
    alpha: T,
    a: Block,
    ta: bool,
    b: Block,
    tb: bool,
    beta: T,
    c: Block,
) {
    // SAFETY: the buffer is borrowed exclusively for this call, and this call is the only
    // user of the `Shared` made from it.
    unsafe { Shared::new(buf).gemm(ld, alpha, a, ta, b, tb, beta, c) }
}

/// A row-major buffer lent to several tasks at once: the tasks of one step of a
/// factorisation, each updating its own blocks from blocks that no task writes meanwhile
/// (Cholesky's `A22 -= L21 L21^T` by rows: the rows of `L21` and of `A22` interleave in
/// memory, so no split of the slice gives each task its part). It holds the buffer's pointer
/// and length for the lifetime of the exclusive borrow it was made from; every access is
/// `unsafe`, the caller answering for what the other tasks do meanwhile.
pub(crate) struct Shared<'a, T> {
    base: *mut T,
    len: usize,
    borrow: PhantomData<&'a mut [T]>,
}

impl<T> Clone for Shared<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Shared<'_, T> {}

// SAFETY: a `Shared` stands for a `&mut [T]` handed out to several tasks; what each may do
// with it is the contract of its `unsafe` methods (no element written by one task is touched
// by another meanwhile), under which sending it to another thread is sending `&mut` access to
// the elements that thread writes (`T: Send`) and `&` access to those it reads (`T: Sync`).
unsafe impl<T: Send + Sync> Send for Shared<'_, T> {}
// SAFETY: as for `Send`: sharing a `Shared` gives no access beyond its `unsafe` methods'.
unsafe impl<T: Send + Sync> Sync for Shared<'_, T> {}

impl<'a, T: Float> Shared<'a, T> {
    /// The buffer `buf`, lent for as long as the `Shared` (and its copies) live.
    pub(crate) fn new(buf: &'a mut [T]) -> Self {
        Shared {
            base: buf.as_mut_ptr(),
            len: buf.len(),
            borrow: PhantomData,
        }
    }

    /// The number of elements of the buffer.
    pub(crate) fn len(self) -> usize {
        self.len
    }

    /// The buffer's first element, for the kernels that take pointers.
    pub(crate) fn base(self) -> *mut T {
        self.base
    }

    /// [`gemm_blocks`] on this buffer.
    ///
    /// # Safety
    /// No other user of the buffer (another copy of this `Shared`, on any thread) reads or
    /// writes an element of `c`, nor writes an element of `a` or `b`, during the call.
    ///
    /// # Panics
    /// As [`gemm_blocks`].
    #[allow(clippy::too_many_arguments)]
    pub(crate) unsafe fn gemm(
        self,
        ld: usize,
        alpha: T,
        a: Block,
        ta: bool,
        b: Block,
        tb: bool,
        beta: T,
        c: Block,
    ) {
        let (m, k) = a.dims(ta);
        let (k2, n) = b.dims(tb);
        assert!(
            k == k2 && (m, n) == (c.rows, c.cols),
            "gemm_blocks: sizes do not chain"
        );
        check_blocks("gemm_blocks", self.len, ld, &a, &b, &c);
        if c.is_empty() {
            return;
        }
        // SAFETY: (all three calls) the blocks were checked to lie inside the buffer and `C`
        // to share no element with `A` or `B`; the caller vouches that no other task touches
        // `C` or writes `A` and `B` meanwhile.
        unsafe {
            if k == 0 {
                // matrixmultiply scales C by beta here too; the loop below does the same.
                gemm_loop(self.base, ld, alpha, a, ta, b, tb, beta, c);
                return;
            }
            if !try_raw::<T, f64>(
                self.base,
                ld,
                alpha,
                a,
                ta,
                b,
                tb,
                beta,
                c,
                matrixmultiply::dgemm,
            ) && !try_raw::<T, f32>(
                self.base,
                ld,
                alpha,
                a,
                ta,
                b,
                tb,
                beta,
                c,
                matrixmultiply::sgemm,
            ) {
                gemm_loop(self.base, ld, alpha, a, ta, b, tb, beta, c);
            }
        }
    }

    /// The elements `from..to` of the buffer, exclusively.
    ///
    /// # Safety
    /// No other user of the buffer (nor another slice from this one) reads or writes any of
    /// them while the slice lives.
    ///
    /// # Panics
    /// When `from > to` or `to` is past the buffer.
    pub(crate) unsafe fn slice_mut(self, from: usize, to: usize) -> &'a mut [T] {
        assert!(
            from <= to && to <= self.len,
            "Shared::slice_mut: out of the buffer"
        );
        // SAFETY: `from..to` lies inside the buffer, borrowed exclusively for `'a`; the caller
        // vouches that nothing else touches those elements while the slice lives.
        unsafe { core::slice::from_raw_parts_mut(self.base.add(from), to - from) }
    }
}

/// Asserts, for `op`, that the blocks `a`, `b`, `c` lie inside a row-major buffer of `len`
/// elements with `ld` columns and that the output `c` shares no element with `a` or `b`: what
/// the kernels that take pointers into the one buffer (this module's and `small_gemm.rs`'s)
/// rely on.
///
/// # Panics
/// When a block does not fit or `c` overlaps an input.
pub(crate) fn check_blocks(op: &str, len: usize, ld: usize, a: &Block, b: &Block, c: &Block) {
    assert!(
        a.fits(ld, len) && b.fits(ld, len) && c.fits(ld, len),
        "{op}: a block does not fit in the buffer"
    );
    assert!(
        !c.overlaps(a) && !c.overlaps(b),
        "{op}: the output block overlaps an input"
    );
}

/// The buffer's base pointer `base` and the two scalars as `E`, when `T` is `E` (a test through
/// `Any` that folds to a constant after monomorphisation); `None` otherwise.
#[inline(always)]
pub(crate) fn as_elem<T: Float, E: Copy + 'static>(
    base: *mut T,
    alpha: T,
    beta: T,
) -> Option<(*mut E, E, E)> {
    let (Some(&base), Some(&alpha), Some(&beta)) = (
        (&base as &dyn Any).downcast_ref::<*mut E>(),
        (&alpha as &dyn Any).downcast_ref::<E>(),
        (&beta as &dyn Any).downcast_ref::<E>(),
    ) else {
        return None;
    };
    Some((base, alpha, beta))
}

/// Calls `raw` when `T` is its element type `E` (a test that folds to a constant); returns
/// whether it did.
///
/// # Safety
/// The blocks lie inside the buffer at `base` and `c` shares no element with `a` or `b`
/// (checked by [`Shared::gemm`]); nothing else touches `c` or writes `a`, `b` meanwhile.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
unsafe fn try_raw<T: Float, E: Copy + Send + Sync + 'static>(
    base: *mut T,
    ld: usize,
    alpha: T,
    a: Block,
    ta: bool,
    b: Block,
    tb: bool,
    beta: T,
    c: Block,
    raw: RawGemm<E>,
) -> bool {
    let Some((base, alpha, beta)) = as_elem::<T, E>(base, alpha, beta) else {
        return false;
    };
    let (m, k) = a.dims(ta);
    let n = c.cols;
    let (rsa, csa) = a.strides(ld, ta);
    let (rsb, csb) = b.strides(ld, tb);
    let (rsc, csc) = c.strides(ld, false);
    // SAFETY: `Shared::gemm` checked that every element of the three non-empty blocks,
    // `(r + i) * ld + c + j` for `i < rows`, `j < cols`, lies inside the buffer, so the
    // offsets of the block origins are in bounds and every element matrixmultiply reaches
    // through the strides is too. `C` shares no `(row, column)` position with `A` or `B`, and
    // with every column below `ld` distinct positions are distinct elements: the elements
    // written are never read as inputs, and no two indices of `C` meet (strides `ld` and 1,
    // `cols <= ld`). Our caller vouches that nothing else touches `C` or writes `A` and `B`
    // meanwhile.
    unsafe {
        let pa = base.add(a.r * ld + a.c).cast_const();
        let pb = base.add(b.r * ld + b.c).cast_const();
        let pc = base.add(c.r * ld + c.c);
        RawCall {
            raw,
            m,
            k,
            n,
            alpha,
            a: pa,
            rsa,
            csa,
            b: pb,
            rsb,
            csb,
            beta,
            c: pc,
            rsc,
            csc,
        }
        .run();
    }
    true
}

/// The plain loop of [`gemm_blocks`] for element types matrixmultiply does not cover, and for
/// an empty inner dimension.
///
/// # Safety
/// As [`try_raw`].
#[allow(clippy::too_many_arguments)]
unsafe fn gemm_loop<T: Float>(
    base: *mut T,
    ld: usize,
    alpha: T,
    a: Block,
    ta: bool,
    b: Block,
    tb: bool,
    beta: T,
    c: Block,
) {
    let at = |i: usize, p: usize| {
        if ta {
            (a.r + p) * ld + a.c + i
        } else {
            (a.r + i) * ld + a.c + p
        }
    };
    let bt = |p: usize, j: usize| {
        if tb {
            (b.r + j) * ld + b.c + p
        } else {
            (b.r + p) * ld + b.c + j
        }
    };
    let k = a.dims(ta).1;
    for i in 0..c.rows {
        for j in 0..c.cols {
            // SAFETY: `(i, p)` of `A`, `(p, j)` of `B` and `(i, j)` of `C` are elements of
            // the blocks, inside the buffer; `C`'s is none of the others' (this function's
            // contract), and no reference to it is held across the reads.
            unsafe {
                let s = (0..k).fold(T::ZERO, |s, p| {
                    s + *base.add(at(i, p)) * *base.add(bt(p, j))
                });
                let x = base.add((c.r + i) * ld + c.c + j);
                *x = if beta == T::ZERO {
                    alpha * s
                } else {
                    alpha * s + beta * *x
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `C <- alpha op(A) op(B) + beta C` by the definition, on a copy.
    #[allow(clippy::too_many_arguments)]
    fn reference(
        buf: &[f64],
        ld: usize,
        alpha: f64,
        a: Block,
        ta: bool,
        b: Block,
        tb: bool,
        beta: f64,
        c: Block,
    ) -> Vec<f64> {
        let mut out = buf.to_vec();
        let get = |x: Block, t: bool, i: usize, j: usize| {
            if t {
                buf[(x.r + j) * ld + x.c + i]
            } else {
                buf[(x.r + i) * ld + x.c + j]
            }
        };
        let k = a.dims(ta).1;
        for i in 0..c.rows {
            for j in 0..c.cols {
                let s: f64 = (0..k).map(|p| get(a, ta, i, p) * get(b, tb, p, j)).sum();
                let x = &mut out[(c.r + i) * ld + c.c + j];
                *x = alpha * s + beta * *x;
            }
        }
        out
    }

    #[test]
    fn blocks_of_one_buffer_match_the_definition() {
        let (rows, ld) = (70, 67);
        let buf: Vec<f64> = (0..rows * ld)
            .map(|k| ((k * 37 % 101) as f64 - 50.0) / 50.0)
            .collect();
        // (A, ta, B, tb, C): interleaved blocks, transposes, odd sizes, empty ones, A = B.
        let cases = [
            (
                Block::new(33, 0, 37, 33),
                false,
                Block::new(0, 33, 33, 34),
                false,
                Block::new(33, 33, 37, 34),
            ),
            (
                Block::new(3, 0, 64, 3),
                false,
                Block::new(3, 0, 64, 3),
                true,
                Block::new(3, 3, 64, 64),
            ),
            (
                Block::new(0, 0, 1, 1),
                false,
                Block::new(0, 0, 1, 1),
                false,
                Block::new(1, 1, 1, 1),
            ),
            (
                Block::new(10, 0, 5, 0),
                false,
                Block::new(0, 0, 0, 7),
                false,
                Block::new(10, 1, 5, 7),
            ),
            (
                Block::new(10, 0, 0, 4),
                false,
                Block::new(0, 0, 4, 7),
                false,
                Block::new(10, 1, 0, 7),
            ),
            (
                Block::new(40, 2, 9, 30),
                true,
                Block::new(0, 40, 9, 27),
                false,
                Block::new(1, 0, 30, 27),
            ),
        ];
        for (a, ta, b, tb, c) in cases {
            for (alpha, beta) in [(-1.0, 1.0), (2.0, 0.0), (0.5, -3.0)] {
                let want = reference(&buf, ld, alpha, a, ta, b, tb, beta, c);
                let mut got = buf.clone();
                gemm_blocks(&mut got, ld, alpha, a, ta, b, tb, beta, c);
                let d = got
                    .iter()
                    .zip(&want)
                    .fold(0f64, |m, (x, y)| m.max((x - y).abs()));
                assert!(d < 1e-12, "{a:?} {ta} {b:?} {tb} -> {c:?}: {d}");
                let mut loop_got = buf.clone();
                // SAFETY: the cases' blocks lie inside the buffer and no `C` overlaps its
                // inputs (`gemm_blocks` above checked the same blocks); nothing else uses it.
                unsafe { gemm_loop(loop_got.as_mut_ptr(), ld, alpha, a, ta, b, tb, beta, c) };
                let d = loop_got
                    .iter()
                    .zip(&want)
                    .fold(0f64, |m, (x, y)| m.max((x - y).abs()));
                assert!(d < 1e-12, "loop: {a:?} {ta} {b:?} {tb} -> {c:?}: {d}");
            }
        }
    }

    /// With the feature `rayon`, a product of blocks above the cut runs in halves on a pool of
    /// 2 threads: the same bits as on 1, over the whole buffer (interleaved blocks
    /// as the recursive LU and Cholesky make them; run under valgrind for the halves).
    #[cfg(feature = "rayon")]
    #[test]
    fn halves_on_the_pool_equal_one_task() {
        let (rows, ld) = (301, 290);
        let buf: Vec<f64> = (0..rows * ld)
            .map(|i| ((i * 7919) % 23) as f64 - 11.0)
            .collect();
        // A22 -= L21 U12 (rows split) and X2 -= X1 L21^T (columns split).
        let cases = [
            (
                Block::new(140, 0, 161, 130),
                false,
                Block::new(0, 140, 130, 150),
                false,
                Block::new(140, 140, 161, 150),
            ),
            (
                Block::new(0, 0, 150, 131),
                false,
                Block::new(150, 0, 151, 131),
                true,
                Block::new(0, 131, 150, 151),
            ),
        ];
        for (a, ta, b, tb, c) in cases {
            let run = |threads: usize| {
                let mut x = buf.clone();
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap()
                    .install(|| gemm_blocks(&mut x, ld, -1.0, a, ta, b, tb, 1.0, c));
                x
            };
            let (one, two) = (run(1), run(2));
            assert_eq!(one, two);
            assert_ne!(one, buf);
        }
    }

    #[test]
    #[should_panic(expected = "overlaps")]
    fn an_output_over_an_input_is_refused() {
        let mut buf = vec![0.0f64; 16];
        let blk = Block::new(0, 0, 2, 2);
        gemm_blocks(
            &mut buf,
            4,
            1.0,
            blk,
            false,
            Block::new(2, 2, 2, 2),
            false,
            0.0,
            Block::new(1, 1, 2, 2),
        );
    }

    #[test]
    #[should_panic(expected = "does not fit")]
    fn a_block_past_the_buffer_is_refused() {
        let mut buf = vec![0.0f64; 16];
        let blk = Block::new(0, 3, 2, 2);
        gemm_blocks(
            &mut buf,
            4,
            1.0,
            blk,
            false,
            Block::new(2, 0, 2, 2),
            false,
            0.0,
            Block::new(2, 2, 2, 2),
        );
    }
}
