//! Data parallelism (feature `rayon`): the sizes above which a loop is split into tasks on
//! rayon's pool, and the helpers that split it.
//!
//! The helpers that callers use in both builds (`sum_slice`, `sum_middle_axis`, `sum_lanes`,
//! `update`, `try_for_each_member`, `try_map_indices`) compile without the feature to the
//! serial loop the library ran before; the others exist only with it, behind a
//! `#[cfg(feature = "rayon")]` at their one call site. The default build does not link rayon.
//!
//! Two rules keep the parallel results equal to the serial ones:
//! - Elementwise work (and each output element of a sum along an axis, each member of a
//!   batch, each row of a sparse product) is split into tasks of whole elements, members or
//!   rows, each computed by the serial kernel: the results are bit for bit the serial ones,
//!   whatever the number of threads.
//! - A sum over more than [`SUM_CHUNK`] contiguous elements is a sum of the partial sums of
//!   fixed chunks of [`SUM_CHUNK`] elements, added in order. The chunking depends on the
//!   length only, never on the thread count or the feature: the result is the same on a pool
//!   of 1 thread as on 2 or 64, and the same as the default build's.
//!
//! The thresholds were measured with `benches/parallel.rs` on the development machine (2
//! cores, shared with other builds at the time: see BENCHMARKS.md, "Parallel loops"): a task
//! must hold enough work to pay for its scheduling, a few microseconds.

#[cfg(feature = "rayon")]
use rayon::prelude::*;

use crate::ops::kernels;
use crate::scalar::{Float, Number};

/// Elements per task of an elementwise loop, and the least number of elements (twice this)
/// that is split at all. Measured with benches/parallel.rs (group `threshold_add_f64`: the
/// chunked `a + b` over f64 slices, the cheapest elementwise loop, in one task on 1 thread and
/// in two on 2) on the development machine under load (BENCHMARKS.md, "Parallel loops"): in
/// the less loaded of two runs, two tasks beat one from 2 x 2^14 elements (1.18 x) and
/// 2 x 2^15 (1.21 x), not at 2 x 2^13 or below; 2^15 a task keeps a factor of two above that
/// crossover. (The other run, with no core free, showed no gain at any size.)
#[cfg_attr(not(feature = "rayon"), allow(dead_code))]
pub(crate) const MIN_ELEMS_PER_TASK: usize = 1 << 15;

/// The fixed chunk of a parallel sum: a contiguous sum over more elements adds the partial
/// sums of chunks of this many elements in order, whatever the thread count. It is also the
/// sum's task size (a sum reads one operand where `a + b` reads two and writes one, so the
/// same size is on the safe side of [`MIN_ELEMS_PER_TASK`]'s measurement).
pub(crate) const SUM_CHUNK: usize = 1 << 15;

/// Multiply-adds per task of a batched product or of the members of a stacked
/// factorisation, and the least (twice this) that is split at all. Measured with
/// benches/parallel.rs (group `threshold_matmul`) under load: at 2^16 a task, batched matmul
/// of 64 members of 16^3 ran 1.33 x slower on 2 threads than on 1 (each small GEMM packs its
/// operands, and a task must cover that); 2^20 (about 0.3 ms of GEMM) leaves the small
/// stacks serial and splits 8 x 64^3 and larger.
#[cfg_attr(not(feature = "rayon"), allow(dead_code))]
pub(crate) const MIN_FLOPS_PER_TASK: usize = 1 << 20;

/// Stored entries (plus rows) per task of a sparse product by row blocks. Under load, group
/// `threshold_csr` of benches/parallel.rs showed neither gain nor loss at 2 threads for
/// 72 000 units (8000 x 8000, density 1e-3): the value follows the elementwise measurement
/// (an entry costs a gathered load and a multiply-add, about an element of `a + b`), halved
/// so that the 10000 x 10000 matrix of density 1e-3 makes 7 tasks; to confirm on a quiet
/// machine.
#[cfg_attr(not(feature = "rayon"), allow(dead_code))]
pub(crate) const MIN_NNZ_PER_TASK: usize = 1 << 14;

/// Whether `work` units are split into tasks of `per_task` units: at least two tasks, on a
/// pool of more than one thread. Used only where splitting leaves the result unchanged.
#[cfg(feature = "rayon")]
#[inline]
pub(crate) fn splits(work: usize, per_task: usize) -> bool {
    work >= 2 * per_task && rayon::current_num_threads() > 1
}

/// `out[i] = f(a[i], b[i])`, in tasks of [`MIN_ELEMS_PER_TASK`] elements.
#[cfg(feature = "rayon")]
pub(crate) fn zip_into<A: Copy + Sync, B: Copy + Sync, C: Send>(
    a: &[A],
    b: &[B],
    out: &mut [C],
    f: impl Fn(A, B) -> C + Sync + Send,
) {
    let serial = |a: &[A], b: &[B], out: &mut [C]| {
        for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
            *o = f(x, y);
        }
    };
    #[cfg(feature = "rayon")]
    if splits(out.len(), MIN_ELEMS_PER_TASK) {
        let c = MIN_ELEMS_PER_TASK;
        out.par_chunks_mut(c)
            .zip(a.par_chunks(c))
            .zip(b.par_chunks(c))
            .for_each(|((o, a), b)| serial(a, b, o));
        return;
    }
    serial(a, b, out);
}

/// `out[i] = f(x[i])`, in tasks of [`MIN_ELEMS_PER_TASK`] elements.
#[cfg(feature = "rayon")]
pub(crate) fn map_into<A: Copy + Sync, C: Send>(
    x: &[A],
    out: &mut [C],
    f: impl Fn(A) -> C + Sync + Send,
) {
    let serial = |x: &[A], out: &mut [C]| {
        for (o, &v) in out.iter_mut().zip(x) {
            *o = f(v);
        }
    };
    #[cfg(feature = "rayon")]
    if splits(out.len(), MIN_ELEMS_PER_TASK) {
        let c = MIN_ELEMS_PER_TASK;
        out.par_chunks_mut(c)
            .zip(x.par_chunks(c))
            .for_each(|(o, x)| serial(x, o));
        return;
    }
    serial(x, out);
}

/// The number of tasks a kernel may cut its work into: the threads of rayon's pool with the
/// feature, 1 without (the kernels then run their serial loops).
#[inline]
pub(crate) fn threads() -> usize {
    #[cfg(feature = "rayon")]
    return rayon::current_num_threads();
    #[cfg(not(feature = "rayon"))]
    1
}

/// `(a(), b())`: on rayon's pool with the feature (`rayon::join`), one after the other
/// without. For kernels whose two halves of work are independent and whose results do not
/// depend on which of the two ways ran them.
#[inline]
pub(crate) fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(feature = "rayon")]
    return rayon::join(a, b);
    #[cfg(not(feature = "rayon"))]
    (a(), b())
}

/// [`join`] when `split` (and the pool has more than one thread), else `(a(), b())` on this
/// thread: for work that pays for a task only above a size the caller knows.
#[inline]
pub(crate) fn join_when<A: Send, B: Send>(
    split: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if split && threads() > 1 {
        join(a, b)
    } else {
        (a(), b())
    }
}

/// `f()`, run on one of rayon's threads (feature `rayon`, a pool of more than one thread, a
/// caller outside the pool and `order` from [`ON_POOL_ORDER`] up), else right here.
///
/// For the factorisations, whose GEMMs and recursions [`join`] their halves many times a
/// call: a `join` from outside the pool hands both halves to the pool and puts the caller to
/// sleep until they are done. From a thread of the pool it pushes the second half where the
/// other thread steals it, and runs the second half itself when no thread did: one hand-over
/// a factorisation instead of one a product. On the development machine (2 cores, order
/// 1024, 2 threads, `benches/linalg_threads.rs`' child, two runs each): LU solve 22.0 ms
/// against 24.8-27.7 ms without this, SVD 398-402 ms against 424-431 ms.
#[inline]
pub(crate) fn on_pool<R: Send>(order: usize, f: impl FnOnce() -> R + Send) -> R {
    #[cfg(feature = "rayon")]
    if order >= ON_POOL_ORDER
        && rayon::current_thread_index().is_none()
        && rayon::current_num_threads() > 1
    {
        let mut out = None;
        rayon::scope(|_| out = Some(f()));
        return out.expect("the scope ran its body");
    }
    let _ = order;
    f()
}

/// The least matrix order whose factorisation [`on_pool`] moves onto rayon's pool: the first
/// order whose GEMMs reach [`MIN_FLOPS_PER_TASK`] twice over (128^3 = 2^21 multiply-adds).
pub(crate) const ON_POOL_ORDER: usize = 128;

/// `f(&mut x[i])` for every element, in tasks of [`MIN_ELEMS_PER_TASK`] elements.
pub(crate) fn update<A: Send>(x: &mut [A], f: impl Fn(&mut A) + Sync + Send) {
    #[cfg(feature = "rayon")]
    if splits(x.len(), MIN_ELEMS_PER_TASK) {
        x.par_chunks_mut(MIN_ELEMS_PER_TASK)
            .for_each(|c| c.iter_mut().for_each(&f));
        return;
    }
    x.iter_mut().for_each(f);
}

/// `f(&mut a[i], b[i])` for every element, in tasks of [`MIN_ELEMS_PER_TASK`] elements.
#[cfg(feature = "rayon")]
pub(crate) fn zip_update<A: Send, B: Copy + Sync>(
    a: &mut [A],
    b: &[B],
    f: impl Fn(&mut A, B) + Sync + Send,
) {
    let serial = |a: &mut [A], b: &[B]| {
        for (x, &y) in a.iter_mut().zip(b) {
            f(x, y);
        }
    };
    #[cfg(feature = "rayon")]
    if splits(a.len(), MIN_ELEMS_PER_TASK) {
        let c = MIN_ELEMS_PER_TASK;
        a.par_chunks_mut(c)
            .zip(b.par_chunks(c))
            .for_each(|(a, b)| serial(a, b));
        return;
    }
    serial(a, b);
}

/// Calls `f(&mut out[k], offsets)` for the `k`-th multi-index of `dims` in row-major order,
/// with its offsets in `K` strided layouts of those sizes (as `kernels::for_each_offsets`):
/// `out` is the contiguous row-major output. Split along the first axis of size above 1 into
/// blocks of whole rows of about [`MIN_ELEMS_PER_TASK`] elements; serial for small sizes.
#[cfg(feature = "rayon")]
pub(crate) fn for_each_offsets_into<const K: usize, U: Send>(
    dims: &[usize],
    strides: [&[usize]; K],
    out: &mut [U],
    f: impl Fn(&mut U, [usize; K]) + Sync + Send,
) {
    #[cfg(feature = "rayon")]
    if splits(out.len(), MIN_ELEMS_PER_TASK) {
        // Leading axes of size 1 add nothing to the offsets: split along the first other axis.
        let lead = dims.iter().take_while(|&&d| d == 1).count();
        let (dims, strides) = (&dims[lead..], strides.map(|s| &s[lead..]));
        let rest: usize = dims[1..].iter().product();
        let rows = MIN_ELEMS_PER_TASK.div_ceil(rest).max(1);
        out.par_chunks_mut(rows * rest)
            .enumerate()
            .for_each(|(t, o)| {
                let first = t * rows;
                let mut sub = dims.to_vec();
                sub[0] = o.len() / rest;
                let base: [usize; K] = core::array::from_fn(|k| first * strides[k][0]);
                let mut slots = o.iter_mut();
                kernels::for_each_offsets(&sub, strides, |off| {
                    let off: [usize; K] = core::array::from_fn(|k| base[k] + off[k]);
                    if let Some(slot) = slots.next() {
                        f(slot, off);
                    }
                });
            });
        return;
    }
    let mut slots = out.iter_mut();
    kernels::for_each_offsets(dims, strides, |off| {
        if let Some(slot) = slots.next() {
            f(slot, off);
        }
    });
}

/// The sum of a slice: more than [`SUM_CHUNK`] elements are summed as the partial sums of
/// fixed chunks (each by `kernels::sum_slice`), added in order, with or without the feature.
/// The result depends on the length only: the same on a pool of 1 thread as on 64, and the
/// same as the default build's (the chunks run in parallel with the feature).
pub(crate) fn sum_slice<T: Number>(x: &[T]) -> T {
    if x.len() <= SUM_CHUNK {
        return kernels::sum_slice(x);
    }
    #[cfg(feature = "rayon")]
    let partials: Vec<T> = x.par_chunks(SUM_CHUNK).map(kernels::sum_slice).collect();
    #[cfg(not(feature = "rayon"))]
    let partials: Vec<T> = x.chunks(SUM_CHUNK).map(kernels::sum_slice).collect();
    kernels::sum_slice(&partials)
}

/// The largest magnitude of a slice, or `None` when an element is not finite (as
/// `kernels::finite_amax`): with the feature `rayon`, over chunks of [`MIN_ELEMS_PER_TASK`]
/// elements as tasks. A maximum is exact, so the result is the same on any number of threads.
pub(crate) fn finite_amax<T: Float>(x: &[T]) -> Option<T> {
    #[cfg(feature = "rayon")]
    if splits(x.len(), MIN_ELEMS_PER_TASK) {
        return x
            .par_chunks(MIN_ELEMS_PER_TASK)
            .map(kernels::finite_amax)
            .try_reduce(|| T::ZERO, |a, b| Some(a.max(b)));
    }
    kernels::finite_amax(x)
}

/// `kernels::sum_middle_axis` (a contiguous (outer, len, inner) block summed over its middle
/// axis into (outer, inner)), split into blocks of outer indices, or of columns when there
/// is one outer index; each output element is summed in the serial order.
pub(crate) fn sum_middle_axis<T: Number>(
    x: &[T],
    outer: usize,
    len: usize,
    inner: usize,
    out: &mut [T],
) {
    #[cfg(feature = "rayon")]
    if inner > 0 && splits(x.len(), MIN_ELEMS_PER_TASK) {
        if outer >= 2 {
            let per = (len * inner).max(1);
            let k = MIN_ELEMS_PER_TASK.div_ceil(per).max(1);
            out.par_chunks_mut(k * inner)
                .zip(x.par_chunks(k * len * inner))
                .for_each(|(o, x)| kernels::sum_middle_axis(x, o.len() / inner, len, inner, o));
        } else {
            let w = MIN_ELEMS_PER_TASK.div_ceil(len.max(1)).max(8);
            out.par_chunks_mut(w).enumerate().for_each(|(t, acc)| {
                let (c0, c1) = (t * w, t * w + acc.len());
                acc.fill(T::ZERO);
                for row in x.chunks_exact(inner) {
                    for (a, &v) in acc.iter_mut().zip(&row[c0..c1]) {
                        *a += v;
                    }
                }
            });
        }
        return;
    }
    kernels::sum_middle_axis(x, outer, len, inner, out);
}

/// The sum of each contiguous lane of `len` elements of `x` into `out` (one slot per lane),
/// each by [`sum_slice`]; lanes split into tasks of about [`MIN_ELEMS_PER_TASK`] elements.
pub(crate) fn sum_lanes<T: Number>(x: &[T], len: usize, out: &mut [T]) {
    debug_assert!(len > 0);
    #[cfg(feature = "rayon")]
    if out.len() >= 2 && splits(x.len(), MIN_ELEMS_PER_TASK) {
        out.par_iter_mut()
            .zip(x.par_chunks_exact(len))
            .with_min_len(MIN_ELEMS_PER_TASK.div_ceil(len))
            .for_each(|(o, l)| *o = sum_slice(l));
        return;
    }
    for (o, l) in out.iter_mut().zip(x.chunks_exact(len)) {
        *o = sum_slice(l);
    }
}

/// `f(i, chunk_i)` for the consecutive chunks of `per` elements of `out` (the last may be
/// shorter), each chunk costing about `work_each` units, split into tasks of at least
/// `per_task` units. The unit of a batch of products or factorisations is a multiply-add
/// ([`MIN_FLOPS_PER_TASK`]).
#[cfg(feature = "rayon")]
pub(crate) fn for_each_chunk<U: Send>(
    out: &mut [U],
    per: usize,
    work_each: usize,
    per_task: usize,
    f: impl Fn(usize, &mut [U]) + Sync + Send,
) {
    let per = per.max(1);
    if splits(out.len().div_ceil(per).saturating_mul(work_each), per_task) {
        out.par_chunks_mut(per)
            .enumerate()
            .with_min_len(per_task.div_ceil(work_each.max(1)))
            .for_each(|(i, c)| f(i, c));
        return;
    }
    for (i, c) in out.chunks_mut(per).enumerate() {
        f(i, c);
    }
}

/// `f(&mut workspace, i, chunk_i)` for the first `count` chunks of `per` elements of `out`,
/// one member of a stack each costing about `work_each` multiply-adds; `init` makes one
/// workspace per task (one in all when serial). Returns the error of the first failing
/// member in member order, as the serial loop does (the parallel loop runs every member).
#[cfg_attr(not(feature = "rayon"), allow(unused_variables))]
pub(crate) fn try_for_each_member<U: Send, W, E: Send>(
    out: &mut [U],
    per: usize,
    count: usize,
    work_each: usize,
    init: impl Fn() -> W + Sync + Send,
    f: impl Fn(&mut W, usize, &mut [U]) -> Result<(), E> + Sync + Send,
) -> Result<(), E> {
    let per = per.max(1);
    #[cfg(feature = "rayon")]
    if splits(count.saturating_mul(work_each), MIN_FLOPS_PER_TASK) {
        let first_error = out
            .par_chunks_mut(per)
            .take(count)
            .enumerate()
            .with_min_len(MIN_FLOPS_PER_TASK.div_ceil(work_each.max(1)))
            .map_init(init, |w, (i, c)| f(w, i, c).err().map(|e| (i, e)))
            .flatten()
            .min_by_key(|(i, _)| *i);
        return match first_error {
            Some((_, e)) => Err(e),
            None => Ok(()),
        };
    }
    let mut w = init();
    for (i, c) in out.chunks_mut(per).take(count).enumerate() {
        f(&mut w, i, c)?;
    }
    Ok(())
}

/// `Ok([f(0), f(1), ..., f(count - 1)])`, or the error of the first member (in member order)
/// that fails, each call costing about `work_each` multiply-adds: in parallel when the total
/// is large (every member then runs), serially otherwise (stopping at the first error).
#[cfg_attr(not(feature = "rayon"), allow(unused_variables))]
pub(crate) fn try_map_indices<R: Send, E: Send>(
    count: usize,
    work_each: usize,
    f: impl Fn(usize) -> Result<R, E> + Sync + Send,
) -> Result<Vec<R>, E> {
    #[cfg(feature = "rayon")]
    if splits(count.saturating_mul(work_each), MIN_FLOPS_PER_TASK) {
        let all: Vec<Result<R, E>> = (0..count)
            .into_par_iter()
            .with_min_len(MIN_FLOPS_PER_TASK.div_ceil(work_each.max(1)))
            .map(f)
            .collect();
        return all.into_iter().collect();
    }
    (0..count).map(f).collect()
}
