//! The kernel layer of every matrix product: `C <- alpha A B + beta C` over strided matrices.
//!
//! This module and `linalg/kernels/blocks.rs` (GEMMs on disjoint blocks of one buffer, for the
//! in-place recursive LU and Cholesky) are the only callers of
//! `matrixmultiply::{sgemm, dgemm, cgemm, zgemm}`. It sees sizes and
//! strides, never `Const` or `Dyn`: the typed layer (`ops::matmul`, and later einsum and the
//! blocked factorisations) checks shapes and hands it [`MatRef`] / [`MatMut`] descriptions
//! whose bounds were checked when they were built.
//!
//! - `f32` / `f64`: [`gemm`] passes the operands' real strides to matrixmultiply, so a
//!   transposed or sliced view is multiplied without a copy.
//! - `Complex<f32>` / `Complex<f64>`: the same, through matrixmultiply's complex kernels
//!   (`cgemm`, `zgemm`; its feature `cgemm`).
//! - other element types (integers): a plain triple loop.
//! - small static sizes run on plain loops (a matrixmultiply call costs a fixed 110-230 ns,
//!   more than a whole 8x8 product): [`gemm_small_static`] inlines the tiniest products,
//!   whose sizes are constants at the call site, and sends the others to one kernel per
//!   element type with the sizes at run time (not one per shape: a user's build pays for it
//!   once, issue 14), each with an AVX2+FMA build chosen at run time on x86-64.

use core::any::Any;

use num_complex::Complex;

use crate::scalar::Number;

/// A read-only strided matrix: element `(i, j)` is `data[i * rs + j * cs]`.
///
/// Built by [`MatRef::new`], which checks that every index lands inside `data`; the unsafe
/// calls below rely on that invariant.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MatRef<'a, T> {
    data: &'a [T],
    rows: usize,
    cols: usize,
    rs: usize,
    cs: usize,
}

/// A mutable strided matrix whose indices reach distinct elements (no aliasing), all inside
/// `data`.
#[derive(Debug)]
pub(crate) struct MatMut<'a, T> {
    data: &'a mut [T],
    rows: usize,
    cols: usize,
    rs: usize,
    cs: usize,
}

/// The largest offset a valid index reaches, or `None` for an empty matrix; `Err` on overflow.
#[inline(always)]
fn max_offset(rows: usize, cols: usize, rs: usize, cs: usize) -> Result<Option<usize>, ()> {
    if rows == 0 || cols == 0 {
        return Ok(None);
    }
    let r = (rows - 1).checked_mul(rs).ok_or(())?;
    let c = (cols - 1).checked_mul(cs).ok_or(())?;
    r.checked_add(c).map(Some).ok_or(())
}

/// Whether a layout of these sizes and strides fits in `len` elements.
#[inline(always)]
fn fits(len: usize, rows: usize, cols: usize, rs: usize, cs: usize) -> bool {
    match max_offset(rows, cols, rs, cs) {
        Ok(None) => true,
        Ok(Some(m)) => m < len,
        Err(()) => false,
    }
}

/// Whether distinct indices of a layout reach distinct offsets (a sufficient test: sorted by
/// stride, each stride of an axis longer than 1 must step past everything the shorter strides
/// reach). Empty layouts never alias.
#[inline(always)]
pub(crate) fn is_non_overlapping(dims: &[usize], strides: &[usize]) -> bool {
    // The common case first, cheaply: axes nested in their given order (row-major, rows
    // possibly padded), each stride stepping past everything the later axes reach.
    let mut reach: usize = 0;
    let mut nested = true;
    for (&d, &s) in dims.iter().zip(strides).rev() {
        if d > 1 {
            nested &= s > reach;
            reach = reach.saturating_add((d - 1).saturating_mul(s));
        }
    }
    if nested && reach < usize::MAX {
        return true;
    }
    is_non_overlapping_general(dims, strides)
}

#[cold]
#[inline(never)]
fn is_non_overlapping_general(dims: &[usize], strides: &[usize]) -> bool {
    if dims.contains(&0) {
        return true;
    }
    let mut axes: [(usize, usize); 6] = [(0, 0); 6];
    let mut n = 0;
    for (&d, &s) in dims.iter().zip(strides) {
        if d > 1 {
            if n == axes.len() {
                return false;
            }
            axes[n] = (s, d);
            n += 1;
        }
    }
    let axes = &mut axes[..n];
    axes.sort_unstable();
    let mut reach: usize = 0;
    for &(s, d) in axes.iter() {
        if s <= reach {
            return false;
        }
        match (d - 1).checked_mul(s).and_then(|x| x.checked_add(reach)) {
            Some(r) => reach = r,
            None => return false,
        }
    }
    true
}

/// A stride as matrixmultiply takes it. Strides of axes of length <= 1 are never used to step,
/// so they are normalised to 0 (they may be anything in a view).
#[inline]
fn istride(len: usize, s: usize) -> isize {
    if len <= 1 {
        0
    } else {
        // Checked at construction: (len - 1) * s < data.len() <= isize::MAX.
        s as isize
    }
}

impl<'a, T> MatRef<'a, T> {
    /// The `rows x cols` matrix at the start of `data` with strides `rs`, `cs` (elements).
    ///
    /// # Panics
    /// When an index would reach past the end of `data` (an internal bug of the caller).
    #[inline]
    #[track_caller]
    pub(crate) fn new(data: &'a [T], rows: usize, cols: usize, rs: usize, cs: usize) -> Self {
        assert!(
            fits(data.len(), rows, cols, rs, cs),
            "gemm: a {rows}x{cols} matrix with strides ({rs}, {cs}) does not fit in {} elements",
            data.len()
        );
        MatRef {
            data,
            rows,
            cols,
            rs,
            cs,
        }
    }

    /// The transpose, without copying (for the kernels' callers: einsum, factorisations).
    #[cfg_attr(not(test), allow(dead_code))]
    #[inline]
    pub(crate) fn t(self) -> Self {
        MatRef {
            data: self.data,
            rows: self.cols,
            cols: self.rows,
            rs: self.cs,
            cs: self.rs,
        }
    }

    #[inline(always)]
    fn at(&self, i: usize, j: usize) -> T
    where
        T: Copy,
    {
        self.data[i * self.rs + j * self.cs]
    }

    /// Whether the matrix is contiguous and row-major (`rs == cols`, `cs == 1`).
    #[inline(always)]
    fn is_row_major(&self) -> bool {
        (self.cs == 1 || self.cols <= 1) && (self.rs == self.cols || self.rows <= 1)
    }
}

impl<'a, T> MatMut<'a, T> {
    /// The `rows x cols` matrix at the start of `data`, or `None` when two indices reach the
    /// same element (a caller then writes into a fresh buffer instead).
    ///
    /// # Panics
    /// When an index would reach past the end of `data` (an internal bug of the caller).
    #[inline]
    #[track_caller]
    pub(crate) fn try_new(
        data: &'a mut [T],
        rows: usize,
        cols: usize,
        rs: usize,
        cs: usize,
    ) -> Option<Self> {
        assert!(
            fits(data.len(), rows, cols, rs, cs),
            "gemm: a {rows}x{cols} matrix with strides ({rs}, {cs}) does not fit in {} elements",
            data.len()
        );
        is_non_overlapping(&[rows, cols], &[rs, cs]).then_some(MatMut {
            data,
            rows,
            cols,
            rs,
            cs,
        })
    }

    /// The `rows x cols` matrix at the start of `data`, for a layout that cannot alias: a
    /// fresh buffer, or a block of one with its leading dimension (the factorisations' case).
    ///
    /// # Panics
    /// When an index would reach past the end of `data`, or two indices reach the same
    /// element (internal bugs of the caller).
    #[inline]
    #[track_caller]
    pub(crate) fn new(data: &'a mut [T], rows: usize, cols: usize, rs: usize, cs: usize) -> Self {
        match Self::try_new(data, rows, cols, rs, cs) {
            Some(m) => m,
            None => panic!(
                "gemm: a {rows}x{cols} output with strides ({rs}, {cs}) reaches an element twice"
            ),
        }
    }

    #[inline(always)]
    fn at_mut(&mut self, i: usize, j: usize) -> &mut T {
        &mut self.data[i * self.rs + j * self.cs]
    }

    #[inline(always)]
    fn is_row_major(&self) -> bool {
        (self.cs == 1 || self.cols <= 1) && (self.rs == self.cols || self.rows <= 1)
    }
}

/// `C <- alpha A B + beta C` for `A: m x k`, `B: k x n`, `C: m x n`.
///
/// When `beta` is zero, `C` is not read (NaN in `C` does not propagate), as in BLAS.
/// f32, f64 and their complex numbers go to matrixmultiply with the real strides; other types
/// to a plain loop.
///
/// # Panics
/// When the sizes do not chain (an internal bug of the caller: the typed layer checks them).
#[inline]
pub(crate) fn gemm<T: Number>(
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) {
    assert!(
        a.cols == b.rows && a.rows == c.rows && b.cols == c.cols,
        "gemm: sizes do not chain: ({}x{}) x ({}x{}) -> ({}x{})",
        a.rows,
        a.cols,
        b.rows,
        b.cols,
        c.rows,
        c.cols
    );
    if c.rows == 0 || c.cols == 0 {
        return;
    }
    if try_blas::<T, f32>(alpha, &a, &b, beta, &mut c, matrixmultiply::sgemm)
        || try_blas::<T, f64>(alpha, &a, &b, beta, &mut c, matrixmultiply::dgemm)
        || try_complex_blas::<T, f32>(alpha, &a, &b, beta, &mut c, matrixmultiply::cgemm)
        || try_complex_blas::<T, f64>(alpha, &a, &b, beta, &mut c, matrixmultiply::zgemm)
    {
        return;
    }
    gemm_loop(alpha, a, b, beta, c);
}

/// The signature shared by `matrixmultiply::sgemm` and `dgemm`.
pub(crate) type RawGemm<E> = unsafe fn(
    usize,
    usize,
    usize,
    E,
    *const E,
    isize,
    isize,
    *const E,
    isize,
    isize,
    E,
    *mut E,
    isize,
    isize,
);

/// One call of `sgemm` or `dgemm`, its arguments by name: `C <- alpha A B + beta C` with
/// `A: m x k`, `B: k x n`, element `(i, j)` of `X` at `x + i * rsx + j * csx`.
pub(crate) struct RawCall<E> {
    pub raw: RawGemm<E>,
    pub m: usize,
    pub k: usize,
    pub n: usize,
    pub alpha: E,
    pub a: *const E,
    pub rsa: isize,
    pub csa: isize,
    pub b: *const E,
    pub rsb: isize,
    pub csb: isize,
    pub beta: E,
    pub c: *mut E,
    pub rsc: isize,
    pub csc: isize,
}

// SAFETY: a `RawCall` is a description of a product whose operands its creator lent for the
// duration of `run` (see its contract); the halves `run` hands to rayon's tasks read `A` and
// `B` (shared reads of `E: Sync` data) and write disjoint parts of `C`, and `run` returns only
// once both tasks have finished, so the borrows outlive every use on another thread.
#[cfg(feature = "rayon")]
unsafe impl<E: Sync> Send for RawCall<E> {}

impl<E: Copy + Send + Sync> RawCall<E> {
    /// Runs the product: one call of `raw`, or with the feature `rayon` (and not `threading`,
    /// which gives the products to matrixmultiply's own threads) `C` cut in halves along its
    /// longer side, computed by tasks on rayon's pool, while each task keeps at least
    /// [`crate::parallel::MIN_FLOPS_PER_TASK`] multiply-adds. matrixmultiply blocks the depth
    /// `k` the same way whatever `m` and `n` are, so every element of `C` is the same sum in
    /// the same order as in one call: the results are bit for bit the serial ones.
    ///
    /// # Safety
    /// Every element of `A`, `B` and `C` that the sizes and strides reach lies in an
    /// allocation the caller holds for the call; no two indices of `C` reach the same element
    /// and none reaches an element of `A` or `B`; nothing else reads or writes `C`, nor writes
    /// `A` or `B`, during the call. (When `beta` is zero `C` is not read.)
    #[inline]
    pub(crate) unsafe fn run(self) {
        #[cfg(feature = "rayon")]
        {
            let parts = rayon::current_num_threads();
            if parts > 1 && !cfg!(feature = "threading") {
                // SAFETY: the caller's contract, passed on.
                unsafe { self.run_split(parts) };
                return;
            }
        }
        // SAFETY: the caller's contract is matrixmultiply's.
        unsafe {
            (self.raw)(
                self.m, self.k, self.n, self.alpha, self.a, self.rsa, self.csa, self.b, self.rsb,
                self.csb, self.beta, self.c, self.rsc, self.csc,
            );
        }
    }

    /// [`RawCall::run`] on up to `parts` tasks.
    ///
    /// # Safety
    /// That of [`RawCall::run`].
    #[cfg(feature = "rayon")]
    unsafe fn run_split(self, parts: usize) {
        let work = self.m.saturating_mul(self.k).saturating_mul(self.n);
        let halves = if parts > 1 && work >= 2 * crate::parallel::MIN_FLOPS_PER_TASK {
            self.halves()
        } else {
            None
        };
        let Some((first, second)) = halves else {
            // SAFETY: the caller's contract is matrixmultiply's.
            unsafe {
                (self.raw)(
                    self.m, self.k, self.n, self.alpha, self.a, self.rsa, self.csa, self.b,
                    self.rsb, self.csb, self.beta, self.c, self.rsc, self.csc,
                );
            }
            return;
        };
        let p1 = parts / 2;
        rayon::join(
            // SAFETY: each half's elements are elements of the whole (`halves`), and the two
            // halves of `C` are disjoint, so each task has the whole's contract for its part;
            // `join` returns after both.
            move || unsafe { first.run_split(p1) },
            // SAFETY: as for the first half.
            move || unsafe { second.run_split(parts - p1) },
        );
    }

    /// The product cut in two along the longer side of `C` (columns of `B` and `C`, or rows
    /// of `A` and `C`), at a multiple of 16 so that each half keeps whole register tiles;
    /// `None` when that side has fewer than 32.
    #[cfg(feature = "rayon")]
    fn halves(&self) -> Option<(Self, Self)> {
        let cut = |len: usize| (len >= 32).then_some((len / 2) & !15);
        let mut first = *self;
        let mut second = *self;
        if self.n >= self.m {
            let h = cut(self.n)?;
            first.n = h;
            second.n = self.n - h;
            // In bounds: column `h < n` of `B` and `C` is an element the caller lent.
            second.b = self.b.wrapping_offset(h as isize * self.csb);
            second.c = self.c.wrapping_offset(h as isize * self.csc);
        } else {
            let h = cut(self.m)?;
            first.m = h;
            second.m = self.m - h;
            second.a = self.a.wrapping_offset(h as isize * self.rsa);
            second.c = self.c.wrapping_offset(h as isize * self.rsc);
        }
        Some((first, second))
    }
}

impl<E: Copy> Clone for RawCall<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E: Copy> Copy for RawCall<E> {}

/// Calls `raw` (sgemm or dgemm) when `T` is its element type `E`; returns whether it did.
/// The type test is on `'static` pointer and scalar types through `Any`, so it needs no cast
/// and folds to a constant after monomorphisation.
#[inline(always)]
fn try_blas<T: Number, E: Copy + Send + Sync + 'static>(
    alpha: T,
    a: &MatRef<'_, T>,
    b: &MatRef<'_, T>,
    beta: T,
    c: &mut MatMut<'_, T>,
    raw: RawGemm<E>,
) -> bool {
    let pa: *const T = a.data.as_ptr();
    let pb: *const T = b.data.as_ptr();
    let pc: *mut T = c.data.as_mut_ptr();
    let (Some(&pa), Some(&pb), Some(&pc), Some(&alpha), Some(&beta)) = (
        (&pa as &dyn Any).downcast_ref::<*const E>(),
        (&pb as &dyn Any).downcast_ref::<*const E>(),
        (&pc as &dyn Any).downcast_ref::<*mut E>(),
        (&alpha as &dyn Any).downcast_ref::<E>(),
        (&beta as &dyn Any).downcast_ref::<E>(),
    ) else {
        return false;
    };
    // SAFETY: `a` and `b` were built by `MatRef::new`, which checked that every index
    // `i * rs + j * cs` (i < rows, j < cols) lies inside their slices, so every element
    // matrixmultiply reads is in bounds; the same holds for `c` (built by `MatMut::try_new`),
    // which also checked that no two indices of `c` reach the same element, as matrixmultiply
    // requires. `pc` comes from the `&mut [T]` that `c` holds, borrowed mutably for this call,
    // and `a`, `b` are shared borrows, which cannot alias it, nor can anything else reach the
    // three during the call. The sizes chain (asserted by `gemm`), and strides are below
    // `isize::MAX` since they step inside a slice. When beta is zero matrixmultiply does not
    // read `c`.
    unsafe {
        RawCall {
            raw,
            m: a.rows,
            k: a.cols,
            n: b.cols,
            alpha,
            a: pa,
            rsa: istride(a.rows, a.rs),
            csa: istride(a.cols, a.cs),
            b: pb,
            rsb: istride(b.rows, b.rs),
            csb: istride(b.cols, b.cs),
            beta,
            c: pc,
            rsc: istride(c.rows, c.rs),
            csc: istride(c.cols, c.cs),
        }
        .run();
    }
    true
}

/// The signature shared by `matrixmultiply::cgemm` and `zgemm`, whose complex numbers are
/// `[R; 2]` pairs (re, im).
type RawComplexGemm<R> = unsafe fn(
    matrixmultiply::CGemmOption,
    matrixmultiply::CGemmOption,
    usize,
    usize,
    usize,
    [R; 2],
    *const [R; 2],
    isize,
    isize,
    *const [R; 2],
    isize,
    isize,
    [R; 2],
    *mut [R; 2],
    isize,
    isize,
);

/// Calls `raw` (cgemm or zgemm) when `T` is `Complex<R>`; returns whether it did. The type
/// test is the one of [`try_blas`].
#[inline(always)]
fn try_complex_blas<T: Number, R: Copy + 'static>(
    alpha: T,
    a: &MatRef<'_, T>,
    b: &MatRef<'_, T>,
    beta: T,
    c: &mut MatMut<'_, T>,
    raw: RawComplexGemm<R>,
) -> bool {
    let pa: *const T = a.data.as_ptr();
    let pb: *const T = b.data.as_ptr();
    let pc: *mut T = c.data.as_mut_ptr();
    let (Some(&pa), Some(&pb), Some(&pc), Some(&alpha), Some(&beta)) = (
        (&pa as &dyn Any).downcast_ref::<*const Complex<R>>(),
        (&pb as &dyn Any).downcast_ref::<*const Complex<R>>(),
        (&pc as &dyn Any).downcast_ref::<*mut Complex<R>>(),
        (&alpha as &dyn Any).downcast_ref::<Complex<R>>(),
        (&beta as &dyn Any).downcast_ref::<Complex<R>>(),
    ) else {
        return false;
    };
    let standard = matrixmultiply::CGemmOption::Standard;
    // SAFETY: as in `try_blas`: `a`, `b` (built by `MatRef::new`) and `c` (built by
    // `MatMut::try_new`, no two indices on one element) hold every element their sizes and
    // strides reach, `c` is borrowed mutably for this call and cannot alias the shared `a`,
    // `b`, the sizes chain (asserted by `gemm`) and the strides step inside slices. The
    // pointer casts from `Complex<R>` to `[R; 2]` keep the element size and strides:
    // `num_complex::Complex` is `#[repr(C)]` with fields `re`, `im` of type `R`, which is the
    // layout of `[R; 2]` (re first) that matrixmultiply reads and writes.
    unsafe {
        raw(
            standard,
            standard,
            a.rows,
            a.cols,
            b.cols,
            [alpha.re, alpha.im],
            pa.cast::<[R; 2]>(),
            istride(a.rows, a.rs),
            istride(a.cols, a.cs),
            pb.cast::<[R; 2]>(),
            istride(b.rows, b.rs),
            istride(b.cols, b.cs),
            [beta.re, beta.im],
            pc.cast::<[R; 2]>(),
            istride(c.rows, c.rs),
            istride(c.cols, c.cs),
        );
    }
    true
}

/// The plain loop for element types matrixmultiply does not cover (integers), and for
/// products too small to be worth a call.
fn gemm_loop<T: Number>(
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    for i in 0..m {
        for j in 0..n {
            let mut s = T::ZERO;
            for p in 0..k {
                s += a.at(i, p) * b.at(p, j);
            }
            let dst = c.at_mut(i, j);
            *dst = if beta == T::ZERO {
                alpha * s
            } else {
                alpha * s + beta * *dst
            };
        }
    }
}

/// Products with fewer multiply-adds than this, or with a side shorter than
/// [`LOOP_MIN_SIDE`], run in [`add_product`] on loops: a matrixmultiply call has a fixed cost
/// of about 0.2 us.
const LOOP_MAX_WORK: usize = 4096;
/// See [`LOOP_MAX_WORK`].
const LOOP_MIN_SIDE: usize = 4;

/// `C += A B` for sizes known only at run time (einsum's pairwise steps): small products on
/// loops that follow the strides, the others through [`gemm`]. `c_is_zero` says that `C`
/// holds zeros and this is its only write, so GEMM need not read it.
pub(crate) fn add_product<T: Number>(
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    c: MatMut<'_, T>,
    c_is_zero: bool,
) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    if m == 0 || n == 0 || k == 0 {
        return;
    }
    if m >= LOOP_MIN_SIDE
        && n >= LOOP_MIN_SIDE
        && m.saturating_mul(n).saturating_mul(k) >= LOOP_MAX_WORK
    {
        let beta = if c_is_zero { T::ZERO } else { T::ONE };
        gemm(T::ONE, a, b, beta, c);
    } else {
        add_product_loop(a, b, c);
    }
}

/// `C += A B` on loops, by the layout: dot products when the rows of A and the columns of B
/// are contiguous, row updates when the rows of B and C are, else [`gemm_loop`].
fn add_product_loop<T: Number>(a: MatRef<'_, T>, b: MatRef<'_, T>, mut c: MatMut<'_, T>) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    if a.cs == 1 && b.rs == 1 {
        for i in 0..m {
            let ar = &a.data[i * a.rs..][..k];
            for j in 0..n {
                let bc = &b.data[j * b.cs..][..k];
                let acc = ar.iter().zip(bc).fold(T::ZERO, |s, (&x, &y)| s + x * y);
                *c.at_mut(i, j) += acc;
            }
        }
    } else if b.cs == 1 && c.cs == 1 {
        for i in 0..m {
            let crow = &mut c.data[i * c.rs..][..n];
            for p in 0..k {
                let x = a.at(i, p);
                let brow = &b.data[p * b.rs..][..n];
                for (cv, &bv) in crow.iter_mut().zip(brow) {
                    *cv += x * bv;
                }
            }
        }
    } else {
        gemm_loop(T::ONE, a, b, T::ONE, c);
    }
}

/// The products that run on the small-size loops ([`gemm_small`]) when all three sizes are
/// static: at most this many multiply-adds (m * k * n). Chosen by `benches/gemm.rs` (see
/// BENCHMARKS.md): up to and including 16x16x16 the loops beat a matrixmultiply call (whose
/// fixed cost is 110-230 ns), above it they do not.
pub(crate) const SMALL_MAX_MKN: usize = 16 * 16 * 16;

/// `(m, k, n)` if all three sizes are static and the product is small enough for
/// [`gemm_small`] (and `k > 0`, which the loops assume).
pub(crate) const fn small_mkn(
    m: Option<usize>,
    k: Option<usize>,
    n: Option<usize>,
) -> Option<(usize, usize, usize)> {
    match (m, k, n) {
        (Some(m), Some(k), Some(n)) => match m.checked_mul(k) {
            Some(mk) => match mk.checked_mul(n) {
                Some(mkn) if mkn <= SMALL_MAX_MKN && k > 0 => Some((m, k, n)),
                _ => None,
            },
            None => None,
        },
        _ => None,
    }
}

/// Small static products with at most this many multiply-adds (and a C of at most
/// [`FLAT_MAX`] elements) run inline at the call site, where their sizes are constants and
/// the loop unrolls: a call would cost as much as the product (2x2x2 .. 4x4x4). Larger small
/// products call [`small_kernel`], compiled once per element type rather than once per
/// shape, so that a program with many static shapes builds fast (issue 14,
/// `benches/build_time/run.sh`): `benches/gemm_small.rs` measured the kernel as fast as the
/// per-shape loops it replaced from 8x8x8 on (faster at 8, equal at 16), and about 3x slower on
/// 4x4x4 (a call, a dispatch and a loop over k for 64 multiply-adds), hence this threshold.
const INLINE_MAX_MKN: usize = 64;

/// `C <- A B` for a small product (`k > 0`, see [`small_mkn`]) whose sizes are known at run
/// time, on loops: the contiguous row-major case on [`small_kernel`], any other strides on a
/// plain loop.
///
/// # Panics
/// When the sizes do not chain or `k == 0` (internal bugs of the caller).
#[inline]
pub(crate) fn gemm_small<T: Number>(a: MatRef<'_, T>, b: MatRef<'_, T>, c: MatMut<'_, T>) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    assert!(
        b.rows == k && c.rows == m && c.cols == n && k > 0,
        "gemm_small: sizes do not chain"
    );
    if a.is_row_major() && b.is_row_major() && c.is_row_major() {
        small_kernel(m, k, n, a.data, b.data, c.data);
    } else {
        small_strided(a, b, c);
    }
}

/// [`gemm_small`] for strided operands: one dot product per element of C.
#[inline(never)]
fn small_strided<T: Number>(a: MatRef<'_, T>, b: MatRef<'_, T>, mut c: MatMut<'_, T>) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    for i in 0..m {
        for j in 0..n {
            let mut s = a.at(i, 0) * b.at(0, j);
            for p in 1..k {
                s += a.at(i, p) * b.at(p, j);
            }
            *c.at_mut(i, j) = s;
        }
    }
}

/// The sizes of a small static product as constants of a type, for the tiniest products'
/// inline path ([`gemm_small_static`]).
pub(crate) trait SmallSizes {
    /// `(m, k, n)` when the product is small and static (see [`small_mkn`]).
    const MKN: Option<(usize, usize, usize)>;
    /// Whether the product is small enough to run inline at its call site: C of at most
    /// [`FLAT_MAX`] elements and at most [`INLINE_MAX_MKN`] multiply-adds.
    const TINY: bool = match Self::MKN {
        Some((m, k, n)) => m * n <= FLAT_MAX && m * k * n <= INLINE_MAX_MKN,
        None => false,
    };
}

/// `C <- A B` for contiguous row-major `A: m x k`, `B: k x n`, `C: m x n` (the first
/// `m * k`, `k * n`, `m * n` elements of the slices) with `(m, k, n) = Z::MKN`: inline for
/// the tiniest products (`Z::TINY`: their sizes are constants here and the loop unrolls,
/// with an AVX2 build of it when a row of C fills a 256-bit register), else one
/// out-of-line kernel per element type ([`small_kernel`]). Only the tiniest shapes thus get
/// code of their own. Returns `false`, doing nothing, when `Z` is not a small product.
///
/// `avx2` allows the AVX2 build of a tiny product. Products into an existing buffer
/// (`matmul_into`) take it; a product that makes a new tensor does not: the AVX2 build is a
/// call that cannot be inlined (a `target_feature` function), which keeps the new tensor in
/// memory, and `benches/gemm_chain.rs` measured the inlined baseline build faster there
/// (4 x 4 f64 on a chain: 1.9 -> 1.4 x nalgebra) and the AVX2 build faster into a buffer
/// (1.26 -> 0.87 x).
///
/// # Panics
/// When a slice is shorter than its matrix.
#[inline(always)]
pub(crate) fn gemm_small_static<T: Number, Z: SmallSizes>(
    a: &[T],
    b: &[T],
    c: &mut [T],
    avx2: bool,
) -> bool {
    let Some((m, k, n)) = Z::MKN else {
        return false;
    };
    if Z::TINY {
        let (a, b, c) = (&a[..m * k], &b[..k * n], &mut c[..m * n]);
        #[cfg(target_arch = "x86_64")]
        {
            if avx2 && wants_avx2::<T>(n) {
                // SAFETY: `tiny_avx2` only requires the CPU to support AVX2 and FMA, which
                // `wants_avx2` just detected at run time.
                unsafe { tiny_avx2::<T, Z>(a, b, c) };
                return true;
            }
        }
        small_flat_inline(m, k, n, a, b, c, !avx2);
    } else {
        small_kernel(m, k, n, a, b, c);
    }
    true
}

/// [`small_flat`] compiled for AVX2 and FMA with the constant sizes of a tiny product `Z`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn tiny_avx2<T: Number, Z: SmallSizes>(a: &[T], b: &[T], c: &mut [T]) {
    if let Some((m, k, n)) = Z::MKN {
        small_flat(m, k, n, a, b, c, false);
    }
}

/// [`small_flat`] for the tiniest products: inlined into the caller where optimised
/// (static sizes fold to constants and the loops unroll), and a single out-of-line instance
/// per element type in builds with debug assertions (the dev profile), where inlining does
/// not optimise anything and would only copy the loop into every shape's caller.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline(never))]
fn small_flat_inline<T: Number>(
    m: usize,
    k: usize,
    n: usize,
    a: &[T],
    b: &[T],
    c: &mut [T],
    new_tensor: bool,
) {
    small_flat(m, k, n, a, b, c, new_tensor);
}

/// Whether the CPU supports AVX2 and FMA (detected at run time, cached by the standard
/// library after the first query): the one test before every AVX2 + FMA build of a kernel.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn has_avx2_fma() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

/// Whether the product with `n` columns runs faster on the AVX2 build of [`small_kernel`]: a
/// row of C at least one 256-bit register wide (below that the baseline SSE2 build is as
/// fast), on a CPU with AVX2 and FMA.
#[inline(always)]
fn wants_avx2<T>(n: usize) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        n * core::mem::size_of::<T>() >= 32 && has_avx2_fma()
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = n;
        false
    }
}

/// The out-of-line small-product kernel ([`small_blocks`]): sizes at run time, one instance
/// per element type, and one AVX2+FMA build of it on x86-64, chosen at run time when a row
/// of C is at least one 256-bit register wide (below that the baseline SSE2 build is as
/// fast).
#[inline(never)]
fn small_kernel<T: Number>(m: usize, k: usize, n: usize, a: &[T], b: &[T], c: &mut [T]) {
    let (a, b, c) = (&a[..m * k], &b[..k * n], &mut c[..m * n]);
    #[cfg(target_arch = "x86_64")]
    {
        if wants_avx2::<T>(n) {
            // SAFETY: `small_avx2` only requires the CPU to support AVX2 and FMA, which
            // `wants_avx2` just detected at run time.
            unsafe { small_avx2(m, k, n, a, b, c) };
            return;
        }
    }
    small_blocks(m, k, n, a, b, c);
}

/// [`small_blocks`] compiled for AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn small_avx2<T: Number>(m: usize, k: usize, n: usize, a: &[T], b: &[T], c: &mut [T]) {
    small_blocks(m, k, n, a, b, c);
}

/// `C <- A B` for contiguous row-major operands with sizes at run time: C in column chunks of
/// 8, 4, 2, 1 and, within a chunk, blocks of 4, 2, 1 rows, each block held in an accumulator
/// of constant shape (4 rows give enough independent sums to hide the latency of the
/// additions). Every element of C is `sum_p A[i, p] B[p, j]` in the order of `p`, started
/// from its first term when C has at most [`FLAT_MAX`] elements (as [`small_flat`] does),
/// else from zero (as the per-shape loops this replaced did): results are unchanged.
///
/// Twelve block shapes in all, so the kernel's code does not grow with the sizes it serves:
/// one width per power of two rather than one per width of C, because the one-time cost in
/// a user's build (the first product of each element type) grew to seconds with sixteen.
#[inline(always)]
fn small_blocks<T: Number>(m: usize, k: usize, n: usize, a: &[T], b: &[T], c: &mut [T]) {
    let first = m * n <= FLAT_MAX;
    let mut j0 = 0;
    while j0 + 8 <= n {
        col_chunk::<T, 8>(m, k, n, j0, a, b, c, first);
        j0 += 8;
    }
    if j0 + 4 <= n {
        col_chunk::<T, 4>(m, k, n, j0, a, b, c, first);
        j0 += 4;
    }
    if j0 + 2 <= n {
        col_chunk::<T, 2>(m, k, n, j0, a, b, c, first);
        j0 += 2;
    }
    if j0 < n {
        col_chunk::<T, 1>(m, k, n, j0, a, b, c, first);
    }
}

/// Columns `j0..j0 + W` of C, by blocks of 4, 2, 1 rows; see [`small_blocks`].
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn col_chunk<T: Number, const W: usize>(
    m: usize,
    k: usize,
    n: usize,
    j0: usize,
    a: &[T],
    b: &[T],
    c: &mut [T],
    first: bool,
) {
    let mut i = 0;
    while i + 4 <= m {
        let c4 = &mut c[i * n..(i + 4) * n];
        row_block::<T, W, 4>(k, n, j0, &a[i * k..(i + 4) * k], b, c4, first);
        i += 4;
    }
    if i + 2 <= m {
        let c2 = &mut c[i * n..(i + 2) * n];
        row_block::<T, W, 2>(k, n, j0, &a[i * k..(i + 2) * k], b, c2, first);
        i += 2;
    }
    if i < m {
        let c1 = &mut c[i * n..(i + 1) * n];
        row_block::<T, W, 1>(k, n, j0, &a[i * k..(i + 1) * k], b, c1, first);
    }
}

/// Columns `j0..j0 + W` of `R` rows of C (`c`: those rows, `n` apart) from the same rows of
/// A (`a`: `R x k`) and B (`k x n`); see [`small_blocks`].
#[inline(always)]
fn row_block<T: Number, const W: usize, const R: usize>(
    k: usize,
    n: usize,
    j0: usize,
    a: &[T],
    b: &[T],
    c: &mut [T],
    first: bool,
) {
    let arows: [&[T]; R] = core::array::from_fn(|r| &a[r * k..(r + 1) * k]);
    let mut acc = [[T::ZERO; W]; R];
    let mut p0 = 0;
    if first {
        let b0: &[T; W] = b[j0..j0 + W].try_into().expect("a row of B");
        for (accr, ar) in acc.iter_mut().zip(&arows) {
            for (x, &bj) in accr.iter_mut().zip(b0) {
                *x = ar[0] * bj;
            }
        }
        p0 = 1;
    }
    for p in p0..k {
        let brow: &[T; W] = b[p * n + j0..p * n + j0 + W]
            .try_into()
            .expect("a row of B");
        for (accr, ar) in acc.iter_mut().zip(&arows) {
            let x = ar[p];
            for (y, &bj) in accr.iter_mut().zip(brow) {
                *y += x * bj;
            }
        }
    }
    for (r, accr) in acc.iter().enumerate() {
        c[r * n + j0..r * n + j0 + W].copy_from_slice(accr);
    }
}

/// The largest C (in elements) that [`small_flat`] keeps whole in one accumulator.
const FLAT_MAX: usize = 16;

/// `C <- A B` for the tiniest products (C of at most [`FLAT_MAX`] elements), inlined with
/// constant sizes. Rows of at least four elements that fill a 128-bit register (4 x f32) are
/// formed one at a time, each a sum over p of A's element times B's row p: after unrolling,
/// one broadcast, multiply and add per (row, p) on whole registers. Narrower rows (2 or 3
/// elements) keep all of C in one accumulator instead, a sum over p of the outer products of
/// column p of A and row p of B, which packs several rows into one register.
/// (`benches/gemm_chain.rs` measured both forms on chains of products: the one accumulator
/// spilled at 4 x 4 f32, the rows were slower for 2 x 2 and 3 x 3 f64.) On x86-64, `f32`
/// rows of 4 columns and, for a new tensor (`new_tensor`), the 2 x 2 product go to SSE2
/// intrinsics instead (`gemm_sse.rs`, which says why).
///
/// # Panics
/// When a slice is shorter than its matrix.
#[inline(always)]
fn small_flat<T: Number>(
    m: usize,
    k: usize,
    n: usize,
    a: &[T],
    b: &[T],
    c: &mut [T],
    new_tensor: bool,
) {
    let (a, b, c) = (&a[..m * k], &b[..k * n], &mut c[..m * n]);
    #[cfg(target_arch = "x86_64")]
    if crate::gemm_sse::rows(m, k, n, a, b, c, new_tensor) {
        return;
    }
    if n >= 4 && n * core::mem::size_of::<T>() >= 16 {
        for (ai, ci) in a.chunks_exact(k).zip(c.chunks_exact_mut(n)) {
            let mut row = [T::ZERO; FLAT_MAX];
            let row = &mut row[..n];
            for (r, &bj) in row.iter_mut().zip(&b[..n]) {
                *r = ai[0] * bj;
            }
            for (&aip, bp) in ai[1..].iter().zip(b[n..].chunks_exact(n)) {
                for (r, &bj) in row.iter_mut().zip(bp) {
                    *r += aip * bj;
                }
            }
            ci.copy_from_slice(row);
        }
        return;
    }
    let mut acc = [T::ZERO; FLAT_MAX];
    for i in 0..m {
        for j in 0..n {
            acc[i * n + j] = a[i * k] * b[j];
        }
    }
    for p in 1..k {
        for i in 0..m {
            let aip = a[i * k + p];
            for j in 0..n {
                acc[i * n + j] += aip * b[p * n + j];
            }
        }
    }
    c.copy_from_slice(&acc[..m * n]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random matrix stored with the given strides.
    fn filled(rows: usize, cols: usize, rs: usize, cs: usize, seed: u64) -> Vec<f64> {
        let len = if rows == 0 || cols == 0 {
            0
        } else {
            (rows - 1) * rs + (cols - 1) * cs + 1
        };
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (0..len)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((x >> 40) % 17) as f64 - 8.0
            })
            .collect()
    }

    fn reference(a: &MatRef<'_, f64>, b: &MatRef<'_, f64>) -> Vec<f64> {
        let mut out = vec![0.0; a.rows * b.cols];
        for i in 0..a.rows {
            for j in 0..b.cols {
                out[i * b.cols + j] = (0..a.cols).map(|p| a.at(i, p) * b.at(p, j)).sum();
            }
        }
        out
    }

    /// With the feature `rayon`, a product above the cut runs in halves on a pool of 2 (and 3)
    /// threads: the same bits as one call of matrixmultiply, for rows or columns cut, odd
    /// sizes, a transposed operand and a padded `C`, and the elements of `C` outside the
    /// product (its padding) untouched. (Run under valgrind for the `unsafe` of the halves.)
    #[cfg(feature = "rayon")]
    #[test]
    fn halves_on_the_pool_equal_one_call() {
        for &(m, k, n) in &[
            (129, 130, 131),
            (33, 2000, 40),
            (300, 100, 70),
            (40, 60, 900),
        ] {
            let da = filled(m, k, 1, m + 1, 3); // column-major A, padded
            let db = filled(k, n, n, 1, 4);
            let ldc = n + 5;
            let c0 = filled(m, n, ldc, 1, 5);
            let a = MatRef::new(&da, m, k, 1, m + 1);
            let b = MatRef::new(&db, k, n, n, 1);
            let mut want = c0.clone();
            // SAFETY: the blocks were checked by `MatRef::new` / the sizes of `want`.
            unsafe {
                matrixmultiply::dgemm(
                    m,
                    k,
                    n,
                    1.5,
                    da.as_ptr(),
                    1,
                    (m + 1) as isize,
                    db.as_ptr(),
                    n as isize,
                    1,
                    -0.5,
                    want.as_mut_ptr(),
                    ldc as isize,
                    1,
                );
            }
            for threads in [2, 3] {
                let mut got = c0.clone();
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap()
                    .install(|| gemm(1.5, a, b, -0.5, MatMut::new(&mut got, m, n, ldc, 1)));
                assert_eq!(got, want, "({m}, {k}, {n}) on {threads} threads");
            }
        }
    }

    #[test]
    fn odd_sizes_and_strides_match_the_reference() {
        for &(m, k, n) in &[
            (0, 3, 4),
            (3, 0, 4),
            (3, 4, 0),
            (1, 1, 1),
            (63, 65, 67),
            (67, 63, 65),
            (5, 1, 7),
        ] {
            // row-major A, column-major B, padded C
            let da = filled(m, k, k + 3, 1, 1);
            let db = filled(k, n, 1, k.max(1), 2);
            let a = MatRef::new(&da, m, k, k + 3, 1);
            let b = MatRef::new(&db, k, n, 1, k.max(1));
            let want = reference(&a, &b);
            let mut dc = vec![f64::NAN; m * (n + 2)];
            let c = MatMut::try_new(&mut dc, m, n, n + 2, 1).unwrap();
            gemm(1.0, a, b, 0.0, c);
            for i in 0..m {
                assert_eq!(
                    &dc[i * (n + 2)..i * (n + 2) + n],
                    &want[i * n..(i + 1) * n],
                    "{m}x{k}x{n}"
                );
            }
            // integers take the loop and must agree exactly
            let ia: Vec<i64> = da.iter().map(|&x| x as i64).collect();
            let ib: Vec<i64> = db.iter().map(|&x| x as i64).collect();
            let mut ic = vec![0i64; m * n];
            gemm(
                1,
                MatRef::new(&ia, m, k, k + 3, 1),
                MatRef::new(&ib, k, n, 1, k.max(1)),
                0,
                MatMut::try_new(&mut ic, m, n, n, 1).unwrap(),
            );
            let got: Vec<f64> = ic.iter().map(|&x| x as f64).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn alpha_and_beta_scale_and_accumulate() {
        let da = filled(4, 3, 3, 1, 3);
        let db = filled(3, 5, 5, 1, 4);
        let a = MatRef::new(&da, 4, 3, 3, 1);
        let b = MatRef::new(&db, 3, 5, 5, 1);
        let ab = reference(&a, &b);
        let mut dc: Vec<f64> = (0..20).map(|x| x as f64).collect();
        gemm(
            2.0,
            a,
            b,
            3.0,
            MatMut::try_new(&mut dc, 4, 5, 5, 1).unwrap(),
        );
        for (i, (&got, &p)) in dc.iter().zip(&ab).enumerate() {
            assert_eq!(got, 2.0 * p + 3.0 * i as f64);
        }
        let mut ic: Vec<i32> = (0..20).collect();
        let ia: Vec<i32> = da.iter().map(|&x| x as i32).collect();
        let ib: Vec<i32> = db.iter().map(|&x| x as i32).collect();
        gemm(
            2,
            MatRef::new(&ia, 4, 3, 3, 1),
            MatRef::new(&ib, 3, 5, 5, 1),
            3,
            MatMut::try_new(&mut ic, 4, 5, 5, 1).unwrap(),
        );
        for (i, (&got, &p)) in ic.iter().zip(&ab).enumerate() {
            assert_eq!(got as f64, 2.0 * p + 3.0 * i as f64);
        }
    }

    #[test]
    fn complex_kernels_scale_by_complex_alpha_and_beta_with_any_strides() {
        fn check<R: crate::Float>() {
            let z = |re: f64, im: f64| Complex::new(R::of(re), R::of(im));
            let (alpha, beta) = (z(1.0, -2.0), z(0.5, 1.5));
            for &(m, k, n) in &[(1, 1, 1), (2, 0, 3), (5, 3, 7), (63, 65, 67)] {
                // row-major A with padded rows, column-major B, C with padded rows
                let (ra, rb) = (filled(m, k, k + 3, 1, 7), filled(k, n, 1, k.max(1), 8));
                let (ia, ib) = (filled(m, k, k + 3, 1, 9), filled(k, n, 1, k.max(1), 10));
                let da: Vec<Complex<R>> = ra.iter().zip(&ia).map(|(&x, &y)| z(x, y)).collect();
                let db: Vec<Complex<R>> = rb.iter().zip(&ib).map(|(&x, &y)| z(x, y)).collect();
                let a = MatRef::new(&da, m, k, k + 3, 1);
                let b = MatRef::new(&db, k, n, 1, k.max(1));
                let c0: Vec<Complex<R>> = (0..m * (n + 2))
                    .map(|i| z(i as f64, -(i as f64) / 2.0))
                    .collect();
                let mut dc = c0.clone();
                gemm(
                    alpha,
                    a,
                    b,
                    beta,
                    MatMut::try_new(&mut dc, m, n, n + 2, 1).unwrap(),
                );
                for i in 0..m {
                    for j in 0..n {
                        let ab: Complex<R> = (0..k).map(|p| a.at(i, p) * b.at(p, j)).sum();
                        let want = alpha * ab + beta * c0[i * (n + 2) + j];
                        // small integers and halves: exact in both precisions
                        assert_eq!(dc[i * (n + 2) + j], want, "{m}x{k}x{n} at ({i}, {j})");
                    }
                    // the padding is not written
                    for j in n..n + 2 {
                        assert_eq!(dc[i * (n + 2) + j], c0[i * (n + 2) + j]);
                    }
                }
            }
        }
        check::<f64>();
        check::<f32>();
    }

    #[test]
    fn aliasing_outputs_are_refused_and_overruns_panic() {
        let mut d = vec![0.0f32; 16];
        assert!(MatMut::try_new(&mut d, 4, 4, 0, 1).is_none());
        assert!(MatMut::try_new(&mut d, 4, 4, 1, 1).is_none());
        assert!(MatMut::try_new(&mut d, 4, 4, 1, 4).is_some());
        assert!(MatMut::try_new(&mut d, 1, 4, 0, 1).is_some());
        assert!(is_non_overlapping(&[2, 3, 4], &[12, 4, 1]));
        assert!(!is_non_overlapping(&[2, 3, 4], &[11, 4, 1]));
        assert!(std::panic::catch_unwind(|| MatRef::new(&[0.0f32; 15], 4, 4, 4, 1)).is_err());
    }

    #[test]
    fn the_small_path_matches_the_reference_for_contiguous_and_strided_operands() {
        fn check<const M: usize, const K: usize, const N: usize>() {
            for transposed in [false, true] {
                let da = filled(M, K, K, 1, 5);
                let db = filled(K, N, N, 1, 6);
                let dbt = filled(N, K, K, 1, 6);
                let a = MatRef::new(&da, M, K, K, 1);
                let b = if transposed {
                    MatRef::new(&dbt, N, K, K, 1).t()
                } else {
                    MatRef::new(&db, K, N, N, 1)
                };
                let want = reference(&a, &b);
                let mut dc = vec![f64::NAN; M * N];
                gemm_small::<f64>(a, b, MatMut::try_new(&mut dc, M, N, N, 1).unwrap());
                assert_eq!(dc, want);
                let fa: Vec<f32> = da.iter().map(|&x| x as f32).collect();
                let fb: Vec<f32> = (if transposed { &dbt } else { &db })
                    .iter()
                    .map(|&x| x as f32)
                    .collect();
                let fbm = if transposed {
                    MatRef::new(&fb, N, K, K, 1).t()
                } else {
                    MatRef::new(&fb, K, N, N, 1)
                };
                let mut fc = vec![f32::NAN; M * N];
                gemm_small::<f32>(
                    MatRef::new(&fa, M, K, K, 1),
                    fbm,
                    MatMut::try_new(&mut fc, M, N, N, 1).unwrap(),
                );
                assert_eq!(fc.iter().map(|&x| x as f64).collect::<Vec<_>>(), want);
            }
        }
        check::<1, 1, 1>();
        check::<2, 3, 4>();
        check::<4, 4, 4>();
        check::<8, 8, 8>();
        check::<3, 16, 5>();
        check::<16, 16, 16>();
        check::<2, 16, 8>();
        check::<4, 8, 4>();
        check::<7, 5, 13>();
        assert!(small_mkn(Some(17), Some(16), Some(16)).is_none());
        assert!(small_mkn(Some(4), Some(0), Some(4)).is_none());
    }
}
