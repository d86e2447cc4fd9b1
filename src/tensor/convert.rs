//! Conversions: array literals, reshapes, and moving between static and dynamic shapes.

use super::Tensor;
use super::storage::Storage;
use crate::derived::ProdOf;
use crate::dim::{AnyDim, Const, IntoDim};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::Number;
use crate::shape::{Shape, StaticShape, fmt_dims};

/// Two shapes of the same rank: what `try_into_shape` needs to move between them.
///
/// ```
/// use shaped::{Const, Dyn, SameRank};
/// fn same<A: SameRank<B>, B: shaped::Shape>() {}
/// same::<(Dyn, Dyn), (Const<2>, Const<3>)>();
/// ```
#[diagnostic::on_unimplemented(
    message = "cannot convert a tensor of shape `{Self}` into shape `{S2}`: the ranks differ",
    label = "the target shape must have the same number of axes",
    note = "`try_into_shape` only changes how each axis is typed (`Dyn` or `Const`); use `reshape` or `reshape_with` to change the rank"
)]
pub trait SameRank<S2: Shape>: Shape {}

/// A shape whose every axis converts to the matching axis of `S2` without a run-time check
/// ([`IntoDim`]): what `into_shape` needs. `CHECK`, evaluated at build, fails when a static
/// named dim meets a `Const` of another size.
///
/// ```
/// use shaped::{Const, Dyn, IntoShape};
/// fn converts<A: IntoShape<B>, B: shaped::Shape>() {}
/// converts::<(Const<2>, Const<3>), (Dyn, Const<3>)>();
/// ```
#[diagnostic::on_unimplemented(
    message = "cannot convert shape `{Self}` into shape `{S2}` without a run-time check",
    label = "`into_shape` needs every axis to convert as it is",
    note = "`into_shape` converts an axis to itself, `Const<N>` or a named dim to `Dyn`, and a static named dim to or from the `Const` of its size; use `try_into_shape` to check the sizes at run time"
)]
pub trait IntoShape<S2: Shape>: Shape {
    /// Evaluated at build by `into_shape`: fails when two static sizes differ.
    const CHECK: ();
}

/// Implements the conversions between two shapes of one rank: `SameRank` (what
/// `try_into_shape` needs) for any dims, and `IntoShape` where axis `A_k` converts into `B_k`.
macro_rules! conversions {
    ($(($($a:ident),*) ($($b:ident),*);)*) => {$(
        #[diagnostic::do_not_recommend]
        impl<$($a: AnyDim,)* $($b: AnyDim,)*> SameRank<($($b,)*)> for ($($a,)*) {}

        #[diagnostic::do_not_recommend]
        impl<$($a: IntoDim<$b>,)* $($b: AnyDim,)*> IntoShape<($($b,)*)> for ($($a,)*) {
            const CHECK: () = {
                $(let () = <$a as IntoDim<$b>>::CHECK;)*
            };
        }
    )*};
}

conversions! {
    () ();
    (A0) (B0);
    (A0, A1) (B0, B1);
    (A0, A1, A2) (B0, B1, B2);
    (A0, A1, A2, A3) (B0, B1, B2, B3);
    (A0, A1, A2, A3, A4) (B0, B1, B2, B3, B4);
    (A0, A1, A2, A3, A4, A5) (B0, B1, B2, B3, B4, B5);
}

const fn count_fits(source: Option<usize>, target: usize) -> bool {
    match source {
        Some(n) => n == target,
        None => true,
    }
}

impl<T: Number, S: Shape> Tensor<T, S> {
    /// The same elements in a new static shape `S2`, row-major (no copy of the data).
    ///
    /// When the source shape is static, a different element count is a compile error under
    /// `cargo build` (a `const` assertion: `cargo check` does not evaluate it). When the source
    /// has `Dyn` dims, the count is checked at run time.
    ///
    /// # Panics
    /// When the source has `Dyn` dims and its element count differs from `S2`'s
    /// (see [`Self::try_reshape`]).
    ///
    /// ```
    /// use shaped::{Const, Matrix, Vector};
    /// let v = Vector::<i32, 6>::from_fn(|[i]| i as i32);
    /// let m: Matrix<i32, 2, 3> = v.reshape::<(Const<2>, Const<3>)>();
    /// assert_eq!(m[[1, 0]], 3);
    /// ```
    #[track_caller]
    pub fn reshape<S2: StaticShape>(self) -> Tensor<T, S2> {
        const {
            assert!(
                count_fits(S::STATIC_NUMEL, S2::NUMEL),
                "reshape: the target shape has a different number of elements than the source"
            )
        };
        unwrap_or_panic(self.try_reshape_with(S2::default()))
    }

    /// [`Self::reshape`] that returns an error when a `Dyn` source has the wrong element count.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::{Const, Dyn, Tensor};
    /// let x = Tensor::<f32, (Dyn,)>::zeros_with((Dyn(5),));
    /// assert!(x.try_reshape::<(Const<2>, Const<3>)>().is_err());
    /// ```
    pub fn try_reshape<S2: StaticShape>(self) -> Result<Tensor<T, S2>, ShapeError> {
        const {
            assert!(
                count_fits(S::STATIC_NUMEL, S2::NUMEL),
                "reshape: the target shape has a different number of elements than the source"
            )
        };
        self.try_reshape_with(S2::default())
    }

    /// The same elements in a new shape given at run time, row-major (no copy of the data).
    ///
    /// # Panics
    /// When the element counts differ (see [`Self::try_reshape_with`]).
    ///
    /// ```
    /// use shaped::{Dyn, Vector};
    /// let v = Vector::<f32, 6>::zeros();
    /// let m = v.reshape_with((Dyn(3), Dyn(2)));
    /// assert_eq!(m.dims(), [3, 2]);
    /// ```
    #[track_caller]
    pub fn reshape_with<S2: Shape>(self, shape: S2) -> Tensor<T, S2> {
        unwrap_or_panic(self.try_reshape_with(shape))
    }

    /// [`Self::reshape_with`] that returns an error when the element counts differ.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes; also when the element count of `shape` overflows
    /// `usize`.
    ///
    /// ```
    /// use shaped::{Dyn, Vector};
    /// let err = Vector::<f32, 6>::zeros().try_reshape_with((Dyn(4), Dyn(2))).unwrap_err();
    /// assert_eq!(err.to_string(), "reshape: cannot reshape (6,) (6 elements) into (4, 2) (8 elements)");
    /// ```
    pub fn try_reshape_with<S2: Shape>(self, shape: S2) -> Result<Tensor<T, S2>, ShapeError> {
        let (from, to) = (self.dims(), shape.dims());
        if super::checked_numel("reshape", to.as_ref())? != self.numel() {
            return Err(ShapeError::pair(
                "reshape",
                from.as_ref(),
                to.as_ref(),
                format!(
                    "cannot reshape {} ({} elements) into {} ({} elements)",
                    fmt_dims(from.as_ref()),
                    self.numel(),
                    fmt_dims(to.as_ref()),
                    shape.numel()
                ),
            ));
        }
        Ok(Tensor::from_storage(shape, self.data))
    }

    /// The elements as a vector, row-major: shape `(ProdOf<S>,)`.
    ///
    /// ```
    /// use shaped::{AnyDim, Matrix};
    /// let v = Matrix::<i32, 2, 3>::from_fn(|[i, j]| (3 * i + j) as i32).flatten();
    /// assert_eq!(v.shape().0.size(), 6);
    /// assert_eq!(v.as_slice(), &[0, 1, 2, 3, 4, 5]);
    /// ```
    pub fn flatten(self) -> Tensor<T, (ProdOf<S>,)> {
        let shape = (ProdOf::<S>::new(self.numel()),);
        Tensor::from_storage(shape, self.data)
    }

    /// The same tensor with every dim `Dyn`.
    ///
    /// ```
    /// use shaped::{Dyn, Matrix, Tensor};
    /// let d: Tensor<f32, (Dyn, Dyn)> = Matrix::<f32, 2, 3>::zeros().into_dyn();
    /// assert_eq!(d.shape(), (Dyn(2), Dyn(3)));
    /// ```
    pub fn into_dyn(self) -> Tensor<T, S::Dynamic> {
        let shape = S::Dynamic::try_from_dims(self.dims().as_ref())
            .expect("a Dyn shape of the same rank holds any sizes");
        Tensor::from_storage(shape, self.data)
    }

    /// The same tensor typed with shape `S2`, where every axis converts without a run-time
    /// check: the same dim; `Const<N>` or a named dim to `Dyn`; a static named dim to or from
    /// the `Const` of its size. Anything else is [`try_into_shape`](Self::try_into_shape).
    ///
    /// A static named dim and a `Const` of different sizes are a build error (a `const`
    /// assertion: it fires under `cargo build`, not `cargo check`); other axes that do not
    /// convert do not compile.
    ///
    /// ```
    /// use shaped::{dim, Const, Dyn, Tensor};
    /// dim!(Features = 3);
    /// let x = Tensor::<f32, (Const<2>, Const<3>)>::ones();
    /// let d: Tensor<f32, (Dyn, Const<3>)> = x.clone().into_shape();
    /// let f = x.into_shape::<(Dyn, Features)>();
    /// assert_eq!((d.dims(), f.dims()), ([2, 3], [2, 3]));
    /// ```
    pub fn into_shape<S2: Shape>(self) -> Tensor<T, S2>
    where
        S: IntoShape<S2>,
    {
        const { <S as IntoShape<S2>>::CHECK };
        let shape = S2::try_from_dims(self.dims().as_ref())
            .expect("into_shape: every axis converts without a run-time check");
        Tensor::from_storage(shape, self.data)
    }

    /// The same tensor typed with shape `S2` of the same rank, after checking at run time that
    /// every static dim of `S2` fits (the way from `Dyn` back to `Const`).
    ///
    /// # Errors
    /// [`ShapeError`] when a size does not fit `S2`; a target of another rank does not compile.
    ///
    /// ```
    /// use shaped::{Const, Dyn, Tensor};
    /// let d = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(100), Dyn(4)));
    /// let s = d.clone().try_into_shape::<(Const<100>, Const<4>)>()?;
    /// assert_eq!(s.dims(), [100, 4]);
    /// assert!(d.try_into_shape::<(Const<4>, Const<100>)>().is_err());
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn try_into_shape<S2: Shape>(self) -> Result<Tensor<T, S2>, ShapeError>
    where
        S: SameRank<S2>,
    {
        let dims = self.dims();
        match S2::try_from_dims(dims.as_ref()) {
            Some(shape) => Ok(Tensor::from_storage(shape, self.data)),
            None => Err(ShapeError::not_of_named_type(
                "try_into_shape",
                dims.as_ref(),
                &S2::static_dims(),
                S2::NAMES,
            )
            .with_names(S::NAMES, &[])),
        }
    }
}

impl<T: Number, const N: usize> From<[T; N]> for Tensor<T, (Const<N>,)> {
    /// A vector from an array literal.
    fn from(a: [T; N]) -> Self {
        Tensor::from_storage((Const,), Storage::from_iter_exact(N, a))
    }
}

impl<T: Number, const M: usize, const N: usize> From<[[T; N]; M]>
    for Tensor<T, (Const<M>, Const<N>)>
{
    /// A matrix from nested array literals, one inner array per row.
    fn from(a: [[T; N]; M]) -> Self {
        Tensor::from_storage(
            (Const, Const),
            Storage::from_iter_exact(M * N, a.into_iter().flatten()),
        )
    }
}

impl<T: Number, const A: usize, const B: usize, const C: usize> From<[[[T; C]; B]; A]>
    for Tensor<T, (Const<A>, Const<B>, Const<C>)>
{
    /// A rank-3 tensor from nested array literals.
    fn from(a: [[[T; C]; B]; A]) -> Self {
        Tensor::from_storage(
            (Const, Const, Const),
            Storage::from_iter_exact(A * B * C, a.into_iter().flatten().flatten()),
        )
    }
}

impl<T: Number> From<T> for Tensor<T, ()> {
    /// A rank-0 tensor holding one value.
    fn from(x: T) -> Self {
        Tensor::from_storage((), Storage::filled(1, x))
    }
}
