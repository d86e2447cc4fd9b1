//! Dimensions: [`Const<N>`] (known at compile time), [`Dyn`] (known at run time), named dims
//! made by [`dim!`](crate::dim!), and [`One`] (the broadcastable unit axis); the relations
//! between two dimensions that operations require: [`SameDim`], [`InnerDim`] and [`Broadcast`].
//!
//! Two traits describe an axis. [`AnyDim`] is any axis of a shape, `One` included. [`Dim`] is
//! every axis but `One`: the bound generic code writes (`fn f<B: Dim>`). Because `One` is not a
//! `Dim`, every relation holds reflexively for any `D: Dim` (`D` with `D`, `D` with `One`, `One`
//! with `D`) without overlapping the impls for `One`, so generic code needs no extra bounds.
//!
//! Beyond these, each relation has one impl per pair of different dimension kinds (`Const` with
//! `Dyn`, a derived dim with `Const` or `Dyn`, `One` with `Dyn`). A pair of `Const`s relates
//! only when the sizes agree, so a mismatch is a compile error; any pair that involves a `Dyn`
//! relates at compile time and is checked at run time by the operation that uses it. Named dims
//! relate only to themselves and to `One`.

use core::fmt::Debug;

/// Any axis of a shape: its size, known at compile time or only at run time.
///
/// Implemented by [`Const<N>`], [`Dyn`], [`One`], named dims and the derived dims of
/// [`crate::derived`]. Bound generic code by [`Dim`] instead, unless the axis may be `One`.
///
/// ```
/// use shaped::{AnyDim, Const, Dyn, One};
/// assert_eq!(<Const<3> as AnyDim>::STATIC, Some(3));
/// assert_eq!(<Dyn as AnyDim>::STATIC, None);
/// assert_eq!(Dyn(7).size(), 7);
/// assert_eq!(One.size(), 1);
/// assert!(Const::<3>::try_from_size(4).is_none());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a dimension",
    label = "a shape is a tuple of dimensions",
    note = "dimensions are `Const<N>`, `Dyn`, `One` and the named dims made by `dim!`"
)]
pub trait AnyDim: Copy + Debug + PartialEq + Send + Sync + 'static {
    /// The size when it is known at compile time, `None` for a run-time size.
    const STATIC: Option<usize>;
    /// The name of a named dim (`Some("Batch")`), printed in run-time messages; `None` for an
    /// anonymous one.
    const NAME: Option<&'static str> = None;
    /// The size of this axis.
    fn size(&self) -> usize;
    /// The dim of size `n`, or `None` when this kind of dim cannot have that size
    /// (`Const<3>` cannot be 4, `One` cannot be 2).
    fn try_from_size(n: usize) -> Option<Self>;
}

/// A dimension that is not the broadcast unit [`One`]: `Const<N>`, `Dyn`, named dims and
/// derived dims. The bound for generic code.
///
/// Every relation holds for a `D: Dim` with itself and with `One`, so a function generic
/// over `B: Dim` needs no other bound to multiply, broadcast or reduce along `B`:
///
/// ```
/// use shaped::{Const, Dim, Tensor};
/// fn centre<B: Dim>(x: &Tensor<f32, (B, Const<3>)>) -> Tensor<f32, (B, Const<3>)> {
///     x - &x.mean_keepdim::<1>() // (B, 3) - (B, One)
/// }
/// let x = Tensor::<f32, (Const<2>, Const<3>)>::from([[1., 2., 3.], [0., 0., 3.]]);
/// assert_eq!(centre(&x).as_slice(), &[-1., 0., 1., -1., -1., 2.]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used as a `Dim`",
    label = "`Dim` is any dimension but `One`",
    note = "a parameter that may be `One` (what `keepdim` returns) is bound by `AnyDim` instead, or the `One` axis is removed first with `squeeze::<I>()`"
)]
pub trait Dim: AnyDim {}

/// A dimension whose size is known at compile time: every value of the type has the same size.
///
/// ```
/// use shaped::{Const, StaticDim};
/// assert_eq!(<Const<5> as StaticDim>::SIZE, 5);
/// ```
pub trait StaticDim: AnyDim + Default {
    /// The size of every value of this type.
    const SIZE: usize;
}

/// A dimension of size `N`, known at compile time. Zero-sized.
///
/// ```
/// use shaped::{Const, Matrix, Tensor};
/// let m: Tensor<f64, (Const<2>, Const<3>)> = Matrix::zeros();
/// assert_eq!(m.dims(), [2, 3]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Const<const N: usize>;

/// A dimension whose size is known only at run time.
///
/// Operations that meet a `Dyn` check its size when they run: the panicking form panics at the
/// caller's line naming both shapes, the `try_` form returns a [`crate::ShapeError`].
///
/// ```
/// use shaped::{Dyn, Tensor};
/// let x = Tensor::<f32, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(5)));
/// assert_eq!(x.dims(), [2, 5]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dyn(pub usize);

/// The broadcastable unit axis: size 1, and stretches against any size in elementwise
/// operations. `keepdim` reductions produce it and `unsqueeze` inserts it.
///
/// `Const<1>` does not stretch (stable Rust cannot tell it apart from `Const<N>` in impls):
/// use `One` where an axis should broadcast.
///
/// ```
/// use shaped::{AnyDim, One};
/// assert_eq!(One.size(), 1);
/// assert!(One::try_from_size(2).is_none());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct One;

impl<const N: usize> AnyDim for Const<N> {
    const STATIC: Option<usize> = Some(N);
    #[inline(always)]
    fn size(&self) -> usize {
        N
    }
    #[inline]
    fn try_from_size(n: usize) -> Option<Self> {
        (n == N).then_some(Const)
    }
}

impl<const N: usize> Dim for Const<N> {}

// Inherent `size` methods, so that `.size()` on a concrete dim needs no trait in scope (the
// trait method lives on `AnyDim`, which a user who imports only `Dim` does not see).
impl<const N: usize> Const<N> {
    /// The size, `N`.
    #[inline(always)]
    pub const fn size(&self) -> usize {
        N
    }
}
impl Dyn {
    /// The size.
    #[inline(always)]
    pub const fn size(&self) -> usize {
        self.0
    }
}
impl One {
    /// The size, 1.
    #[inline(always)]
    pub const fn size(&self) -> usize {
        1
    }
}

impl<const N: usize> StaticDim for Const<N> {
    const SIZE: usize = N;
}

impl AnyDim for Dyn {
    const STATIC: Option<usize> = None;
    #[inline(always)]
    fn size(&self) -> usize {
        self.0
    }
    #[inline]
    fn try_from_size(n: usize) -> Option<Self> {
        Some(Dyn(n))
    }
}

impl Dim for Dyn {}

impl AnyDim for One {
    const STATIC: Option<usize> = Some(1);
    #[inline(always)]
    fn size(&self) -> usize {
        1
    }
    #[inline]
    fn try_from_size(n: usize) -> Option<Self> {
        (n == 1).then_some(One)
    }
}

impl StaticDim for One {
    const SIZE: usize = 1;
}

/// Two dims that must be equal (the `N` of `solve`, the rows of `lstsq`, `zip_map`).
///
/// `Out` is the merged dim: the static side when there is one. Pairs involving `Dyn` are
/// accepted here and checked at run time. Every `D: Dim` is the same as itself.
///
/// ```
/// use shaped::{AnyDim, Const, Dyn, SameDim};
/// fn merged<A: SameDim<B>, B: AnyDim>() -> Option<usize> {
///     <A::Out as AnyDim>::STATIC
/// }
/// assert_eq!(merged::<Dyn, Const<4>>(), Some(4));
/// ```
#[diagnostic::on_unimplemented(
    message = "shape mismatch: dimensions differ: `{Self}` vs `{Rhs}`",
    label = "this dimension must equal `{Rhs}`",
    note = "the two axes must have the same size; use `Dyn` to check sizes at run time instead"
)]
pub trait SameDim<Rhs: AnyDim>: AnyDim {
    /// The merged dim: static where either side is.
    type Out: AnyDim;
}

/// The inner dimension of a product: the `K` of `(M, K) x (K, N)`.
///
/// ```
/// use shaped::{AnyDim, Const, Dyn, InnerDim};
/// fn inner<A: InnerDim<B>, B: AnyDim>() -> Option<usize> {
///     <A::Out as AnyDim>::STATIC
/// }
/// assert_eq!(inner::<Const<300>, Const<300>>(), Some(300));
/// assert_eq!(inner::<Dyn, Dyn>(), None);
/// ```
#[diagnostic::on_unimplemented(
    message = "matmul shape mismatch: inner dimensions differ: `{Self}` vs `{Rhs}`",
    label = "the columns of the left operand must equal the rows of the right operand",
    note = "in (M, K) x (K, N) both K must be the same dimension"
)]
pub trait InnerDim<Rhs: AnyDim>: AnyDim {
    /// The merged inner dim: static where either side is.
    type Out: AnyDim;
}

/// Broadcasting of two dims, numpy's rules: equal sizes, or one side is [`One`] and stretches.
///
/// `Const<1>` does not stretch; only `One` does. A `Dyn` of size 1 stretches at run time.
///
/// ```
/// use shaped::{AnyDim, Broadcast, Const, One};
/// fn out<A: Broadcast<B>, B: AnyDim>() -> Option<usize> {
///     <A::Out as AnyDim>::STATIC
/// }
/// assert_eq!(out::<One, Const<7>>(), Some(7));
/// assert_eq!(out::<Const<7>, Const<7>>(), Some(7));
/// ```
#[diagnostic::on_unimplemented(
    message = "cannot broadcast `{Self}` against `{Rhs}`",
    label = "this dimension is incompatible with `{Rhs}`",
    note = "broadcasting needs equal sizes, or a `One` axis on one side: only `One` axes stretch (`Const<1>` does not)"
)]
pub trait Broadcast<Rhs: AnyDim>: AnyDim {
    /// The broadcast dim: the stretched side where one side is `One`.
    type Out: AnyDim;
}

// The reflexive impls: any `D: Dim` relates to itself (Out = D), and broadcasts with `One` on
// either side (Out = D). They do not overlap the impls for `One` below because `One` is not a
// `Dim`, which the compiler knows since both are defined in this crate.
#[diagnostic::do_not_recommend]
impl<D: Dim> SameDim<D> for D {
    type Out = D;
}
#[diagnostic::do_not_recommend]
impl<D: Dim> InnerDim<D> for D {
    type Out = D;
}
#[diagnostic::do_not_recommend]
impl<D: Dim> Broadcast<D> for D {
    type Out = D;
}
#[diagnostic::do_not_recommend]
impl<D: Dim> Broadcast<One> for D {
    type Out = D;
}
#[diagnostic::do_not_recommend]
impl<D: Dim> Broadcast<D> for One {
    type Out = D;
}

/// Implements a relation between two different dim kinds, for the pairs the reflexive impls
/// leave out: (Const<N>, Dyn), (Dyn, Const<N>) with `Out` the static side, and the `One` pairs
/// of an equality (One, One), (One, Dyn), (Dyn, One) with `Out = One`. Broadcast takes only the
/// first two and (One, One): its other `One` pairs are reflexive.
macro_rules! cross_kind_relation {
    (@const_dyn $rel:ident) => {
        #[diagnostic::do_not_recommend]
        impl<const N: usize> $rel<Dyn> for Const<N> {
            type Out = Const<N>;
        }
        #[diagnostic::do_not_recommend]
        impl<const N: usize> $rel<Const<N>> for Dyn {
            type Out = Const<N>;
        }
        #[diagnostic::do_not_recommend]
        impl $rel<One> for One {
            type Out = One;
        }
    };
    ($rel:ident) => {
        cross_kind_relation!(@const_dyn $rel);
        #[diagnostic::do_not_recommend]
        impl $rel<Dyn> for One {
            type Out = One;
        }
        #[diagnostic::do_not_recommend]
        impl $rel<One> for Dyn {
            type Out = One;
        }
    };
}

cross_kind_relation!(SameDim);
cross_kind_relation!(InnerDim);
cross_kind_relation!(@const_dyn Broadcast);

/// The size two dims take when broadcast at run time (numpy's rule), or `None` when they
/// cannot broadcast.
#[inline]
pub(crate) fn broadcast_size(a: usize, b: usize) -> Option<usize> {
    if a == b || b == 1 {
        Some(a)
    } else if a == 1 {
        Some(b)
    } else {
        None
    }
}

/// Declares a named dim: a dimension whose name is part of its type, so that two axes of equal
/// size but different meaning do not mix.
///
/// - `dim!(pub Batch);` makes `pub struct Batch(pub usize)`, a dim whose size is known at run
///   time (`Batch(32)`).
/// - `dim!(pub Features = 300);` makes `pub struct Features;`, a zero-sized dim of static size
///   300 (`STATIC = Some(300)`, and a [`StaticDim`]).
///
/// A named dim is a [`Dim`]: it relates to itself and to [`One`] (matmul, broadcasting,
/// reductions, einsum letters, square checks), never to another named dim, a `Const` or a
/// `Dyn`, even of the same size. Compile errors print its name (`(Batch, Features)` vs
/// `(Seq, Features)`); run-time messages print the name with the size (`(Batch=32,
/// Features=300)`). `into_shape` converts it to `Dyn`, and a static one to or from the `Const`
/// of its size; `try_into_shape` converts anything after a run-time check.
///
/// ```
/// use shaped::{dim, AnyDim, Tensor};
/// dim!(pub Batch);
/// dim!(pub Features = 3);
/// dim!(pub Hidden = 2);
/// let x = Tensor::<f32, (Batch, Features)>::ones_with((Batch(4), Features));
/// let w = Tensor::<f32, (Features, Hidden)>::ones();
/// let h = x.matmul(&w); // (Batch, Hidden)
/// assert_eq!(h.dims(), [4, 2]);
/// assert_eq!(<Features as AnyDim>::STATIC, Some(3));
/// assert_eq!(<Batch as AnyDim>::NAME, Some("Batch"));
/// ```
#[macro_export]
macro_rules! dim {
    ($(#[$attr:meta])* $vis:vis $name:ident) => {
        $(#[$attr])*
        #[doc = concat!("The named dim `", stringify!($name), "`, of a size known at run time.")]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        $vis struct $name(pub usize);

        impl $crate::AnyDim for $name {
            const STATIC: ::core::option::Option<usize> = ::core::option::Option::None;
            const NAME: ::core::option::Option<&'static str> =
                ::core::option::Option::Some(stringify!($name));
            #[inline(always)]
            fn size(&self) -> usize {
                self.0
            }
            #[inline]
            fn try_from_size(n: usize) -> ::core::option::Option<Self> {
                ::core::option::Option::Some($name(n))
            }
        }
        impl $crate::Dim for $name {}
        impl $crate::dim::IntoDim<$crate::Dyn> for $name {}
        impl $name {
            /// The size of this axis.
            #[inline(always)]
            pub const fn size(&self) -> usize {
                self.0
            }
        }
    };
    ($(#[$attr:meta])* $vis:vis $name:ident = $size:expr) => {
        $(#[$attr])*
        #[doc = concat!("The named dim `", stringify!($name), "`, of static size ", stringify!($size), ".")]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        $vis struct $name;

        impl $crate::AnyDim for $name {
            const STATIC: ::core::option::Option<usize> = ::core::option::Option::Some($size);
            const NAME: ::core::option::Option<&'static str> =
                ::core::option::Option::Some(stringify!($name));
            #[inline(always)]
            fn size(&self) -> usize {
                $size
            }
            #[inline]
            fn try_from_size(n: usize) -> ::core::option::Option<Self> {
                (n == $size).then_some($name)
            }
        }
        impl $crate::Dim for $name {}
        impl $crate::StaticDim for $name {
            const SIZE: usize = $size;
        }
        impl $name {
            /// The size of this axis.
            #[inline(always)]
            pub const fn size(&self) -> usize {
                $size
            }
        }
        impl $crate::dim::IntoDim<$crate::Dyn> for $name {}
        impl<const N: usize> $crate::dim::IntoDim<$crate::Const<N>> for $name {
            const CHECK: () = ::core::assert!(
                N == $size,
                concat!("into_shape: the named dim `", stringify!($name), "` has size ", stringify!($size), ", not the `Const` size")
            );
        }
        impl<const N: usize> $crate::dim::IntoDim<$name> for $crate::Const<N> {
            const CHECK: () = ::core::assert!(
                N == $size,
                concat!("into_shape: the `Const` size is not the size ", stringify!($size), " of the named dim `", stringify!($name), "`")
            );
        }
    };
}

/// An axis that converts to the dim `D2` without a run-time check: the same dim, `Const<N>` or
/// a named dim to `Dyn`, and a static named dim to or from the `Const` of its size (checked at
/// build by [`CHECK`](IntoDim::CHECK)). What `into_shape` needs of each axis.
///
/// ```
/// use shaped::{Const, Dyn};
/// use shaped::dim::IntoDim;
/// fn converts<A: IntoDim<B>, B: shaped::AnyDim>() {}
/// converts::<Const<3>, Dyn>();
/// converts::<Dyn, Dyn>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not convert to `{D2}` without a run-time check",
    label = "`into_shape` cannot prove this axis is a `{D2}`",
    note = "`into_shape` converts an axis to itself, `Const<N>` or a named dim to `Dyn`, and a static named dim to or from the `Const` of its size",
    note = "use `try_into_shape` to check the sizes at run time"
)]
pub trait IntoDim<D2: AnyDim>: AnyDim {
    /// Evaluated at build by `into_shape`: fails when the sizes of two static dims differ.
    const CHECK: () = ();
}

#[diagnostic::do_not_recommend]
impl<D: Dim> IntoDim<D> for D {}
#[diagnostic::do_not_recommend]
impl IntoDim<One> for One {}
#[diagnostic::do_not_recommend]
impl IntoDim<Dyn> for One {}
#[diagnostic::do_not_recommend]
impl<const N: usize> IntoDim<Dyn> for Const<N> {}
