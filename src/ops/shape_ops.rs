//! Shape operations that add, remove or join axes: `unsqueeze::<I>()` (insert a `One`),
//! `squeeze::<I>()` (remove a `One`), and `concat::<I, _>(&other)` (join along axis `I`).

use crate::derived::SumOf;
use crate::dim::{AnyDim, One, SameDim};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::Number;
use crate::shape::{HasAxis, InsertAxis, RemoveAxis, Shape, fmt_dims};
use crate::tensor::{AsView, Data, Tensor, TensorView};

/// A shape whose axis `I` is [`One`], so that `squeeze::<I>()` can remove it. `Out` is the
/// shape without that axis.
///
/// ```
/// use shaped::{Const, One, SqueezeAxis};
/// type S = <(Const<3>, One) as SqueezeAxis<1>>::Out;
/// let _: S = (Const::<3>,);
/// ```
#[diagnostic::on_unimplemented(
    message = "cannot squeeze axis {I} of a tensor of shape `{Self}`",
    label = "axis {I} of this shape is not `One`",
    note = "only a `One` axis can be squeezed; a `Const<1>` or `Dyn` axis of size 1 becomes `One` through `try_into_shape`"
)]
pub trait SqueezeAxis<const I: usize>: Shape {
    /// The shape with axis `I` removed.
    type Out: Shape;
}

// One blanket impl: axis `I` exists and its dim is `One`. (Per-rank impls on `(.., One, ..)`
// would make a non-`One` axis fail during method lookup, which loses this trait's message.)
#[diagnostic::do_not_recommend]
impl<const I: usize, S> SqueezeAxis<I> for S
where
    S: RemoveAxis<I> + HasAxis<I, Dim = One>,
{
    type Out = <S as RemoveAxis<I>>::Out;
}

/// Two shapes that concatenate along axis `I`: the same rank, and equal dims ([`SameDim`]) on
/// every other axis. `Out` has `SumOf<A_I, B_I>` on axis `I`.
///
/// ```
/// use shaped::{ConcatShapes, Const, AnyDim, SumOf};
/// type S = <(Const<2>, Const<3>) as ConcatShapes<0, (Const<4>, Const<3>)>>::Out;
/// assert_eq!(<SumOf<Const<2>, Const<4>> as AnyDim>::STATIC, Some(6));
/// let _: S = (SumOf::<Const<2>, Const<4>>::new(6), Const::<3>);
/// ```
#[diagnostic::on_unimplemented(
    message = "cannot concatenate a tensor of shape `{Rhs}` to one of shape `{Self}` along axis {I}",
    label = "the shapes must agree on every axis but axis {I}",
    note = "both tensors must have the same rank, axis {I} must exist, and every other axis must be the same dim"
)]
pub trait ConcatShapes<const I: usize, Rhs: Shape>: Shape {
    /// The joined shape.
    type Out: Shape;
}

/// The per-rank half of [`ConcatShapes`], with the roles swapped (`R: ConcatShapesAs<I, L>`),
/// so that the compiler never guesses the right operand's rank from the left one: a rank
/// mismatch then reports `ConcatShapes`' message, not an error about `AsView`.
#[doc(hidden)]
pub trait ConcatShapesAs<const I: usize, L: Shape>: Shape {
    /// The joined shape.
    type Out: Shape;
}

/// `concat_shapes!(I; [(A B) ..before] (A_I B_I) [(A B) ..after])`: the impls for one rank and
/// axis; the dims before and after axis `I` are related by `SameDim`, axis `I` becomes
/// `SumOf<A_I, B_I>`.
macro_rules! concat_shapes {
    ($($i:literal; [$(($pa:ident $pb:ident)),*] ($ca:ident $cb:ident) [$(($qa:ident $qb:ident)),*];)*) => {$(
        #[diagnostic::do_not_recommend]
        impl<$($pa: AnyDim, $pb: AnyDim,)* $ca: AnyDim, $cb: AnyDim, $($qa: AnyDim, $qb: AnyDim,)*>
            ConcatShapesAs<$i, ($($pa,)* $ca, $($qa,)*)> for ($($pb,)* $cb, $($qb,)*)
        where
            $($pa: SameDim<$pb>,)*
            $($qa: SameDim<$qb>,)*
        {
            type Out = ($(<$pa as SameDim<$pb>>::Out,)* SumOf<$ca, $cb>, $(<$qa as SameDim<$qb>>::Out,)*);
        }

        #[diagnostic::do_not_recommend]
        impl<$($pa: AnyDim,)* $ca: AnyDim, $($qa: AnyDim,)* R: ConcatShapesAs<$i, ($($pa,)* $ca, $($qa,)*)>>
            ConcatShapes<$i, R> for ($($pa,)* $ca, $($qa,)*)
        {
            type Out = <R as ConcatShapesAs<$i, ($($pa,)* $ca, $($qa,)*)>>::Out;
        }
    )*};
}

concat_shapes! {
    0; [] (A0 B0) [];
    0; [] (A0 B0) [(A1 B1)];
    1; [(A0 B0)] (A1 B1) [];
    0; [] (A0 B0) [(A1 B1), (A2 B2)];
    1; [(A0 B0)] (A1 B1) [(A2 B2)];
    2; [(A0 B0), (A1 B1)] (A2 B2) [];
    0; [] (A0 B0) [(A1 B1), (A2 B2), (A3 B3)];
    1; [(A0 B0)] (A1 B1) [(A2 B2), (A3 B3)];
    2; [(A0 B0), (A1 B1)] (A2 B2) [(A3 B3)];
    3; [(A0 B0), (A1 B1), (A2 B2)] (A3 B3) [];
    0; [] (A0 B0) [(A1 B1), (A2 B2), (A3 B3), (A4 B4)];
    1; [(A0 B0)] (A1 B1) [(A2 B2), (A3 B3), (A4 B4)];
    2; [(A0 B0), (A1 B1)] (A2 B2) [(A3 B3), (A4 B4)];
    3; [(A0 B0), (A1 B1), (A2 B2)] (A3 B3) [(A4 B4)];
    4; [(A0 B0), (A1 B1), (A2 B2), (A3 B3)] (A4 B4) [];
    0; [] (A0 B0) [(A1 B1), (A2 B2), (A3 B3), (A4 B4), (A5 B5)];
    1; [(A0 B0)] (A1 B1) [(A2 B2), (A3 B3), (A4 B4), (A5 B5)];
    2; [(A0 B0), (A1 B1)] (A2 B2) [(A3 B3), (A4 B4), (A5 B5)];
    3; [(A0 B0), (A1 B1), (A2 B2)] (A3 B3) [(A4 B4), (A5 B5)];
    4; [(A0 B0), (A1 B1), (A2 B2), (A3 B3)] (A4 B4) [(A5 B5)];
    5; [(A0 B0), (A1 B1), (A2 B2), (A3 B3), (A4 B4)] (A5 B5) [];
}

/// The sizes of `a` with a unit axis inserted at `i`, and the strides with a 0 there.
fn insert_unit(dims: &[usize], strides: &[usize], i: usize) -> (Vec<usize>, Vec<usize>) {
    let (mut d, mut s) = (dims.to_vec(), strides.to_vec());
    d.insert(i, 1);
    s.insert(i, 0);
    (d, s)
}

fn index_of<S: Shape>(src: &[usize]) -> S::Index {
    let mut out = S::Index::default();
    out.as_mut().copy_from_slice(src);
    out
}

impl<T: Number, S: Shape> Tensor<T, S> {
    /// The same tensor with a new [`One`] axis inserted before axis `I` (`I = RANK` appends):
    /// (A, B) -> (One, A, B) for `I = 0`. No copy.
    ///
    /// ```
    /// use shaped::{Const, Matrix, One, Tensor, Vector};
    /// let v = Vector::<f64, 3>::from_fn(|[i]| i as f64);
    /// let row: Tensor<f64, (One, Const<3>)> = v.clone().unsqueeze::<0>();
    /// let col: Tensor<f64, (Const<3>, One)> = v.unsqueeze::<1>();
    /// let table: Matrix<f64, 3, 3> = &col * &row; // an outer product by broadcasting
    /// assert_eq!(table[[2, 2]], 4.0);
    /// ```
    pub fn unsqueeze<const I: usize>(self) -> Tensor<T, <S as InsertAxis<I>>::Out>
    where
        S: InsertAxis<I>,
    {
        let dims = self.dims();
        let (d, _) = insert_unit(dims.as_ref(), dims.as_ref(), I);
        let shape = <S as InsertAxis<I>>::Out::try_from_dims(&d).expect("a new axis is a `One`");
        unwrap_or_panic(self.try_reshape_with(shape))
    }

    /// The same tensor without its [`One`] axis `I`: (A, One, B) -> (A, B) for `I = 1`. No
    /// copy. Squeezing an axis that is not `One` does not compile.
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let a = tensor![[1., 2.], [3., 4.]];
    /// let sums: Vector<f64, 2> = a.sum_keepdim::<1>().squeeze::<1>();
    /// assert_eq!(sums.as_slice(), &[3., 7.]);
    /// ```
    pub fn squeeze<const I: usize>(self) -> Tensor<T, <S as SqueezeAxis<I>>::Out>
    where
        S: SqueezeAxis<I>,
    {
        let mut d = self.dims().as_ref().to_vec();
        d.remove(I);
        let shape = <S as SqueezeAxis<I>>::Out::try_from_dims(&d).expect("the other axes are kept");
        unwrap_or_panic(self.try_reshape_with(shape))
    }
}

impl<'a, T, S: Shape> TensorView<'a, T, S> {
    /// The view with a new [`One`] axis inserted before axis `I`. No copy.
    ///
    /// ```
    /// use shaped::{AsView, Matrix};
    /// let a = Matrix::<f32, 2, 3>::zeros();
    /// assert_eq!(a.t().unsqueeze::<2>().dims(), [3, 2, 1]);
    /// ```
    pub fn unsqueeze<const I: usize>(self) -> TensorView<'a, T, <S as InsertAxis<I>>::Out>
    where
        S: InsertAxis<I>,
    {
        let (d, s) = insert_unit(self.dims().as_ref(), self.strides().as_ref(), I);
        let shape = <S as InsertAxis<I>>::Out::try_from_dims(&d).expect("a new axis is a `One`");
        let strides = index_of::<<S as InsertAxis<I>>::Out>(&s);
        unwrap_or_panic(TensorView::from_slice_strided(
            self.raw_data(),
            shape,
            strides,
        ))
    }

    /// The view without its [`One`] axis `I`. No copy.
    ///
    /// ```
    /// use shaped::{Const, One, Tensor};
    /// let a = Tensor::<f32, (Const<2>, One)>::zeros();
    /// assert_eq!(a.view().squeeze::<1>().dims(), [2]);
    /// ```
    pub fn squeeze<const I: usize>(self) -> TensorView<'a, T, <S as SqueezeAxis<I>>::Out>
    where
        S: SqueezeAxis<I>,
    {
        let (mut d, mut s) = (
            self.dims().as_ref().to_vec(),
            self.strides().as_ref().to_vec(),
        );
        d.remove(I);
        s.remove(I);
        let shape = <S as SqueezeAxis<I>>::Out::try_from_dims(&d).expect("the other axes are kept");
        let strides = index_of::<<S as SqueezeAxis<I>>::Out>(&s);
        unwrap_or_panic(TensorView::from_slice_strided(
            self.raw_data(),
            shape,
            strides,
        ))
    }
}

impl<T: Number, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// Joins `other` after `self` along axis `I`: (A, B) with (C, B) -> (A + C, B) for `I = 0`.
    /// The joined axis is `SumOf<A, C>` (static when both are); every other axis must be the
    /// same dim, and a static mismatch does not compile.
    ///
    /// # Panics
    /// When `Dyn` dims of the other axes differ at run time (see `try_concat`).
    ///
    /// ```
    /// use shaped::{tensor, Const, AnyDim, Matrix};
    /// let a: Matrix<i32, 1, 2> = tensor![[1, 2]];
    /// let b: Matrix<i32, 2, 2> = tensor![[3, 4], [5, 6]];
    /// let c = a.concat::<0, _>(&b); // (SumOf<Const<1>, Const<2>>, Const<2>)
    /// assert_eq!(c.dims(), [3, 2]);
    /// assert_eq!(c.as_slice(), &[1, 2, 3, 4, 5, 6]);
    /// let wide = b.concat::<1, _>(&b.t());
    /// assert_eq!(wide.as_slice(), &[3, 4, 3, 5, 5, 6, 4, 6]);
    /// let fixed: Matrix<i32, 3, 2> = c.try_into_shape::<(Const<3>, Const<2>)>().unwrap();
    /// assert_eq!(fixed[[2, 1]], 6);
    /// ```
    #[track_caller]
    pub fn concat<const I: usize, S2: Shape>(
        &self,
        other: &impl AsView<T, S2>,
    ) -> Tensor<T, <S as ConcatShapes<I, S2>>::Out>
    where
        S: ConcatShapes<I, S2>,
    {
        unwrap_or_panic(self.try_concat::<I, S2>(other))
    }

    /// `concat` that returns an error when `Dyn` dims of the other axes differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let a = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    /// let b = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(4)));
    /// assert!(a.try_concat::<0, _>(&b).is_err());
    /// assert_eq!(a.try_concat::<1, _>(&b).unwrap().dims(), [2, 7]);
    /// ```
    pub fn try_concat<const I: usize, S2: Shape>(
        &self,
        other: &impl AsView<T, S2>,
    ) -> Result<Tensor<T, <S as ConcatShapes<I, S2>>::Out>, ShapeError>
    where
        S: ConcatShapes<I, S2>,
    {
        let (a, b) = (AsView::view(self), other.view());
        let (da, db) = (a.dims(), b.dims());
        let (da, db) = (da.as_ref(), db.as_ref());
        let agree = da
            .iter()
            .zip(db)
            .enumerate()
            .all(|(k, (x, y))| k == I || x == y);
        if !agree {
            return Err(ShapeError::pair(
                "concat",
                da,
                db,
                format!(
                    "shapes {} and {} differ on an axis other than axis {I}",
                    fmt_dims(da),
                    fmt_dims(db)
                ),
            )
            .with_names(S::NAMES, S2::NAMES));
        }
        let mut d = da.to_vec();
        d[I] += db[I];
        let shape = <S as ConcatShapes<I, S2>>::Out::try_from_dims(&d)
            .expect("the joined axis is the sum of the two");
        let outer: usize = da[..I].iter().product();
        let inner: usize = da[I + 1..].iter().product();
        let (na, nb) = (da[I] * inner, db[I] * inner);
        let mut out = Tensor::zeros_with(shape);
        let o = out.as_mut_slice();
        let (mut ia, mut ib) = (a.iter(), b.iter());
        for k in 0..outer {
            let block = &mut o[k * (na + nb)..(k + 1) * (na + nb)];
            for (slot, x) in block[..na].iter_mut().zip(ia.by_ref().take(na)) {
                *slot = *x;
            }
            for (slot, x) in block[na..].iter_mut().zip(ib.by_ref().take(nb)) {
                *slot = *x;
            }
        }
        Ok(out)
    }
}
