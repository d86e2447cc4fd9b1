//! Dimensions: [`Const<N>`] (known at compile time), [`Dyn`] (known at run time) and [`One`]
//! (the broadcastable unit axis), and the relations between two dimensions that operations
//! require: [`SameDim`], [`InnerDim`] and [`Broadcast`].
//!
//! Each relation has one impl per pair of dimension kinds. A pair of `Const`s relates only when
//! the sizes agree, so a mismatch is a compile error; any pair that involves a `Dyn` relates at
//! compile time and is checked at run time by the operation that uses it.

use core::fmt::Debug;

/// One axis of a shape: its size, known at compile time or only at run time.
///
/// Implemented by [`Const<N>`], [`Dyn`], [`One`] and the derived dims of [`crate::derived`].
///
/// ```
/// use shaped::{Const, Dim, Dyn, One};
/// assert_eq!(<Const<3> as Dim>::STATIC, Some(3));
/// assert_eq!(<Dyn as Dim>::STATIC, None);
/// assert_eq!(Dyn(7).size(), 7);
/// assert_eq!(One.size(), 1);
/// assert!(Const::<3>::try_from_size(4).is_none());
/// ```
pub trait Dim: Copy + Debug + PartialEq + Send + Sync + 'static {
    /// The size when it is known at compile time, `None` for a run-time size.
    const STATIC: Option<usize>;
    /// The size of this axis.
    fn size(&self) -> usize;
    /// The dim of size `n`, or `None` when this kind of dim cannot have that size
    /// (`Const<3>` cannot be 4, `One` cannot be 2).
    fn try_from_size(n: usize) -> Option<Self>;
}

/// A dimension whose size is known at compile time: every value of the type has the same size.
///
/// ```
/// use shaped::{Const, StaticDim};
/// assert_eq!(<Const<5> as StaticDim>::SIZE, 5);
/// ```
pub trait StaticDim: Dim + Default {
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
/// use shaped::{Dim, One};
/// assert_eq!(One.size(), 1);
/// assert!(One::try_from_size(2).is_none());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct One;

impl<const N: usize> Dim for Const<N> {
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

impl<const N: usize> StaticDim for Const<N> {
    const SIZE: usize = N;
}

impl Dim for Dyn {
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

impl Dim for One {
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
/// accepted here and checked at run time.
///
/// ```
/// use shaped::{Const, Dyn, SameDim};
/// fn merged<A: SameDim<B>, B: shaped::Dim>() -> Option<usize> {
///     <A::Out as shaped::Dim>::STATIC
/// }
/// assert_eq!(merged::<Dyn, Const<4>>(), Some(4));
/// ```
#[diagnostic::on_unimplemented(
    message = "shape mismatch: dimensions differ: `{Self}` vs `{Rhs}`",
    label = "this dimension must equal `{Rhs}`",
    note = "the two axes must have the same size; use `Dyn` to check sizes at run time instead"
)]
pub trait SameDim<Rhs: Dim>: Dim {
    /// The merged dim: static where either side is.
    type Out: Dim;
}

/// The inner dimension of a product: the `K` of `(M, K) x (K, N)`.
///
/// ```
/// use shaped::{Const, Dyn, InnerDim};
/// fn inner<A: InnerDim<B>, B: shaped::Dim>() -> Option<usize> {
///     <A::Out as shaped::Dim>::STATIC
/// }
/// assert_eq!(inner::<Const<300>, Const<300>>(), Some(300));
/// assert_eq!(inner::<Dyn, Dyn>(), None);
/// ```
#[diagnostic::on_unimplemented(
    message = "matmul shape mismatch: inner dimensions differ: `{Self}` vs `{Rhs}`",
    label = "the columns of the left operand must equal the rows of the right operand",
    note = "in (M, K) x (K, N) both K must be the same dimension"
)]
pub trait InnerDim<Rhs: Dim>: Dim {
    /// The merged inner dim: static where either side is.
    type Out: Dim;
}

/// Broadcasting of two dims, numpy's rules: equal sizes, or one side is [`One`] and stretches.
///
/// `Const<1>` does not stretch; only `One` does. A `Dyn` of size 1 stretches at run time.
///
/// ```
/// use shaped::{Broadcast, Const, One};
/// fn out<A: Broadcast<B>, B: shaped::Dim>() -> Option<usize> {
///     <A::Out as shaped::Dim>::STATIC
/// }
/// assert_eq!(out::<One, Const<7>>(), Some(7));
/// assert_eq!(out::<Const<7>, Const<7>>(), Some(7));
/// ```
#[diagnostic::on_unimplemented(
    message = "cannot broadcast `{Self}` against `{Rhs}`",
    label = "this dimension is incompatible with `{Rhs}`",
    note = "broadcasting needs equal sizes, or a `One` axis on one side: only `One` axes stretch (`Const<1>` does not)"
)]
pub trait Broadcast<Rhs: Dim>: Dim {
    /// The broadcast dim: the stretched side where one side is `One`.
    type Out: Dim;
}

/// Implements an equality-like relation for every pair of `Const`, `Dyn` and `One`.
/// Expands to 7 impls per relation: (Const<N>, Const<N>), (Const<N>, Dyn), (Dyn, Const<N>),
/// (Dyn, Dyn), (One, One), (One, Dyn), (Dyn, One).
macro_rules! equality_relation {
    ($rel:ident) => {
        #[diagnostic::do_not_recommend]
        impl<const N: usize> $rel<Const<N>> for Const<N> {
            type Out = Const<N>;
        }
        #[diagnostic::do_not_recommend]
        impl<const N: usize> $rel<Dyn> for Const<N> {
            type Out = Const<N>;
        }
        #[diagnostic::do_not_recommend]
        impl<const N: usize> $rel<Const<N>> for Dyn {
            type Out = Const<N>;
        }
        #[diagnostic::do_not_recommend]
        impl $rel<Dyn> for Dyn {
            type Out = Dyn;
        }
        #[diagnostic::do_not_recommend]
        impl $rel<One> for One {
            type Out = One;
        }
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

equality_relation!(SameDim);
equality_relation!(InnerDim);

// Broadcast: the pairs of equality, plus `One` stretching against `Const` (both orders).
// `One` against `Dyn` gives `Dyn`: the size is data, and the `Dyn` side decides it.
#[diagnostic::do_not_recommend]
impl<const N: usize> Broadcast<Const<N>> for Const<N> {
    type Out = Const<N>;
}
#[diagnostic::do_not_recommend]
impl<const N: usize> Broadcast<Dyn> for Const<N> {
    type Out = Const<N>;
}
#[diagnostic::do_not_recommend]
impl<const N: usize> Broadcast<Const<N>> for Dyn {
    type Out = Const<N>;
}
#[diagnostic::do_not_recommend]
impl Broadcast<Dyn> for Dyn {
    type Out = Dyn;
}
#[diagnostic::do_not_recommend]
impl Broadcast<One> for One {
    type Out = One;
}
#[diagnostic::do_not_recommend]
impl Broadcast<Dyn> for One {
    type Out = Dyn;
}
#[diagnostic::do_not_recommend]
impl Broadcast<One> for Dyn {
    type Out = Dyn;
}
#[diagnostic::do_not_recommend]
impl<const N: usize> Broadcast<One> for Const<N> {
    type Out = Const<N>;
}
#[diagnostic::do_not_recommend]
impl<const N: usize> Broadcast<Const<N>> for One {
    type Out = Const<N>;
}

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
