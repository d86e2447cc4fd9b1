//! Matrix products: [`matmul`] (with numpy's batch broadcasting on rank 3), [`matvec`],
//! [`outer`], their `try_` and `_into` forms, and the same as methods of [`Tensor`],
//! [`TensorView`] and [`TensorViewMut`].
//!
//! This is the typed layer: it checks shapes (statically through [`MatMulShape`] and
//! [`MatVecShape`], whose impls relate the inner dims by [`InnerDim`] and the batch dims by
//! [`Broadcast`]; at run time where a `Dyn` is involved), allocates, and hands strided
//! matrices to `crate::gemm`. Operands are never copied: a transposed view is multiplied
//! through its strides.

use crate::dim::{AnyDim, Broadcast, InnerDim, broadcast_size};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::gemm::{self, MatMut, MatRef, SmallSizes};
#[cfg(feature = "rayon")]
use crate::parallel;
use crate::scalar::Number;
use crate::shape::{Shape, fmt_dims};
use crate::tensor::{AsView, AsViewMut, Data, Tensor, TensorView, TensorViewMut};

/// Two shapes that multiply, and the shape of their product: numpy's `matmul` rules for
/// ranks 2 and 3.
///
/// - `(M, K) x (K, N) -> (M, N)`;
/// - `(B, M, K) x (B, K, N) -> (B, M, N)`, the batch dims broadcast (a [`One`](crate::One)
///   batch stretches; a `Dyn` batch of size 1 stretches at run time);
/// - `(M, K) x (B, K, N) -> (B, M, N)` and `(B, M, K) x (K, N) -> (B, M, N)`: the 2-D operand
///   is used for every batch.
///
/// The inner dims are related by [`InnerDim`], so `Const` and `Dyn` mix: a static mismatch
/// does not compile, a `Dyn` one is found at run time.
///
/// ```
/// use shaped::{Const, Dyn, MatMulShape};
/// type Out = <(Dyn, Const<3>) as MatMulShape<(Const<3>, Const<5>)>>::Out;
/// let _: Out = (Dyn(7), Const::<5>);
/// ```
#[diagnostic::on_unimplemented(
    message = "matmul shape mismatch: cannot multiply `{Self}` by `{Rhs}`",
    label = "the columns of this operand must equal the rows of `{Rhs}`, and batch dims must broadcast",
    note = "matmul takes (M, K) x (K, N) -> (M, N) and (B, M, K) x (B, K, N) -> (B, M, N), or a 2-D operand against a 3-D one; both K must be the same dimension, and only `One` batch dims stretch",
    note = "use `Dyn` dims to check sizes at run time instead (`try_matmul` returns the error)",
    note = "a generic dim `B: Dim` equals only itself: check the other operand's size at run time with `try_into_shape::<(B, ..)>()`, or bound `B: InnerDim<K>` to meet another `K`"
)]
pub trait MatMulShape<Rhs: Shape>: Shape {
    /// The shape of the product.
    type Out: Shape;
    /// `(m, k, n)` when the matrix sizes are all static and small enough for the constant
    /// loops (an implementation detail of the small-size path).
    #[doc(hidden)]
    const SMALL_MKN: Option<(usize, usize, usize)>;
}

/// A matrix shape and a vector shape that multiply: `(M, N) x (N,) -> (M,)`.
///
/// ```
/// use shaped::{Const, Dyn, MatVecShape};
/// type Out = <(Const<2>, Dyn) as MatVecShape<(Const<4>,)>>::Out;
/// let _: Out = (Const::<2>,);
/// ```
#[diagnostic::on_unimplemented(
    message = "matvec shape mismatch: cannot multiply a matrix of shape `{Self}` by a vector of shape `{Rhs}`",
    label = "the columns of this matrix must equal the length of `{Rhs}`",
    note = "matvec takes (M, N) x (N,) -> (M,): both N must be the same dimension",
    note = "use `Dyn` dims to check sizes at run time instead (`try_matvec` returns the error)"
)]
pub trait MatVecShape<Rhs: Shape>: Shape {
    /// The shape of the product.
    type Out: Shape;
    /// `(m, n, 1)` when the sizes are static and small (an implementation detail).
    #[doc(hidden)]
    const SMALL_MKN: Option<(usize, usize, usize)>;
}

/// Two vector shapes whose outer product is a matrix: `(M,) x (N,) -> (M, N)`.
///
/// ```
/// use shaped::{Const, Dyn, OuterShape};
/// type Out = <(Const<2>,) as OuterShape<(Dyn,)>>::Out;
/// let _: Out = (Const::<2>, Dyn(3));
/// ```
#[diagnostic::on_unimplemented(
    message = "outer product of `{Self}` and `{Rhs}`: both operands must be vectors",
    label = "`outer` takes (M,) x (N,) -> (M, N)"
)]
pub trait OuterShape<Rhs: Shape>: Shape {
    /// The shape of the product.
    type Out: Shape;
}

const fn small3<M: AnyDim, K: AnyDim, N: AnyDim>() -> Option<(usize, usize, usize)> {
    gemm::small_mkn(M::STATIC, K::STATIC, N::STATIC)
}

// One impl per rank pair: (2, 2), (3, 3), (2, 3), (3, 2). They never overlap (the ranks
// differ), and each relates the inner dims by `InnerDim` and the batch dims by `Broadcast`.
#[diagnostic::do_not_recommend]
impl<M: AnyDim, K: InnerDim<K2>, K2: AnyDim, N: AnyDim> MatMulShape<(K2, N)> for (M, K) {
    type Out = (M, N);
    const SMALL_MKN: Option<(usize, usize, usize)> = small3::<M, K::Out, N>();
}

#[diagnostic::do_not_recommend]
impl<B: Broadcast<B2>, B2: AnyDim, M: AnyDim, K: InnerDim<K2>, K2: AnyDim, N: AnyDim>
    MatMulShape<(B2, K2, N)> for (B, M, K)
{
    type Out = (B::Out, M, N);
    const SMALL_MKN: Option<(usize, usize, usize)> = small3::<M, K::Out, N>();
}

#[diagnostic::do_not_recommend]
impl<M: AnyDim, K: InnerDim<K2>, B2: AnyDim, K2: AnyDim, N: AnyDim> MatMulShape<(B2, K2, N)>
    for (M, K)
{
    type Out = (B2, M, N);
    const SMALL_MKN: Option<(usize, usize, usize)> = small3::<M, K::Out, N>();
}

#[diagnostic::do_not_recommend]
impl<B: AnyDim, M: AnyDim, K: InnerDim<K2>, K2: AnyDim, N: AnyDim> MatMulShape<(K2, N)>
    for (B, M, K)
{
    type Out = (B, M, N);
    const SMALL_MKN: Option<(usize, usize, usize)> = small3::<M, K::Out, N>();
}

#[diagnostic::do_not_recommend]
impl<M: AnyDim, N: InnerDim<N2>, N2: AnyDim> MatVecShape<(N2,)> for (M, N) {
    type Out = (M,);
    const SMALL_MKN: Option<(usize, usize, usize)> =
        gemm::small_mkn(M::STATIC, <N::Out as AnyDim>::STATIC, Some(1));
}

#[diagnostic::do_not_recommend]
impl<M: AnyDim, N: AnyDim> OuterShape<(N,)> for (M,) {
    type Out = (M, N);
}

/// The small-size constants of a 2-D product, as a type for `gemm::gemm_small_static`.
struct Small<S1, S2>(core::marker::PhantomData<(S1, S2)>);

impl<S1: MatMulShape<S2>, S2: Shape> SmallSizes for Small<S1, S2> {
    const MKN: Option<(usize, usize, usize)> = S1::SMALL_MKN;
}

/// A product's sizes found at run time, and where each batch starts.
#[derive(Clone, Copy, Debug)]
struct Plan {
    batch: usize,
    m: usize,
    k: usize,
    n: usize,
    /// Batch steps of A, B, C (0 for an operand used by every batch).
    a_step: usize,
    b_step: usize,
    c_step: usize,
    /// (row, col) strides of one matrix of A, B, C.
    a_rc: (usize, usize),
    b_rc: (usize, usize),
    c_rc: (usize, usize),
}

/// The batch of an operand: `(size, stride)`, absent for a matrix.
type Batch = Option<(usize, usize)>;

/// Splits sizes and strides of a rank-1, 2 or 3 operand into (batch, rows, cols, (row stride,
/// col stride)).
#[inline]
fn split(dims: &[usize], strides: &[usize]) -> (Batch, usize, usize, (usize, usize)) {
    if dims.len() == 3 {
        (
            Some((dims[0], strides[0])),
            dims[1],
            dims[2],
            (strides[1], strides[2]),
        )
    } else if dims.len() == 1 {
        // a vector is a one-column matrix
        (None, dims[0], 1, (strides[0], 1))
    } else {
        (None, dims[0], dims[1], (strides[0], strides[1]))
    }
}

/// The sizes of `a x b` and the product's sizes, or the error that names both shapes. Not
/// generic: compiled once, in this crate, rather than for every shape of a user's program.
fn plan(
    op: &'static str,
    ad: &[usize],
    asd: &[usize],
    bd: &[usize],
    bsd: &[usize],
) -> Result<Plan, ShapeError> {
    let (ab, m, ka, a_rc) = split(ad, asd);
    let (bb, kb, n, b_rc) = split(bd, bsd);
    if ka != kb {
        return Err(inner_error(op, ad, bd));
    }
    let batch = match (ab, bb) {
        (Some((x, _)), Some((y, _))) => match broadcast_size(x, y) {
            Some(b) => b,
            None => return Err(batch_error(op, ad, bd)),
        },
        (Some((x, _)), None) => x,
        (None, Some((y, _))) => y,
        (None, None) => 1,
    };
    // An operand whose batch dim is 1 (or absent) is used for every batch: step 0.
    let step = |b: Batch| match b {
        Some((x, s)) if x == batch && x > 1 => s,
        _ => 0,
    };
    Ok(Plan {
        batch,
        m,
        k: ka,
        n,
        a_step: step(ab),
        b_step: step(bb),
        c_step: 0,
        a_rc,
        b_rc,
        c_rc: (0, 0),
    })
}

#[cold]
#[inline(never)]
fn inner_error(op: &'static str, ad: &[usize], bd: &[usize]) -> ShapeError {
    let (ka, kb) = (
        ad[ad.len() - 1],
        if bd.len() == 1 {
            bd[0]
        } else {
            bd[bd.len() - 2]
        },
    );
    ShapeError::pair(
        op,
        ad,
        bd,
        format!(
            "lhs {} has {ka} columns but rhs {} has {kb} rows",
            fmt_dims(ad),
            fmt_dims(bd)
        ),
    )
}

#[cold]
#[inline(never)]
fn batch_error(op: &'static str, ad: &[usize], bd: &[usize]) -> ShapeError {
    ShapeError::pair(
        op,
        ad,
        bd,
        format!(
            "the batch dims of lhs {} and rhs {} differ ({} vs {}) and neither is 1",
            fmt_dims(ad),
            fmt_dims(bd),
            ad[0],
            bd[0]
        ),
    )
}

/// The product's sizes for an output of rank `rank` (1, 2 or 3).
fn out_dims(p: &Plan, rank: usize) -> ([usize; 3], usize) {
    match rank {
        1 => ([p.m, 0, 0], 1),
        2 => ([p.m, p.n, 0], 2),
        3 => ([p.batch, p.m, p.n], 3),
        _ => unreachable!("matmul outputs have rank 1, 2 or 3"),
    }
}

/// The product's shape as its type, or an error when the type cannot hold the sizes (a
/// `Const<1>` batch dim against a `Dyn` of another size: only `One` stretches).
#[inline]
fn out_shape<O: Shape>(
    op: &'static str,
    p: &Plan,
    ad: &[usize],
    bd: &[usize],
) -> Result<O, ShapeError> {
    let (d, r) = out_dims(p, O::RANK);
    match O::try_from_dims(&d[..r]) {
        Some(o) => Ok(o),
        None => Err(out_type_error(op, ad, bd, &d[..r], &O::static_dims())),
    }
}

#[cold]
#[inline(never)]
fn out_type_error(
    op: &'static str,
    ad: &[usize],
    bd: &[usize],
    out: &[usize],
    want: &[Option<usize>],
) -> ShapeError {
    ShapeError::pair(
        op,
        ad,
        bd,
        format!(
            "lhs {} and rhs {} give a product of shape {}, which the output type {} cannot hold (only `One` batch dims stretch)",
            fmt_dims(ad),
            fmt_dims(bd),
            fmt_dims(out),
            fmt_static(want)
        ),
    )
}

fn fmt_static(d: &[Option<usize>]) -> String {
    let parts: Vec<String> = d
        .iter()
        .map(|x| x.map_or_else(|| "_".to_string(), |n| n.to_string()))
        .collect();
    format!("({})", parts.join(", "))
}

/// The (row, col) strides and batch step of the output view.
fn with_out(mut p: Plan, cd: &[usize], cs: &[usize]) -> Plan {
    let (cb, _, _, c_rc) = split(cd, cs);
    p.c_rc = c_rc;
    p.c_step = cb.map_or(0, |(_, s)| s);
    p
}

/// Runs a planned product into `c` (which must not alias itself), batch by batch, on the
/// small-size loops when `small` (the sizes are static and small: `SMALL_MKN`), else
/// through `gemm::gemm`. Generic over the element type only, so that it is compiled once per
/// element type however many shapes a program multiplies.
#[inline(never)]
fn execute<T: Number>(p: &Plan, small: bool, a: &[T], b: &[T], c: &mut [T]) {
    #[cfg(feature = "rayon")]
    if execute_members_in_parallel(p, small, a, b, c) {
        return;
    }
    for bi in 0..p.batch {
        let off = (bi * p.c_step).min(c.len());
        member_product(p, small, a, b, bi, &mut c[off..]);
    }
}

/// Member `bi` of the batch: `C_bi = A_bi B_bi`, `c` starting at `C_bi`'s first element.
#[inline]
fn member_product<T: Number>(p: &Plan, small: bool, a: &[T], b: &[T], bi: usize, c: &mut [T]) {
    let am = MatRef::new(
        a.get(bi * p.a_step..).unwrap_or(&[]),
        p.m,
        p.k,
        p.a_rc.0,
        p.a_rc.1,
    );
    let bm = MatRef::new(
        b.get(bi * p.b_step..).unwrap_or(&[]),
        p.k,
        p.n,
        p.b_rc.0,
        p.b_rc.1,
    );
    let cm = MatMut::try_new(c, p.m, p.n, p.c_rc.0, p.c_rc.1)
        .expect("the output was checked not to alias");
    if small {
        gemm::gemm_small(am, bm, cm);
    } else {
        gemm::gemm(T::ONE, am, bm, T::ZERO, cm);
    }
}

/// [`execute`] with the members of the batch split into tasks on rayon's pool, each member's
/// product on one thread (feature `rayon`): when there are at least two members, the
/// product holds at least twice `parallel::MIN_FLOPS_PER_TASK` multiply-adds, and each
/// member of the output lies within its own batch step (so that the output splits into
/// disjoint slices). Returns `false`, having done nothing, otherwise. The members are the
/// serial ones: the same kernel on the same operands.
#[cfg(feature = "rayon")]
fn execute_members_in_parallel<T: Number>(
    p: &Plan,
    small: bool,
    a: &[T],
    b: &[T],
    c: &mut [T],
) -> bool {
    let work = p.m.saturating_mul(p.k).saturating_mul(p.n);
    if p.batch < 2
        || p.m == 0
        || p.n == 0
        || !parallel::splits(work.saturating_mul(p.batch), parallel::MIN_FLOPS_PER_TASK)
    {
        return false;
    }
    // The elements one member of C spans from its first.
    let span = (p.m - 1) * p.c_rc.0 + (p.n - 1) * p.c_rc.1 + 1;
    let used = (p.batch - 1) * p.c_step + span;
    if span > p.c_step || used > c.len() {
        return false;
    }
    parallel::for_each_chunk(
        &mut c[..used],
        p.c_step,
        work,
        parallel::MIN_FLOPS_PER_TASK,
        |bi, cm| member_product(p, small, a, b, bi, cm),
    );
    true
}

/// Multiplies into a view whose shape type is `O`, checked against the plan's sizes. Generic
/// over the element type and the output shape only; the work is in [`execute`].
fn product_into<T: Number, O: Shape>(
    op: &'static str,
    small: bool,
    p: Plan,
    (ad, a): (&[usize], &[T]),
    (bd, b): (&[usize], &[T]),
    out: &mut TensorViewMut<'_, T, O>,
) -> Result<(), ShapeError> {
    let want: O = out_shape(op, &p, ad, bd)?;
    if want.dims() != out.dims() {
        return Err(out_error(
            op,
            out.dims().as_ref(),
            ad,
            bd,
            want.dims().as_ref(),
        ));
    }
    if !gemm::is_non_overlapping(out.dims().as_ref(), out.strides().as_ref()) {
        // An output view whose indices alias (a stride of 0): compute into a fresh buffer and
        // write it through the view, which is what element-by-element assignment would do.
        let mut tmp = Tensor::<T, O>::zeros_with(want);
        let mut tv = tmp.view_mut();
        let p = with_out(p, tv.dims().as_ref(), tv.strides().as_ref());
        execute::<T>(&p, small, a, b, tv.raw_data_mut());
        out.assign(&tmp);
        return Ok(());
    }
    let p = with_out(p, out.dims().as_ref(), out.strides().as_ref());
    execute::<T>(&p, small, a, b, out.raw_data_mut());
    Ok(())
}

#[cold]
#[inline(never)]
fn out_error(
    op: &'static str,
    out: &[usize],
    ad: &[usize],
    bd: &[usize],
    want: &[usize],
) -> ShapeError {
    ShapeError::pair(
        op,
        out,
        want,
        format!(
            "out has shape {} but the product of lhs {} and rhs {} has shape {}",
            fmt_dims(out),
            fmt_dims(ad),
            fmt_dims(bd),
            fmt_dims(want)
        ),
    )
}

/// One operand of a product as the kernels see it: sizes, strides, data.
type Raw<'a, 'b, T> = (&'b [usize], &'b [usize], &'a [T]);

/// The fast path of small static 2-D products on contiguous operands: no plan, no overlap
/// test; every test here folds to a constant for static shapes, and the product itself is
/// inlined only for the tiniest sizes (`gemm::gemm_small_static`). Returns `false` (doing
/// nothing) when it does not apply, or when a `Dyn` inner dim disagrees (the general path
/// then reports the error).
#[inline(always)]
fn small_2d<T: Number, Z: SmallSizes>(
    (ad, asd, a): Raw<'_, '_, T>,
    (bd, bsd, b): Raw<'_, '_, T>,
    (od, osd, c): (&[usize], &[usize], &mut [T]),
    avx2: bool,
) -> bool {
    let Some((m, k, n)) = Z::MKN else {
        return false;
    };
    let row_major =
        |d: &[usize], s: &[usize], rows: usize, cols: usize| d == [rows, cols] && s == [cols, 1];
    if !(row_major(ad, asd, m, k) && row_major(bd, bsd, k, n) && row_major(od, osd, m, n)) {
        return false;
    }
    gemm::gemm_small_static::<T, Z>(a, b, c, avx2)
}

/// A new tensor holding the product. Generic over the element type and the output shape
/// only; the work is in [`execute`].
fn product_new<T: Number, O: Shape>(
    op: &'static str,
    small: bool,
    p: Plan,
    (ad, a): (&[usize], &[T]),
    (bd, b): (&[usize], &[T]),
) -> Result<Tensor<T, O>, ShapeError> {
    let shape: O = out_shape(op, &p, ad, bd)?;
    let mut out = Tensor::<T, O>::zeros_with(shape);
    let mut ov = out.view_mut();
    let p = with_out(p, ov.dims().as_ref(), ov.strides().as_ref());
    execute::<T>(&p, small, a, b, ov.raw_data_mut());
    Ok(out)
}

/// The matrix product `a @ b` (numpy's `matmul`): `(M, K) x (K, N) -> (M, N)`, batched on
/// rank 3 with the batch dims broadcast (see [`MatMulShape`]).
///
/// Takes tensors, views and references alike; a transposed view is multiplied through its
/// strides, with no copy. f32 and f64 run on matrixmultiply (small static sizes on unrolled
/// loops), integers on a plain loop.
///
/// # Errors
/// [`ShapeError`] naming both shapes when `Dyn` dims disagree at run time: the inner dims
/// differ, or batch dims neither equal nor 1.
///
/// ```
/// use shaped::{Dyn, Tensor, ops::matmul::try_matmul};
/// let a = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
/// let b = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(4), Dyn(2)));
/// let err = try_matmul(&a, &b).unwrap_err();
/// assert_eq!(err.to_string(), "matmul: lhs (2, 3) has 3 columns but rhs (4, 2) has 4 rows");
/// ```
#[inline(always)]
pub fn try_matmul<T: Number, S1: MatMulShape<S2>, S2: Shape>(
    a: impl AsView<T, S1>,
    b: impl AsView<T, S2>,
) -> Result<Tensor<T, S1::Out>, ShapeError> {
    let (a, b) = (a.view(), b.view());
    let (ad, asd, bd, bsd) = (a.dims(), a.strides(), b.dims(), b.strides());
    let (ad, asd, bd, bsd) = (ad.as_ref(), asd.as_ref(), bd.as_ref(), bsd.as_ref());
    if S1::SMALL_MKN.is_some()
        && S1::RANK == 2
        && S2::RANK == 2
        && let Some(shape) = <S1::Out as Shape>::try_from_dims(&[ad[0], bd[1]])
    {
        let mut out = Tensor::<T, S1::Out>::zeros_with(shape);
        let mut ov = out.view_mut();
        let (od, osd) = (ov.dims(), ov.strides());
        if small_2d::<T, Small<S1, S2>>(
            (ad, asd, a.raw_data()),
            (bd, bsd, b.raw_data()),
            (od.as_ref(), osd.as_ref(), ov.raw_data_mut()),
            false,
        ) {
            return Ok(out);
        }
    }
    matmul_general::<T, S1, S2>(a, b)
}

/// [`try_matmul`] past its small-size fast path, out of line so that the fast path's caller
/// stays small.
#[inline(never)]
fn matmul_general<T: Number, S1: MatMulShape<S2>, S2: Shape>(
    a: TensorView<'_, T, S1>,
    b: TensorView<'_, T, S2>,
) -> Result<Tensor<T, S1::Out>, ShapeError> {
    let (ad, asd, bd, bsd) = (a.dims(), a.strides(), b.dims(), b.strides());
    let (ad, asd, bd, bsd) = (ad.as_ref(), asd.as_ref(), bd.as_ref(), bsd.as_ref());
    let p = plan("matmul", ad, asd, bd, bsd).map_err(|e| e.with_names(S1::NAMES, S2::NAMES))?;
    product_new::<T, S1::Out>(
        "matmul",
        S1::SMALL_MKN.is_some(),
        p,
        (ad, a.raw_data()),
        (bd, b.raw_data()),
    )
}

/// The matrix product `a @ b`; see [`try_matmul`].
///
/// # Panics
/// At the caller's line, naming both shapes, when `Dyn` dims disagree.
///
/// ```
/// use shaped::{Matrix, tensor, ops::matmul::matmul};
/// let a: Matrix<i32, 2, 2> = tensor![[1, 2], [3, 4]];
/// assert_eq!(matmul(&a, a.t()).as_slice(), &[5, 11, 11, 25]);
/// ```
#[track_caller]
#[inline(always)]
pub fn matmul<T: Number, S1: MatMulShape<S2>, S2: Shape>(
    a: impl AsView<T, S1>,
    b: impl AsView<T, S2>,
) -> Tensor<T, S1::Out> {
    unwrap_or_panic(try_matmul(a, b))
}

/// `out = a @ b` without allocating (where the output view does not alias itself).
///
/// # Errors
/// [`ShapeError`] when `Dyn` dims of `a` and `b` disagree, or when `out` does not have the
/// product's shape.
///
/// ```
/// use shaped::{Matrix, tensor, ops::matmul::try_matmul_into};
/// let a: Matrix<f32, 2, 2> = tensor![[1., 2.], [3., 4.]];
/// let mut out = Matrix::<f32, 2, 2>::zeros();
/// try_matmul_into(&a, &a, &mut out)?;
/// assert_eq!(out.as_slice(), &[7., 10., 15., 22.]);
/// # Ok::<(), shaped::ShapeError>(())
/// ```
#[inline(always)]
pub fn try_matmul_into<T: Number, S1: MatMulShape<S2>, S2: Shape>(
    a: impl AsView<T, S1>,
    b: impl AsView<T, S2>,
    mut out: impl AsViewMut<T, S1::Out>,
) -> Result<(), ShapeError> {
    let (a, b) = (a.view(), b.view());
    let mut ov = out.view_mut();
    let (ad, asd, bd, bsd) = (a.dims(), a.strides(), b.dims(), b.strides());
    let (ad, asd, bd, bsd) = (ad.as_ref(), asd.as_ref(), bd.as_ref(), bsd.as_ref());
    let (od, osd) = (ov.dims(), ov.strides());
    if small_2d::<T, Small<S1, S2>>(
        (ad, asd, a.raw_data()),
        (bd, bsd, b.raw_data()),
        (od.as_ref(), osd.as_ref(), ov.raw_data_mut()),
        true,
    ) {
        return Ok(());
    }
    matmul_into_general::<T, S1, S2>(a, b, ov)
}

/// [`try_matmul_into`] past its small-size fast path, out of line so that the fast path's
/// caller stays small.
#[inline(never)]
fn matmul_into_general<T: Number, S1: MatMulShape<S2>, S2: Shape>(
    a: TensorView<'_, T, S1>,
    b: TensorView<'_, T, S2>,
    mut ov: TensorViewMut<'_, T, S1::Out>,
) -> Result<(), ShapeError> {
    let (ad, asd, bd, bsd) = (a.dims(), a.strides(), b.dims(), b.strides());
    let (ad, asd, bd, bsd) = (ad.as_ref(), asd.as_ref(), bd.as_ref(), bsd.as_ref());
    let p =
        plan("matmul_into", ad, asd, bd, bsd).map_err(|e| e.with_names(S1::NAMES, S2::NAMES))?;
    product_into::<T, S1::Out>(
        "matmul_into",
        S1::SMALL_MKN.is_some(),
        p,
        (ad, a.raw_data()),
        (bd, b.raw_data()),
        &mut ov,
    )
}

/// `out = a @ b` without allocating; see [`try_matmul_into`].
///
/// # Panics
/// At the caller's line when `Dyn` dims disagree or `out` has another shape.
///
/// ```
/// use shaped::{Matrix, tensor, ops::matmul::matmul_into};
/// let a: Matrix<f64, 1, 2> = tensor![[1., 2.]];
/// let mut out = Matrix::<f64, 1, 1>::zeros();
/// matmul_into(&a, a.t(), &mut out);
/// assert_eq!(out[[0, 0]], 5.0);
/// ```
#[track_caller]
#[inline(always)]
pub fn matmul_into<T: Number, S1: MatMulShape<S2>, S2: Shape>(
    a: impl AsView<T, S1>,
    b: impl AsView<T, S2>,
    out: impl AsViewMut<T, S1::Out>,
) {
    unwrap_or_panic(try_matmul_into(a, b, out))
}

/// The product of a matrix and a vector: `(M, N) x (N,) -> (M,)`.
///
/// # Errors
/// [`ShapeError`] naming both shapes when `Dyn` dims disagree.
///
/// ```
/// use shaped::{Dyn, Tensor, ops::matmul::try_matvec};
/// let a = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
/// let x = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),));
/// let err = try_matvec(&a, &x).unwrap_err();
/// assert_eq!(err.to_string(), "matvec: matrix (2, 3) has 3 columns but vector (4,) has 4 elements");
/// ```
pub fn try_matvec<T: Number, S1: MatVecShape<S2>, S2: Shape>(
    a: impl AsView<T, S1>,
    x: impl AsView<T, S2>,
) -> Result<Tensor<T, S1::Out>, ShapeError> {
    let (a, x) = (a.view(), x.view());
    let (ad, asd, xd, xsd) = (a.dims(), a.strides(), x.dims(), x.strides());
    let (ad, xd) = (ad.as_ref(), xd.as_ref());
    let p = plan_matvec("matvec", ad, asd.as_ref(), xd, xsd.as_ref())
        .map_err(|e| e.with_names(S1::NAMES, S2::NAMES))?;
    product_new::<T, S1::Out>(
        "matvec",
        S1::SMALL_MKN.is_some(),
        p,
        (ad, a.raw_data()),
        (xd, x.raw_data()),
    )
}

/// The plan of `a x` for a matrix `a` and a vector `x`, or the error that names both shapes.
fn plan_matvec(
    op: &'static str,
    ad: &[usize],
    asd: &[usize],
    xd: &[usize],
    xsd: &[usize],
) -> Result<Plan, ShapeError> {
    if ad[1] != xd[0] {
        return Err(ShapeError::pair(
            op,
            ad,
            xd,
            format!(
                "matrix {} has {} columns but vector {} has {} elements",
                fmt_dims(ad),
                ad[1],
                fmt_dims(xd),
                xd[0]
            ),
        ));
    }
    plan(op, ad, asd, xd, xsd)
}

/// The product of a matrix and a vector; see [`try_matvec`].
///
/// # Panics
/// At the caller's line, naming both shapes, when `Dyn` dims disagree.
///
/// ```
/// use shaped::{Matrix, Vector, tensor, ops::matmul::matvec};
/// let a: Matrix<f64, 2, 3> = tensor![[1., 0., 2.], [0., 1., 0.]];
/// let x: Vector<f64, 3> = tensor![1., 2., 3.];
/// assert_eq!(matvec(&a, &x).as_slice(), &[7., 2.]);
/// ```
#[track_caller]
pub fn matvec<T: Number, S1: MatVecShape<S2>, S2: Shape>(
    a: impl AsView<T, S1>,
    x: impl AsView<T, S2>,
) -> Tensor<T, S1::Out> {
    unwrap_or_panic(try_matvec(a, x))
}

/// `out = a x` without allocating.
///
/// # Errors
/// [`ShapeError`] when `Dyn` dims disagree or `out` has another length.
///
/// ```
/// use shaped::{Matrix, Vector, tensor, ops::matmul::try_matvec_into};
/// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
/// let mut y = Vector::<f64, 2>::zeros();
/// try_matvec_into(&a, &tensor![1., 1.], &mut y)?;
/// assert_eq!(y.as_slice(), &[3., 7.]);
/// # Ok::<(), shaped::ShapeError>(())
/// ```
pub fn try_matvec_into<T: Number, S1: MatVecShape<S2>, S2: Shape>(
    a: impl AsView<T, S1>,
    x: impl AsView<T, S2>,
    mut out: impl AsViewMut<T, S1::Out>,
) -> Result<(), ShapeError> {
    let (a, x) = (a.view(), x.view());
    let (ad, asd, xd, xsd) = (a.dims(), a.strides(), x.dims(), x.strides());
    let p = plan_matvec(
        "matvec_into",
        ad.as_ref(),
        asd.as_ref(),
        xd.as_ref(),
        xsd.as_ref(),
    )
    .map_err(|e| e.with_names(S1::NAMES, S2::NAMES))?;
    let mut ov = out.view_mut();
    let want = p.m;
    if ov.dims().as_ref()[0] != want {
        return Err(ShapeError::pair(
            "matvec_into",
            ov.dims().as_ref(),
            &[want],
            format!(
                "out has shape {} but the product of matrix {} and vector {} has shape ({want},)",
                fmt_dims(ov.dims().as_ref()),
                fmt_dims(a.dims().as_ref()),
                fmt_dims(x.dims().as_ref())
            ),
        ));
    }
    // The output (M,) is an M x 1 matrix; an aliasing output (stride 0) goes through a buffer.
    if !gemm::is_non_overlapping(ov.dims().as_ref(), ov.strides().as_ref()) {
        let y = try_matvec(a, x)?;
        ov.assign(&y);
        return Ok(());
    }
    let p = with_out(p, ov.dims().as_ref(), ov.strides().as_ref());
    execute::<T>(
        &p,
        S1::SMALL_MKN.is_some(),
        a.raw_data(),
        x.raw_data(),
        ov.raw_data_mut(),
    );
    Ok(())
}

/// `out = a x` without allocating; see [`try_matvec_into`].
///
/// # Panics
/// At the caller's line when `Dyn` dims disagree or `out` has another length.
///
/// ```
/// use shaped::{Matrix, Vector, tensor, ops::matmul::matvec_into};
/// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
/// let mut y = Vector::<f64, 2>::zeros();
/// matvec_into(a.t(), &tensor![1., 1.], &mut y);
/// assert_eq!(y.as_slice(), &[4., 6.]);
/// ```
#[track_caller]
pub fn matvec_into<T: Number, S1: MatVecShape<S2>, S2: Shape>(
    a: impl AsView<T, S1>,
    x: impl AsView<T, S2>,
    out: impl AsViewMut<T, S1::Out>,
) {
    unwrap_or_panic(try_matvec_into(a, x, out))
}

/// The outer product `x y^T`: `(M,) x (N,) -> (M, N)`, `out[i, j] = x[i] * y[j]`.
///
/// ```
/// use shaped::{Vector, tensor, ops::matmul::outer};
/// let x: Vector<i32, 2> = tensor![1, 2];
/// let y: Vector<i32, 3> = tensor![1, 10, 100];
/// assert_eq!(outer(&x, &y).as_slice(), &[1, 10, 100, 2, 20, 200]);
/// ```
pub fn outer<T: Number, S1: OuterShape<S2>, S2: Shape>(
    x: impl AsView<T, S1>,
    y: impl AsView<T, S2>,
) -> Tensor<T, S1::Out> {
    let (x, y) = (x.view(), y.view());
    let (xd, yd) = (x.dims(), y.dims());
    let (m, n) = (xd.as_ref()[0], yd.as_ref()[0]);
    let shape =
        <S1::Out as Shape>::try_from_dims(&[m, n]).expect("outer: the product shape is (M, N)");
    let mut out = Tensor::<T, S1::Out>::zeros_with(shape);
    let data = out.as_mut_slice();
    if n > 0 {
        for (row, &xi) in data.chunks_exact_mut(n).zip(x.iter()) {
            for (o, &yj) in row.iter_mut().zip(y.iter()) {
                *o = xi * yj;
            }
        }
    }
    out
}

impl<T: Number, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// The matrix product `self @ rhs`: `(M, K) x (K, N) -> (M, N)`, batched on rank 3
    /// with the batch dims broadcast as numpy's `matmul` does ([`MatMulShape`]).
    ///
    /// `rhs` may be a tensor, a view or a reference; transposed views are multiplied
    /// through their strides, without a copy. A static mismatch of the inner dims does
    /// not compile.
    ///
    /// # Panics
    /// At the caller's line, naming both shapes, when `Dyn` dims disagree (see
    /// `try_matmul`).
    ///
    /// ```
    /// use shaped::{Matrix, tensor};
    /// let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// let b: Matrix<f64, 3, 1> = tensor![[1.], [0.], [1.]];
    /// let c: Matrix<f64, 2, 1> = a.matmul(&b);
    /// assert_eq!(c.as_slice(), &[4., 10.]);
    /// assert_eq!(a.matmul(a.t()).dims(), [2, 2]); // (2, 3) x (3, 2), no copy
    /// ```
    #[track_caller]
    #[inline(always)]
    pub fn matmul<S2: Shape>(
        &self,
        rhs: impl AsView<T, S2>,
    ) -> Tensor<T, <S as MatMulShape<S2>>::Out>
    where
        S: MatMulShape<S2>,
    {
        matmul(self.view(), rhs)
    }

    /// [`matmul`](Self::matmul) that returns an error instead of panicking.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when `Dyn` dims disagree.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f32, (Dyn, Dyn)>::zeros_with((Dyn(100), Dyn(300)));
    /// let b = Tensor::<f32, (Dyn, Dyn)>::zeros_with((Dyn(128), Dyn(200)));
    /// let err = a.try_matmul(&b).unwrap_err();
    /// assert_eq!(err.to_string(), "matmul: lhs (100, 300) has 300 columns but rhs (128, 200) has 128 rows");
    /// ```
    #[inline]
    pub fn try_matmul<S2: Shape>(
        &self,
        rhs: impl AsView<T, S2>,
    ) -> Result<Tensor<T, <S as MatMulShape<S2>>::Out>, ShapeError>
    where
        S: MatMulShape<S2>,
    {
        try_matmul(self.view(), rhs)
    }

    /// `out = self @ rhs` without allocating: for hot loops that reuse an output.
    ///
    /// # Panics
    /// At the caller's line when `Dyn` dims disagree or `out` has another shape.
    ///
    /// ```
    /// use shaped::{Matrix, tensor};
    /// let r: Matrix<f32, 2, 2> = tensor![[0., -1.], [1., 0.]]; // a quarter turn
    /// let mut out = Matrix::<f32, 2, 2>::zeros();
    /// r.matmul_into(&r, &mut out);
    /// assert_eq!(out.as_slice(), &[-1., 0., 0., -1.]);
    /// ```
    #[track_caller]
    #[inline(always)]
    pub fn matmul_into<S2: Shape>(
        &self,
        rhs: impl AsView<T, S2>,
        out: impl AsViewMut<T, <S as MatMulShape<S2>>::Out>,
    ) where
        S: MatMulShape<S2>,
    {
        matmul_into(self.view(), rhs, out)
    }

    /// [`matmul_into`](Self::matmul_into) that returns an error instead of panicking.
    ///
    /// # Errors
    /// [`ShapeError`] when `Dyn` dims disagree or `out` has another shape.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    /// let mut out = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    /// assert!(a.try_matmul_into(a.t(), &mut out).is_err()); // the product is 2x2
    /// ```
    #[inline]
    pub fn try_matmul_into<S2: Shape>(
        &self,
        rhs: impl AsView<T, S2>,
        out: impl AsViewMut<T, <S as MatMulShape<S2>>::Out>,
    ) -> Result<(), ShapeError>
    where
        S: MatMulShape<S2>,
    {
        try_matmul_into(self.view(), rhs, out)
    }

    /// The product of this matrix and a vector: `(M, N) x (N,) -> (M,)`.
    ///
    /// # Panics
    /// At the caller's line, naming both shapes, when `Dyn` dims disagree.
    ///
    /// ```
    /// use shaped::{Matrix, Vector, tensor};
    /// let a: Matrix<f64, 2, 2> = tensor![[2., 0.], [0., 3.]];
    /// let x: Vector<f64, 2> = tensor![1., 1.];
    /// assert_eq!(a.matvec(&x).as_slice(), &[2., 3.]);
    /// ```
    #[track_caller]
    #[inline]
    pub fn matvec<S2: Shape>(&self, x: impl AsView<T, S2>) -> Tensor<T, <S as MatVecShape<S2>>::Out>
    where
        S: MatVecShape<S2>,
    {
        matvec(self.view(), x)
    }

    /// [`matvec`](Self::matvec) that returns an error instead of panicking.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when `Dyn` dims disagree.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    /// let x = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(2),));
    /// assert!(a.try_matvec(&x).is_err());
    /// ```
    #[inline]
    pub fn try_matvec<S2: Shape>(
        &self,
        x: impl AsView<T, S2>,
    ) -> Result<Tensor<T, <S as MatVecShape<S2>>::Out>, ShapeError>
    where
        S: MatVecShape<S2>,
    {
        try_matvec(self.view(), x)
    }

    /// `out = self x` without allocating.
    ///
    /// # Panics
    /// At the caller's line when `Dyn` dims disagree or `out` has another length.
    ///
    /// ```
    /// use shaped::{Matrix, Vector, tensor};
    /// let a: Matrix<f64, 2, 2> = tensor![[2., 0.], [0., 3.]];
    /// let mut y = Vector::<f64, 2>::zeros();
    /// a.matvec_into(&tensor![1., 1.], &mut y);
    /// assert_eq!(y.as_slice(), &[2., 3.]);
    /// ```
    #[track_caller]
    #[inline]
    pub fn matvec_into<S2: Shape>(
        &self,
        x: impl AsView<T, S2>,
        out: impl AsViewMut<T, <S as MatVecShape<S2>>::Out>,
    ) where
        S: MatVecShape<S2>,
    {
        matvec_into(self.view(), x, out)
    }

    /// [`matvec_into`](Self::matvec_into) that returns an error instead of panicking.
    ///
    /// # Errors
    /// [`ShapeError`] when `Dyn` dims disagree or `out` has another length.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    /// let x = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    /// let mut y = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    /// assert!(a.try_matvec_into(&x, &mut y).is_err()); // the product has 2 elements
    /// ```
    #[inline]
    pub fn try_matvec_into<S2: Shape>(
        &self,
        x: impl AsView<T, S2>,
        out: impl AsViewMut<T, <S as MatVecShape<S2>>::Out>,
    ) -> Result<(), ShapeError>
    where
        S: MatVecShape<S2>,
    {
        try_matvec_into(self.view(), x, out)
    }

    /// The outer product `self y^T` of two vectors: `(M,) x (N,) -> (M, N)`.
    ///
    /// ```
    /// use shaped::{Vector, tensor};
    /// let x: Vector<f64, 2> = tensor![1., 2.];
    /// assert_eq!(x.outer(&x).as_slice(), &[1., 2., 2., 4.]);
    /// ```
    #[inline]
    pub fn outer<S2: Shape>(&self, y: impl AsView<T, S2>) -> Tensor<T, <S as OuterShape<S2>>::Out>
    where
        S: OuterShape<S2>,
    {
        outer(self.view(), y)
    }
}
