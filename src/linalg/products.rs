//! The tensor products of numpy.linalg: `matrix_power`, `kron` (operands of rank 1 to 4, equal
//! or not), `cross` (and `cross_broadcast` over leading dims), `inner`, `vdot`,
//! `tensordot` (integer axes as a const generic) and `tensordot_axes` (the pair-of-lists
//! form). Their arithmetic is in `kernels/products.rs`, but for `kron` of rank above 2
//! (`kron_nd` here, over the operands' element offsets).

use crate::derived::ProdOf;
use crate::dim::{AnyDim, Broadcast, SameDim};
use crate::error::{LinalgError, ShapeError, unwrap_or_panic};
use crate::linalg::kernels::products as k;
use crate::linalg::{SquareDims, check_square};
use crate::scalar::{Float, Number};
use crate::shape::{BroadcastShapes, LastAxis, Shape, broadcast_dims, fmt_dims};
use crate::tensor::{AsView, Data, Tensor, TensorView};

/// The row-major elements of a view (borrowed when it is contiguous).
fn elements<'a, T: Copy, S: Shape>(v: &TensorView<'a, T, S>) -> std::borrow::Cow<'a, [T]> {
    match v.as_slice() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(v.iter().copied().collect()),
    }
}

/// The row-major elements of a view with its axes read in `order`.
fn gathered<T: Float, S: Shape>(v: &TensorView<'_, T, S>, order: &[usize]) -> Vec<T> {
    let (d, s) = (v.dims(), v.strides());
    k::gather(v.raw_data(), d.as_ref(), s.as_ref(), order)
}

// ---------------------------------------------------------------------------------------------
// Shape relations.

/// The shape of `a.tensordot::<K, _>(&b)`: the last `K` axes of `Self` contract with the first
/// `K` axes of `Rhs` (equal dims, [`SameDim`]); `Out` is `Self`'s free axes then `Rhs`'s.
/// Implemented for operands of rank 1 to 3.
///
/// ```
/// use shaped::linalg::TensorDotShape;
/// use shaped::Const;
/// type Out = <(Const<3>, Const<4>) as TensorDotShape<1, (Const<4>, Const<2>)>>::Out;
/// let _: Out = (Const::<3>, Const::<2>);
/// ```
#[diagnostic::on_unimplemented(
    message = "tensordot shape mismatch: the last axes of `{Self}` do not match the first axes of `{Rhs}`",
    label = "the contracted axes must have equal sizes",
    note = "tensordot::<K, _> contracts the last K axes of the left operand with the first K of the right (operands of rank 1 to 3)"
)]
pub trait TensorDotShape<const K: usize, Rhs: Shape>: Shape {
    /// The free axes of `Self`, then those of `Rhs`.
    type Out: Shape;
}

macro_rules! tensordot_shape {
    ($k:literal; [$($fa:ident),*] [$($ca:ident),*]; [$($cb:ident),*] [$($fb:ident),*]) => {
        #[diagnostic::do_not_recommend]
        impl<$($fa: AnyDim,)* $($ca: AnyDim,)* $($cb: AnyDim,)* $($fb: AnyDim,)*>
            TensorDotShape<$k, ($($cb,)* $($fb,)*)> for ($($fa,)* $($ca,)*)
        where
            $($ca: SameDim<$cb>,)*
        {
            type Out = ($($fa,)* $($fb,)*);
        }
    };
}

// Every pair of ranks 1..=3 and every K up to the smaller rank (23 impls).
tensordot_shape!(0; [A0] []; [] [B0]);
tensordot_shape!(0; [A0] []; [] [B0, B1]);
tensordot_shape!(0; [A0] []; [] [B0, B1, B2]);
tensordot_shape!(0; [A0, A1] []; [] [B0]);
tensordot_shape!(0; [A0, A1] []; [] [B0, B1]);
tensordot_shape!(0; [A0, A1] []; [] [B0, B1, B2]);
tensordot_shape!(0; [A0, A1, A2] []; [] [B0]);
tensordot_shape!(0; [A0, A1, A2] []; [] [B0, B1]);
tensordot_shape!(0; [A0, A1, A2] []; [] [B0, B1, B2]);
tensordot_shape!(1; [] [C0]; [D0] []);
tensordot_shape!(1; [] [C0]; [D0] [B0]);
tensordot_shape!(1; [] [C0]; [D0] [B0, B1]);
tensordot_shape!(1; [A0] [C0]; [D0] []);
tensordot_shape!(1; [A0] [C0]; [D0] [B0]);
tensordot_shape!(1; [A0] [C0]; [D0] [B0, B1]);
tensordot_shape!(1; [A0, A1] [C0]; [D0] []);
tensordot_shape!(1; [A0, A1] [C0]; [D0] [B0]);
tensordot_shape!(1; [A0, A1] [C0]; [D0] [B0, B1]);
tensordot_shape!(2; [] [C0, C1]; [D0, D1] []);
tensordot_shape!(2; [] [C0, C1]; [D0, D1] [B0]);
tensordot_shape!(2; [A0] [C0, C1]; [D0, D1] []);
tensordot_shape!(2; [A0] [C0, C1]; [D0, D1] [B0]);
tensordot_shape!(3; [] [C0, C1, C2]; [D0, D1, D2] []);

/// The shape of `a.kron(&b)` (numpy's `kron`): the operand of lower rank is read with leading
/// 1s (numpy's padding), and each axis of the output is the product of the two operands' axes,
/// typed [`ProdOf`]; an axis only the longer operand has keeps its dim. Implemented for every
/// pair of ranks 1 to 4.
///
/// ```
/// use shaped::linalg::KronShape;
/// use shaped::{Const, ProdOf};
/// type Out = <(Const<2>, Const<1>, Const<3>) as KronShape<(Const<2>, Const<2>)>>::Out;
/// let _: Out = (Const::<2>, ProdOf::new(2), ProdOf::new(6));
/// ```
#[diagnostic::on_unimplemented(
    message = "kron of `{Self}` and `{Rhs}` is not implemented",
    label = "kron takes operands of rank 1 to 4",
    note = "numpy's kron pads the operand of lower rank with leading 1s; reshape operands of rank 5 or more first"
)]
pub trait KronShape<Rhs: Shape>: Shape {
    /// The axes of the longer operand beyond the shorter one's, then the products.
    type Out: Shape;
}

/// `kron_shape!([A0] [B0, B1] => (B0, ProdOf<(A0, B1)>))` implements `KronShape` for one pair
/// of ranks, with the output dims spelled out.
macro_rules! kron_shape {
    ([$($a:ident),*] [$($b:ident),*] => ($($o:ty),*)) => {
        #[diagnostic::do_not_recommend]
        impl<$($a: AnyDim,)* $($b: AnyDim,)*> KronShape<($($b,)*)> for ($($a,)*) {
            type Out = ($($o,)*);
        }
    };
}

// Every pair of ranks 1..=4 (16 impls). `P<X, Y>` is `ProdOf<(X, Y)>`.
type P<X, Y> = ProdOf<(X, Y)>;
kron_shape!([A0] [B0] => (P<A0, B0>));
kron_shape!([A0] [B0, B1] => (B0, P<A0, B1>));
kron_shape!([A0] [B0, B1, B2] => (B0, B1, P<A0, B2>));
kron_shape!([A0] [B0, B1, B2, B3] => (B0, B1, B2, P<A0, B3>));
kron_shape!([A0, A1] [B0] => (A0, P<A1, B0>));
kron_shape!([A0, A1] [B0, B1] => (P<A0, B0>, P<A1, B1>));
kron_shape!([A0, A1] [B0, B1, B2] => (B0, P<A0, B1>, P<A1, B2>));
kron_shape!([A0, A1] [B0, B1, B2, B3] => (B0, B1, P<A0, B2>, P<A1, B3>));
kron_shape!([A0, A1, A2] [B0] => (A0, A1, P<A2, B0>));
kron_shape!([A0, A1, A2] [B0, B1] => (A0, P<A1, B0>, P<A2, B1>));
kron_shape!([A0, A1, A2] [B0, B1, B2] => (P<A0, B0>, P<A1, B1>, P<A2, B2>));
kron_shape!([A0, A1, A2] [B0, B1, B2, B3] => (B0, P<A0, B1>, P<A1, B2>, P<A2, B3>));
kron_shape!([A0, A1, A2, A3] [B0] => (A0, A1, A2, P<A3, B0>));
kron_shape!([A0, A1, A2, A3] [B0, B1] => (A0, A1, P<A2, B0>, P<A3, B1>));
kron_shape!([A0, A1, A2, A3] [B0, B1, B2] => (A0, P<A1, B0>, P<A2, B1>, P<A3, B2>));
kron_shape!([A0, A1, A2, A3] [B0, B1, B2, B3] => (P<A0, B0>, P<A1, B1>, P<A2, B2>, P<A3, B3>));

/// The offset in a row-major tensor of sizes `out` of every element of a row-major tensor of
/// sizes `dims` (both of rank `out.len()`), each index `i_k` placed at `i_k * step_k`.
fn kron_offsets(dims: &[usize], step: &[usize], out: &[usize]) -> Vec<usize> {
    let rank = out.len();
    let mut stride = vec![1; rank];
    for k in (0..rank.saturating_sub(1)).rev() {
        stride[k] = stride[k + 1] * out[k + 1];
    }
    let mut offs = vec![0usize];
    for k in 0..rank {
        let s = step[k] * stride[k];
        offs = offs
            .iter()
            .flat_map(|&o| (0..dims[k]).map(move |i| o + i * s))
            .collect();
    }
    offs
}

/// numpy's `kron` of row-major `a` (sizes `da`) and `b` (sizes `db`), the shorter padded with
/// leading 1s: `out[i_k * db_k + j_k] = a[i] b[j]`. Returns the output's sizes and elements.
fn kron_nd<T: Float>(a: &[T], da: &[usize], b: &[T], db: &[usize]) -> (Vec<usize>, Vec<T>) {
    let rank = da.len().max(db.len());
    let pad = |d: &[usize]| -> Vec<usize> {
        let mut p = vec![1; rank - d.len()];
        p.extend_from_slice(d);
        p
    };
    let (da, db) = (pad(da), pad(db));
    let out: Vec<usize> = da.iter().zip(&db).map(|(x, y)| x * y).collect();
    if rank <= 2 {
        // Vectors and matrices: the 2-D kernel, a vector read as one row.
        let (m, n, p, q) = match rank {
            1 => (1, da[0], 1, db[0]),
            _ => (da[0], da[1], db[0], db[1]),
        };
        return (out, k::kron(a, m, n, b, p, q));
    }
    let oa = kron_offsets(&da, &db, &out);
    let ob = kron_offsets(&db, &vec![1; rank], &out);
    let mut v = vec![T::ZERO; out.iter().product()];
    for (&x, &o) in a.iter().zip(&oa) {
        for (&y, &p) in b.iter().zip(&ob) {
            v[o + p] = x * y;
        }
    }
    (out, v)
}

/// The shape of `a.inner(&b)`: the last axes of both operands contract ([`SameDim`]); `Out`
/// is `Self`'s other axes then `Rhs`'s (numpy's `inner`). Implemented for ranks 1 to 3.
///
/// ```
/// use shaped::linalg::InnerShape;
/// use shaped::Const;
/// type Out = <(Const<4>,) as InnerShape<(Const<2>, Const<4>)>>::Out;
/// let _: Out = (Const::<2>,);
/// ```
#[diagnostic::on_unimplemented(
    message = "inner shape mismatch: the last axes of `{Self}` and `{Rhs}` differ",
    label = "inner contracts the last axis of both operands",
    note = "the operands have rank 1 to 3 and equal last dims"
)]
pub trait InnerShape<Rhs: Shape>: Shape {
    /// The other axes of `Self`, then those of `Rhs`.
    type Out: Shape;
}

macro_rules! inner_shape {
    ([$($fa:ident),*]; [$($fb:ident),*]) => {
        #[diagnostic::do_not_recommend]
        impl<$($fa: AnyDim,)* $($fb: AnyDim,)* K1: AnyDim, K2: AnyDim>
            InnerShape<($($fb,)* K2,)> for ($($fa,)* K1,)
        where
            K1: SameDim<K2>,
        {
            type Out = ($($fa,)* $($fb,)*);
        }
    };
}

inner_shape!([]; []);
inner_shape!([]; [B0]);
inner_shape!([]; [B0, B1]);
inner_shape!([A0]; []);
inner_shape!([A0]; [B0]);
inner_shape!([A0]; [B0, B1]);
inner_shape!([A0, A1]; []);
inner_shape!([A0, A1]; [B0]);
inner_shape!([A0, A1]; [B0, B1]);

// ---------------------------------------------------------------------------------------------
// Run-time halves.

/// `a` with axes `axes_a` contracted against `b`'s `axes_b`, pairwise; the output's sizes.
fn tensordot_raw<T: Float, SA: Shape, SB: Shape>(
    op: &'static str,
    a: &TensorView<'_, T, SA>,
    b: &TensorView<'_, T, SB>,
    axes_a: &[usize],
    axes_b: &[usize],
) -> Result<(Vec<usize>, Vec<T>), ShapeError> {
    let (da, db) = (a.dims(), b.dims());
    let (da, db) = (da.as_ref(), db.as_ref());
    let bad = |why: String| ShapeError::pair(op, da, db, why);
    if axes_a.len() != axes_b.len() {
        return Err(bad(format!(
            "{} axes of the lhs against {} of the rhs",
            axes_a.len(),
            axes_b.len()
        )));
    }
    let valid = |axes: &[usize], rank: usize| {
        axes.iter().all(|&x| x < rank)
            && axes.iter().enumerate().all(|(i, x)| !axes[..i].contains(x))
    };
    if !valid(axes_a, da.len()) || !valid(axes_b, db.len()) {
        return Err(bad(format!(
            "axes {axes_a:?} and {axes_b:?} are out of range or repeated"
        )));
    }
    for (&x, &y) in axes_a.iter().zip(axes_b) {
        if da[x] != db[y] {
            return Err(bad(format!(
                "lhs {} axis {x} has size {} but rhs {} axis {y} has size {}",
                fmt_dims(da),
                da[x],
                fmt_dims(db),
                db[y]
            )));
        }
    }
    let free_a: Vec<usize> = (0..da.len()).filter(|x| !axes_a.contains(x)).collect();
    let free_b: Vec<usize> = (0..db.len()).filter(|x| !axes_b.contains(x)).collect();
    let p: usize = free_a.iter().map(|&x| da[x]).product();
    let q: usize = free_b.iter().map(|&x| db[x]).product();
    let kk: usize = axes_a.iter().map(|&x| da[x]).product();
    let order_a: Vec<usize> = free_a.iter().chain(axes_a).copied().collect();
    let order_b: Vec<usize> = axes_b.iter().chain(&free_b).copied().collect();
    let ga = gathered(a, &order_a);
    let gb = gathered(b, &order_b);
    let out = k::product(&ga, &gb, p, kk, q);
    let dims = free_a
        .iter()
        .map(|&x| da[x])
        .chain(free_b.iter().map(|&x| db[x]))
        .collect();
    Ok((dims, out))
}

fn tensor_from<T: Float, S: Shape>(
    op: &'static str,
    dims: &[usize],
    data: Vec<T>,
) -> Result<Tensor<T, S>, ShapeError> {
    let shape = S::try_from_dims(dims)
        .ok_or_else(|| ShapeError::not_of_type(op, dims, &S::static_dims()))?;
    Ok(Tensor::from_data(shape, data))
}

// ---------------------------------------------------------------------------------------------
// The typed layer.

impl<T: Float, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// numpy's `tensordot(a, b, axes=K)`: the last `K` axes of `a` contract with the first
    /// `K` axes of `b` (sizes equal, checked in the types where static); the result has `a`'s
    /// free axes then `b`'s. `K = 0` is the outer product. Operands of rank 1 to 3.
    ///
    /// # Panics
    /// When `Dyn` sizes of the contracted axes differ (see [`Self::try_tensordot`]).
    ///
    /// ```
    /// use shaped::{Tensor, Const, Tensor3, Matrix};
    /// let a = Tensor3::<f64, 2, 3, 4>::ones();
    /// let b = Tensor3::<f64, 3, 4, 5>::ones();
    /// let c: Matrix<f64, 2, 5> = a.tensordot::<2, _>(&b); // (2, 3, 4) . (3, 4, 5) -> (2, 5)
    /// assert_eq!(c[[1, 4]], 12.0);
    /// ```
    #[track_caller]
    pub fn tensordot<const K: usize, S2: Shape>(
        &self,
        b: &impl AsView<T, S2>,
    ) -> Tensor<T, <S as TensorDotShape<K, S2>>::Out>
    where
        S: TensorDotShape<K, S2>,
    {
        unwrap_or_panic(self.try_tensordot::<K, S2>(b))
    }

    /// [`Self::tensordot`] that returns a [`ShapeError`] when `Dyn` sizes differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes and the axes that differ.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(2), Dyn(3)));
    /// let b = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(4), Dyn(2)));
    /// assert!(a.try_tensordot::<1, _>(&b).is_err());
    /// ```
    pub fn try_tensordot<const K: usize, S2: Shape>(
        &self,
        b: &impl AsView<T, S2>,
    ) -> Result<Tensor<T, <S as TensorDotShape<K, S2>>::Out>, ShapeError>
    where
        S: TensorDotShape<K, S2>,
    {
        let axes_a: Vec<usize> = (S::RANK - K..S::RANK).collect();
        let axes_b: Vec<usize> = (0..K).collect();
        let (dims, data) = tensordot_raw(
            "tensordot",
            &AsView::view(self),
            &b.view(),
            &axes_a,
            &axes_b,
        )?;
        tensor_from("tensordot", &dims, data)
    }

    /// numpy's `tensordot(a, b, axes=(axes_a, axes_b))`: axis `axes_a[i]` of `a` contracts
    /// with axis `axes_b[i]` of `b`; the result has `a`'s free axes then `b`'s, in order. Its
    /// shape type `SO` is the caller's (usually all `Dyn`), checked against the sizes at run
    /// time.
    ///
    /// # Errors
    /// [`ShapeError`] when the axes are out of range, repeated or of different counts, when
    /// paired sizes differ, or when the result does not fit `SO`.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor3, Tensor};
    /// let a = Tensor3::<f64, 4, 3, 5>::ones();
    /// let b = Tensor3::<f64, 3, 4, 2>::ones();
    /// let c = a.tensordot_axes::<(Dyn, Dyn), _>(&b, &[1, 0], &[0, 1])?; // -> (5, 2)
    /// assert_eq!(c.dims(), [5, 2]);
    /// assert_eq!(c[[0, 0]], 12.0);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn tensordot_axes<SO: Shape, S2: Shape>(
        &self,
        b: &impl AsView<T, S2>,
        axes_a: &[usize],
        axes_b: &[usize],
    ) -> Result<Tensor<T, SO>, ShapeError> {
        let (dims, data) = tensordot_raw(
            "tensordot_axes",
            &AsView::view(self),
            &b.view(),
            axes_a,
            axes_b,
        )?;
        tensor_from("tensordot_axes", &dims, data)
    }

    /// numpy's `inner`: the last axes of `a` and `b` contract; the result has `a`'s other axes
    /// then `b`'s. (K,) . (K,) -> (), (M, K) . (N, K) -> (M, N) (`A B^T`), (K,) . (B, C, K) ->
    /// (B, C). Operands of rank 1 to 3.
    ///
    /// # Panics
    /// When `Dyn` last dims differ (see [`Self::try_inner`]).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    /// let g = a.inner(&a); // a a^T
    /// assert_eq!(g.as_slice(), &[5., 11., 11., 25.]);
    /// assert_eq!(tensor![1., 2.].inner(&tensor![3., 4.]).as_slice(), &[11.]);
    /// ```
    #[track_caller]
    pub fn inner<S2: Shape>(&self, b: &impl AsView<T, S2>) -> Tensor<T, <S as InnerShape<S2>>::Out>
    where
        S: InnerShape<S2>,
    {
        unwrap_or_panic(self.try_inner(b))
    }

    /// [`Self::inner`] that returns a [`ShapeError`] when `Dyn` last dims differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn,)>::ones_with((Dyn(3),));
    /// let b = Tensor::<f64, (Dyn,)>::ones_with((Dyn(4),));
    /// assert!(a.try_inner(&b).is_err());
    /// ```
    pub fn try_inner<S2: Shape>(
        &self,
        b: &impl AsView<T, S2>,
    ) -> Result<Tensor<T, <S as InnerShape<S2>>::Out>, ShapeError>
    where
        S: InnerShape<S2>,
    {
        let (dims, data) = tensordot_raw(
            "inner",
            &AsView::view(self),
            &b.view(),
            &[S::RANK - 1],
            &[S2::RANK - 1],
        )?;
        tensor_from("inner", &dims, data)
    }
}

impl<T: Number, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// numpy's `vdot`: both tensors read as flat vectors (row-major order), any shapes of
    /// equal element counts, the first one conjugated: `sum_i conj(a_i) b_i` (for real
    /// tensors `sum_i a_i b_i`).
    ///
    /// # Panics
    /// When the element counts differ (see [`Self::try_vdot`]).
    ///
    /// ```
    /// use shaped::{tensor, Complex, Matrix, Vector};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    /// let b: Vector<f64, 4> = tensor![1., 1., 1., 1.];
    /// assert_eq!(a.vdot(&b), 10.0);
    /// let z: Vector<Complex<f64>, 2> = tensor![Complex::new(0., 1.), Complex::new(2., 0.)];
    /// assert_eq!(z.vdot(&z), Complex::new(5., 0.)); // ||z||^2
    /// ```
    #[track_caller]
    pub fn vdot<S2: Shape>(&self, b: &impl AsView<T, S2>) -> T {
        unwrap_or_panic(self.try_vdot(b))
    }

    /// [`Self::vdot`] that returns a [`ShapeError`] when the element counts differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let a: Vector<f64, 2> = tensor![1., 2.];
    /// let b: Vector<f64, 3> = tensor![1., 2., 3.];
    /// assert!(a.try_vdot(&b).is_err());
    /// ```
    pub fn try_vdot<S2: Shape>(&self, b: &impl AsView<T, S2>) -> Result<T, ShapeError> {
        let (a, b) = (AsView::view(self), b.view());
        let (da, db) = (a.dims(), b.dims());
        if a.numel() != b.numel() {
            return Err(ShapeError::pair(
                "vdot",
                da.as_ref(),
                db.as_ref(),
                format!(
                    "lhs {} has {} elements but rhs {} has {}",
                    fmt_dims(da.as_ref()),
                    a.numel(),
                    fmt_dims(db.as_ref()),
                    b.numel()
                ),
            ));
        }
        let (x, y) = (elements(&a), elements(&b));
        Ok(crate::ops::kernels::dotc_slice(&x, &y))
    }
}

impl<T: Float, M: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (M, N), D> {
    /// `A^n` of a square matrix (numpy's `matrix_power`) by repeated squaring: `A^0 = I`
    /// (also for a zero matrix), and a negative `n` inverts first: `A^-n = (A^-1)^n`.
    /// (N, N) -> (N, N).
    ///
    /// # Errors
    /// [`LinalgError::Singular`] for `n < 0` and a singular matrix;
    /// [`LinalgError::NonFinite`] for `n < 0` and NaN or infinite input;
    /// [`LinalgError::Shape`] for a `Dyn` matrix that is not square.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 1.], [1., 0.]];
    /// assert_eq!(a.matrix_power(10)?.as_slice(), &[89., 55., 55., 34.]); // Fibonacci
    /// let b: Matrix<f64, 2, 2> = tensor![[2., 0.], [0., 4.]];
    /// assert_eq!(b.matrix_power(-2)?.as_slice(), &[0.25, 0., 0., 0.0625]);
    /// # Ok::<(), shaped::LinalgError>(())
    /// ```
    pub fn matrix_power(&self, n: i32) -> Result<Tensor<T, (M, N)>, LinalgError>
    where
        M: SquareDims<N>,
    {
        let a = AsView::view(self);
        let size = check_square("matrix_power", a.dims())?;
        let base = if n < 0 {
            self.inv()?.into_vec()
        } else {
            elements(&a).into_owned()
        };
        let out = k::power(&base, size, n.unsigned_abs());
        Ok(Tensor::from_data(a.shape(), out))
    }
}

impl<T: Float, N: AnyDim, D: Data<T>> Tensor<T, (N,), D> {
    /// The cross product of 3-vectors (numpy's `cross`): (3,) x (3,) -> (3,).
    /// A static length other than 3 fails to build (a `const` assertion, under
    /// `cargo build`).
    ///
    /// # Panics
    /// When a `Dyn` length is not 3 (see [`Self::try_cross`]).
    ///
    /// ```
    /// use shaped::tensor;
    /// let z = tensor![1., 0., 0.].cross(&tensor![0., 1., 0.]);
    /// assert_eq!(z.as_slice(), &[0., 0., 1.]);
    /// ```
    #[track_caller]
    pub fn cross<N2: AnyDim>(&self, b: &impl AsView<T, (N2,)>) -> Tensor<T, (N,)>
    where
        N: SameDim<N2>,
    {
        const {
            assert!(
                matches!(N::STATIC, None | Some(3)) && matches!(N2::STATIC, None | Some(3)),
                "cross: the vectors must have length 3"
            )
        };
        unwrap_or_panic(self.try_cross(b))
    }

    /// [`Self::cross`] that returns a [`ShapeError`] when a length is not 3.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn,)>::ones_with((Dyn(4),));
    /// assert!(a.try_cross(&a).is_err());
    /// ```
    pub fn try_cross<N2: AnyDim>(
        &self,
        b: &impl AsView<T, (N2,)>,
    ) -> Result<Tensor<T, (N,)>, ShapeError>
    where
        N: SameDim<N2>,
    {
        let (a, b) = (AsView::view(self), b.view());
        let ([m], [p]) = (a.dims(), b.dims());
        if m != 3 || p != 3 {
            return Err(ShapeError::pair(
                "cross",
                &[m],
                &[p],
                format!("the vectors ({m},) and ({p},) must both have length 3"),
            ));
        }
        let c = k::cross3([a[[0]], a[[1]], a[[2]]], [b[[0]], b[[1]], b[[2]]]);
        Ok(Tensor::from_data(a.shape(), c.to_vec()))
    }
}

impl<T: Float, B: AnyDim, N: AnyDim, D: Data<T>> Tensor<T, (B, N), D> {
    /// The cross product of each row of 3-vectors (numpy's `cross` with a leading dim):
    /// (B, 3) x (B2, 3) -> (B, 3), the leading dims broadcast (a `One`, or a `Dyn` of size 1,
    /// stretches).
    ///
    /// # Panics
    /// When a row length is not 3 or `Dyn` leading dims do not broadcast (see
    /// [`Self::try_cross`]).
    ///
    /// ```
    /// use shaped::{tensor, Matrix, One, Tensor, Const};
    /// let a: Matrix<f64, 2, 3> = tensor![[1., 0., 0.], [0., 1., 0.]];
    /// let z = Tensor::<f64, (One, Const<3>)>::from_vec((One, Const), vec![0., 0., 1.])?;
    /// let c: Matrix<f64, 2, 3> = a.cross(&z); // each row of a with (0, 0, 1)
    /// assert_eq!(c.as_slice(), &[0., -1., 0., 1., 0., 0.]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    #[track_caller]
    pub fn cross<B2: AnyDim, N2: AnyDim>(
        &self,
        b: &impl AsView<T, (B2, N2)>,
    ) -> Tensor<T, (<B as Broadcast<B2>>::Out, N)>
    where
        B: Broadcast<B2>,
        N: SameDim<N2>,
    {
        const {
            assert!(
                matches!(N::STATIC, None | Some(3)) && matches!(N2::STATIC, None | Some(3)),
                "cross: the rows must have length 3"
            )
        };
        unwrap_or_panic(self.try_cross(b))
    }

    /// [`Self::cross`] that returns a [`ShapeError`] when a row length is not 3 or the
    /// leading dims do not broadcast.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(2), Dyn(3)));
    /// let b = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(3), Dyn(3)));
    /// assert!(a.try_cross(&b).is_err());
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn try_cross<B2: AnyDim, N2: AnyDim>(
        &self,
        b: &impl AsView<T, (B2, N2)>,
    ) -> Result<Tensor<T, (<B as Broadcast<B2>>::Out, N)>, ShapeError>
    where
        B: Broadcast<B2>,
        N: SameDim<N2>,
    {
        let (a, b) = (AsView::view(self), b.view());
        let ([ra, m], [rb, p]) = (a.dims(), b.dims());
        let rows = match (ra, rb) {
            _ if ra == rb => ra,
            (1, _) => rb,
            (_, 1) => ra,
            _ => 0,
        };
        if m != 3 || p != 3 || (ra != rb && ra != 1 && rb != 1) {
            return Err(ShapeError::pair(
                "cross",
                &[ra, m],
                &[rb, p],
                format!(
                    "the rows of ({ra}, {m}) and ({rb}, {p}) must have length 3 and their \
                     counts must broadcast"
                ),
            ));
        }
        let mut out = Vec::with_capacity(rows * 3);
        for i in 0..rows {
            let (ia, ib) = (if ra == 1 { 0 } else { i }, if rb == 1 { 0 } else { i });
            let c = k::cross3(
                [a[[ia, 0]], a[[ia, 1]], a[[ia, 2]]],
                [b[[ib, 0]], b[[ib, 1]], b[[ib, 2]]],
            );
            out.extend_from_slice(&c);
        }
        let lead = <B as Broadcast<B2>>::Out::try_from_size(rows).ok_or_else(|| {
            ShapeError::pair(
                "cross",
                &[ra, m],
                &[rb, p],
                "the row count does not fit its type",
            )
        })?;
        Ok(Tensor::from_data((lead, a.shape().1), out))
    }
}

impl<T: Float, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// The Kronecker product (numpy's `kron`) of operands of rank 1 to 4, equal or not: the
    /// operand of lower rank is read with leading 1s, and each output axis is the product of
    /// the two operands' axes (typed [`ProdOf`], see [`KronShape`]):
    /// (M, N) x (P, Q) -> (M P, N Q) with `out[i P + k, j Q + l] = a[i, j] b[k, l]`;
    /// (A, M, N) x (P, Q) -> (A, M P, N Q).
    ///
    /// ```
    /// use shaped::{tensor, Const, Matrix, ProdOf, Tensor, Tensor3};
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    /// let b: Matrix<f64, 1, 2> = tensor![[1., -1.]];
    /// let k: Tensor<f64, (ProdOf<(Const<2>, Const<1>)>, ProdOf<(Const<2>, Const<2>)>)> = a.kron(&b);
    /// assert_eq!(k.dims(), [2, 4]);
    /// assert_eq!(k.as_slice(), &[1., -1., 2., -2., 3., -3., 4., -4.]);
    /// // Vectors: (M,) x (P,) -> (M P,).
    /// let v = tensor![1., 2.].kron(&tensor![1., 10., 100.]);
    /// assert_eq!(v.as_slice(), &[1., 10., 100., 2., 20., 200.]);
    /// // Different ranks: (2, 1, 2) x (2, 1) -> (2, 2, 2), b read as (1, 2, 1).
    /// let c: Tensor3<f64, 2, 1, 2> = tensor![[[1., 2.]], [[3., 4.]]];
    /// let e: Matrix<f64, 2, 1> = tensor![[1.], [10.]];
    /// let ce = c.kron(&e);
    /// assert_eq!(ce.dims(), [2, 2, 2]);
    /// assert_eq!(ce.as_slice(), &[1., 2., 10., 20., 3., 4., 30., 40.]);
    /// ```
    pub fn kron<S2: Shape>(&self, b: &impl AsView<T, S2>) -> Tensor<T, <S as KronShape<S2>>::Out>
    where
        S: KronShape<S2>,
    {
        let (a, b) = (AsView::view(self), b.view());
        let (da, db) = (a.dims(), b.dims());
        let (dims, out) = kron_nd(&elements(&a), da.as_ref(), &elements(&b), db.as_ref());
        let shape = <S as KronShape<S2>>::Out::try_from_dims(&dims)
            .expect("the kron shape relation fixes the output's sizes");
        Tensor::from_data(shape, out)
    }

    /// The cross product of 3-vectors along the last axis, the leading dims broadcast (numpy's
    /// `cross` with operands of any rank): (..., 3) x (..., 3) -> (broadcast ..., 3), e.g.
    /// (2, 1, 3) x (4, 3) -> (2, 4, 3). The shapes relate as for an elementwise operation
    /// ([`BroadcastShapes`]); a static last dim other than 3 fails to build (a `const`
    /// assertion, under `cargo build`).
    ///
    /// # Panics
    /// When a `Dyn` last dim is not 3 or `Dyn` leading dims do not broadcast (see
    /// [`Self::try_cross_broadcast`]).
    ///
    /// ```
    /// use shaped::{tensor, Const, Matrix, One, Tensor};
    /// // (2, 1, 3): the `One` axis stretches (a `Const<1>` would not).
    /// let a = Tensor::<f64, (Const<2>, One, Const<3>)>::from_vec(
    ///     Default::default(),
    ///     vec![1., 0., 0., 0., 1., 0.],
    /// )?;
    /// let b: Matrix<f64, 2, 3> = tensor![[0., 1., 0.], [0., 0., 1.]];
    /// let c: Tensor<f64, (Const<2>, Const<2>, Const<3>)> = a.cross_broadcast(&b);
    /// assert_eq!(c.as_slice(), &[0., 0., 1., 0., -1., 0., 0., 0., 0., 1., 0., 0.]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    #[track_caller]
    pub fn cross_broadcast<S2: Shape + LastAxis>(
        &self,
        b: &impl AsView<T, S2>,
    ) -> Tensor<T, <S as BroadcastShapes<S2>>::Out>
    where
        S: BroadcastShapes<S2> + LastAxis,
    {
        const {
            assert!(
                matches!(<S as LastAxis>::Last::STATIC, None | Some(3))
                    && matches!(<S2 as LastAxis>::Last::STATIC, None | Some(3)),
                "cross_broadcast: the last axes must have length 3"
            )
        };
        unwrap_or_panic(self.try_cross_broadcast(b))
    }

    /// [`Self::cross_broadcast`] that returns a [`ShapeError`] when a last dim is not 3 or the
    /// leading dims do not broadcast.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn, Dyn)>::ones_with((Dyn(2), Dyn(1), Dyn(3)));
    /// let b = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(4), Dyn(3)));
    /// assert_eq!(a.try_cross_broadcast(&b)?.dims(), [2, 4, 3]);
    /// let c = Tensor::<f64, (Dyn, Dyn)>::ones_with((Dyn(3), Dyn(3)));
    /// assert!(a.try_cross_broadcast(&c).is_ok()); // (2, 1) and (3,) broadcast
    /// let d = Tensor::<f64, (Dyn, Dyn, Dyn)>::ones_with((Dyn(3), Dyn(2), Dyn(3)));
    /// assert!(a.try_cross_broadcast(&d).is_err()); // 2 and 3 do not
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn try_cross_broadcast<S2: Shape>(
        &self,
        b: &impl AsView<T, S2>,
    ) -> Result<Tensor<T, <S as BroadcastShapes<S2>>::Out>, ShapeError>
    where
        S: BroadcastShapes<S2>,
    {
        const OP: &str = "cross";
        let (a, b) = (AsView::view(self), b.view());
        let (da, db) = (a.dims(), b.dims());
        let (da, db) = (da.as_ref(), db.as_ref());
        let (sa, sb) = (a.strides(), b.strides());
        let (sa, sb) = (sa.as_ref(), sb.as_ref());
        let fail = |why: String| ShapeError::pair(OP, da, db, why);
        let (Some(&la), Some(&lb)) = (da.last(), db.last()) else {
            return Err(fail(format!(
                "{} and {} must both have a last axis of length 3",
                fmt_dims(da),
                fmt_dims(db)
            )));
        };
        if la != 3 || lb != 3 {
            return Err(fail(format!(
                "the last axes of {} and {} must both have length 3 (they have {la} and {lb})",
                fmt_dims(da),
                fmt_dims(db)
            )));
        }
        let (ra, rb) = (da.len() - 1, db.len() - 1);
        let Some(lead) = broadcast_dims(&da[..ra], &db[..rb]) else {
            return Err(fail(format!(
                "the leading dims {} of {} do not broadcast against {} of {}",
                fmt_dims(&da[..ra]),
                fmt_dims(da),
                fmt_dims(&db[..rb]),
                fmt_dims(db)
            )));
        };
        let mut dims = lead.clone();
        dims.push(3);
        let shape = <S as BroadcastShapes<S2>>::Out::try_from_dims(&dims).ok_or_else(|| {
            fail(format!(
                "the result {} does not fit its type",
                fmt_dims(&dims)
            ))
        })?;
        // Each operand's element offset along each output leading axis (0 where it stretches).
        let steps = |d: &[usize], s: &[usize]| -> Vec<usize> {
            let off = lead.len() - d.len();
            (0..lead.len())
                .map(|k| match k.checked_sub(off) {
                    Some(j) if d[j] != 1 => s[j],
                    _ => 0,
                })
                .collect()
        };
        let (ta, tb) = (steps(&da[..ra], sa), steps(&db[..rb], sb));
        let (ca, cb) = (sa[ra], sb[rb]);
        let (xa, xb) = (a.raw_data(), b.raw_data());
        let rows: usize = lead.iter().product();
        let mut out = Vec::with_capacity(rows * 3);
        let mut idx = vec![0usize; lead.len()];
        for _ in 0..rows {
            let oa: usize = idx.iter().zip(&ta).map(|(i, s)| i * s).sum();
            let ob: usize = idx.iter().zip(&tb).map(|(i, s)| i * s).sum();
            let c = k::cross3(
                [xa[oa], xa[oa + ca], xa[oa + 2 * ca]],
                [xb[ob], xb[ob + cb], xb[ob + 2 * cb]],
            );
            out.extend_from_slice(&c);
            for k in (0..idx.len()).rev() {
                idx[k] += 1;
                if idx[k] < lead[k] {
                    break;
                }
                idx[k] = 0;
            }
        }
        Ok(Tensor::from_data(shape, out))
    }
}
