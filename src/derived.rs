//! Symbolic derived dims: [`MinOf<A, B>`], [`ProdOf<S>`] and [`SumOf<A, B>`].
//!
//! Stable Rust has no arithmetic on const generics (`Const<{ M * N }>` does not compile), so a
//! dim computed from others is a type that names the computation. Its [`AnyDim::STATIC`] size is
//! computed from its parts when they are all static, and it is a run-time size otherwise.
//! A value carries its size, so a derived dim over `Dyn` parts works like a `Dyn`.
//!
//! A derived dim relates ([`SameDim`], [`InnerDim`], [`Broadcast`]) to itself and to `One`
//! like any [`Dim`], and to `Const` and `Dyn` with the size checked at run time; where both
//! sides are static, operations that can check it at build time do so with a `const` assertion
//! (which fires under `cargo build`, not `cargo check`). Two different derived dims (`MinOf<M,
//! N>` and `SumOf<A, B>`, or `MinOf<M, N>` and `MinOf<N, M>`) do not relate: the impls would
//! overlap the reflexive ones. Convert one side with `into_shape` to `Dyn` first.

use core::fmt;
use core::marker::PhantomData;

use crate::dim::{AnyDim, Broadcast, Const, Dim, Dyn, InnerDim, IntoDim, One, SameDim};
use crate::shape::Shape;

/// The panic of a derived dim's `new` given a size other than its static one: out of line and
/// the same for every derived dim, so that each caller keeps only a call.
#[cold]
#[inline(never)]
#[track_caller]
fn derived_size_mismatch(name: &str, n: usize, expected: Option<usize>) -> ! {
    panic!("{name}: size {n} differs from the static size {expected:?}")
}

macro_rules! derived_dim {
    // `$rel` for (derived, Const<N>), (Const<N>, derived), (derived, Dyn), (Dyn, derived), with
    // the given `Out` types in that order.
    (@rel $rel:ident $name:ident<$($p:ident: $bound:ident),*>, $o1:ty, $o2:ty, $o3:ty, $o4:ty) => {
        #[diagnostic::do_not_recommend]
        impl<$($p: $bound,)* const N: usize> $rel<Const<N>> for $name<$($p),*> {
            type Out = $o1;
        }
        #[diagnostic::do_not_recommend]
        impl<$($p: $bound,)* const N: usize> $rel<$name<$($p),*>> for Const<N> {
            type Out = $o2;
        }
        #[diagnostic::do_not_recommend]
        impl<$($p: $bound),*> $rel<Dyn> for $name<$($p),*> {
            type Out = $o3;
        }
        #[diagnostic::do_not_recommend]
        impl<$($p: $bound),*> $rel<$name<$($p),*>> for Dyn {
            type Out = $o4;
        }
    };
    ($(#[$doc:meta])* $name:ident<$($p:ident: $bound:ident),*>, $label:literal, |$($s:ident),*| $static:expr) => {
        $(#[$doc])*
        pub struct $name<$($p),*>(usize, PhantomData<fn() -> ($($p,)*)>);

        impl<$($p),*> Clone for $name<$($p),*> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<$($p),*> Copy for $name<$($p),*> {}
        impl<$($p),*> PartialEq for $name<$($p),*> {
            fn eq(&self, other: &Self) -> bool {
                self.0 == other.0
            }
        }
        impl<$($p),*> Eq for $name<$($p),*> {}
        impl<$($p),*> fmt::Debug for $name<$($p),*> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", $label, self.0)
            }
        }

        impl<$($p: $bound),*> AnyDim for $name<$($p),*> {
            const STATIC: Option<usize> = {
                $(let $s = <$p as $bound>::STATIC_SIZE;)*
                $static
            };
            #[inline(always)]
            fn size(&self) -> usize {
                self.0
            }
            #[inline]
            fn try_from_size(n: usize) -> Option<Self> {
                match Self::STATIC {
                    Some(s) if s != n => None,
                    _ => Some($name(n, PhantomData)),
                }
            }
        }

        impl<$($p: $bound),*> $name<$($p),*> {
            /// The size of this axis.
            #[inline(always)]
            pub const fn size(&self) -> usize {
                self.0
            }

            /// The derived dim of size `n`, which the library computed from the dims it derives
            /// from (so `n` is its static size when it has one; checked in debug builds). Unlike
            /// [`new`](Self::new) it has no panic path, which callers that hold results would
            /// have to unwind through.
            #[inline(always)]
            #[allow(dead_code)] // only `MinOf`s are derived by the library's kernels
            pub(crate) fn derived(n: usize) -> Self {
                debug_assert!(Self::try_from_size(n).is_some(), "a derived size of {n}");
                $name(n, PhantomData)
            }

            /// The derived dim of run-time size `n`.
            ///
            /// # Panics
            /// When the dim is static and `n` differs from its size.
            #[track_caller]
            pub fn new(n: usize) -> Self {
                match Self::try_from_size(n) {
                    Some(d) => d,
                    None => derived_size_mismatch(stringify!($name), n, Self::STATIC),
                }
            }
        }

        impl<$($p: $bound),*> Default for $name<$($p),*> {
            /// The static size, or 0 when the size is only known at run time.
            fn default() -> Self {
                $name(Self::STATIC.unwrap_or(0), PhantomData)
            }
        }

        impl<$($p: $bound),*> Dim for $name<$($p),*> {}
        impl<$($p: $bound),*> IntoDim<Dyn> for $name<$($p),*> {}

        // Relations beyond the reflexive ones of `dim.rs` (a derived dim with itself, and
        // broadcasting with `One`): a derived dim relates to `Const` and `Dyn` on either side
        // (checked at run time, or by a `const` assertion where both are static), and is the
        // same as `One` on either side.
        derived_dim!(@rel SameDim $name<$($p: $bound),*>,
            $name<$($p),*>, Const<N>, $name<$($p),*>, $name<$($p),*>);
        derived_dim!(@rel InnerDim $name<$($p: $bound),*>,
            $name<$($p),*>, Const<N>, $name<$($p),*>, $name<$($p),*>);
        derived_dim!(@rel Broadcast $name<$($p: $bound),*>, Const<N>, Const<N>, Dyn, Dyn);
        #[diagnostic::do_not_recommend]
        impl<$($p: $bound),*> SameDim<One> for $name<$($p),*> {
            type Out = Self;
        }
        #[diagnostic::do_not_recommend]
        impl<$($p: $bound),*> InnerDim<One> for $name<$($p),*> {
            type Out = Self;
        }
        #[diagnostic::do_not_recommend]
        impl<$($p: $bound),*> SameDim<$name<$($p),*>> for One {
            type Out = One;
        }
        #[diagnostic::do_not_recommend]
        impl<$($p: $bound),*> InnerDim<$name<$($p),*>> for One {
            type Out = One;
        }
    };
}

/// Helper so that the derived-dim macro can read a part's static size under one name.
#[doc(hidden)]
pub trait StaticSizeOf: 'static {
    /// The static size of the part, if any.
    const STATIC_SIZE: Option<usize>;
}
impl<D: AnyDim> StaticSizeOf for D {
    const STATIC_SIZE: Option<usize> = D::STATIC;
}

/// The static element count of a shape, as a part of [`ProdOf`].
#[doc(hidden)]
pub trait ShapeNumel: 'static {
    /// The element count when every dim is static.
    const STATIC_SIZE: Option<usize>;
}
impl<S: Shape> ShapeNumel for S {
    const STATIC_SIZE: Option<usize> = S::STATIC_NUMEL;
}

derived_dim!(
    /// `min(A, B)`: the `K` of a thin QR or SVD of an (M, N) matrix.
    ///
    /// ```
    /// use shaped::{Const, AnyDim, Dyn, MinOf};
    /// assert_eq!(<MinOf<Const<3>, Const<5>> as AnyDim>::STATIC, Some(3));
    /// assert_eq!(<MinOf<Const<3>, Dyn> as AnyDim>::STATIC, None);
    /// assert_eq!(MinOf::<Const<3>, Dyn>::new(2).size(), 2);
    /// ```
    MinOf<A: StaticSizeOf, B: StaticSizeOf>, "MinOf",
    |a, b| match (a, b) {
        (Some(a), Some(b)) => Some(if a < b { a } else { b }),
        _ => None,
    }
);

derived_dim!(
    /// `A + B`: the length of a concatenation.
    ///
    /// ```
    /// use shaped::{Const, AnyDim, SumOf};
    /// assert_eq!(<SumOf<Const<3>, Const<5>> as AnyDim>::STATIC, Some(8));
    /// ```
    SumOf<A: StaticSizeOf, B: StaticSizeOf>, "SumOf",
    |a, b| match (a, b) {
        (Some(a), Some(b)) => Some(a + b),
        _ => None,
    }
);

derived_dim!(
    /// The product of the dims of a shape `S`: the length of a flattened tensor.
    ///
    /// ```
    /// use shaped::{Const, AnyDim, Dyn, ProdOf};
    /// assert_eq!(<ProdOf<(Const<3>, Const<4>)> as AnyDim>::STATIC, Some(12));
    /// assert_eq!(<ProdOf<(Dyn, Const<4>)> as AnyDim>::STATIC, None);
    /// ```
    ProdOf<S: ShapeNumel>, "ProdOf",
    |s| s
);

impl<A: crate::dim::StaticDim, B: crate::dim::StaticDim> crate::dim::StaticDim for MinOf<A, B> {
    const SIZE: usize = if A::SIZE < B::SIZE { A::SIZE } else { B::SIZE };
}
impl<A: crate::dim::StaticDim, B: crate::dim::StaticDim> crate::dim::StaticDim for SumOf<A, B> {
    const SIZE: usize = A::SIZE + B::SIZE;
}
impl<S: crate::shape::StaticShape> crate::dim::StaticDim for ProdOf<S> {
    const SIZE: usize = S::NUMEL;
}

derived_dim!(
    /// `max(A, B)`: the length of `convolve_same` of an `(A,)` and a `(B,)` signal.
    ///
    /// ```
    /// use shaped::{Const, AnyDim, Dyn, MaxOf};
    /// assert_eq!(<MaxOf<Const<3>, Const<5>> as AnyDim>::STATIC, Some(5));
    /// assert_eq!(<MaxOf<Const<3>, Dyn> as AnyDim>::STATIC, None);
    /// ```
    MaxOf<A: StaticSizeOf, B: StaticSizeOf>, "MaxOf",
    |a, b| match (a, b) {
        (Some(a), Some(b)) => Some(if a > b { a } else { b }),
        _ => None,
    }
);

derived_dim!(
    /// `A + B - 1`: the length of the full convolution of an `(A,)` and a `(B,)` signal
    /// (0 when either is empty: a convolution of an empty signal is refused at run time).
    ///
    /// ```
    /// use shaped::{Const, ConvFullOf, AnyDim};
    /// assert_eq!(<ConvFullOf<Const<5>, Const<3>> as AnyDim>::STATIC, Some(7));
    /// ```
    ConvFullOf<A: StaticSizeOf, B: StaticSizeOf>, "ConvFullOf",
    |a, b| match (a, b) {
        (Some(0), Some(_)) | (Some(_), Some(0)) => Some(0),
        (Some(a), Some(b)) => Some(a + b - 1),
        _ => None,
    }
);

derived_dim!(
    /// `max(A, B) - min(A, B) + 1`: the length of the valid convolution of an `(A,)` and a
    /// `(B,)` signal, the positions where one slides fully inside the other (0 when either is
    /// empty).
    ///
    /// ```
    /// use shaped::{Const, ConvValidOf, AnyDim};
    /// assert_eq!(<ConvValidOf<Const<5>, Const<3>> as AnyDim>::STATIC, Some(3));
    /// assert_eq!(<ConvValidOf<Const<3>, Const<5>> as AnyDim>::STATIC, Some(3));
    /// ```
    ConvValidOf<A: StaticSizeOf, B: StaticSizeOf>, "ConvValidOf",
    |a, b| match (a, b) {
        (Some(0), Some(_)) | (Some(_), Some(0)) => Some(0),
        (Some(a), Some(b)) => Some(if a > b { a - b + 1 } else { b - a + 1 }),
        _ => None,
    }
);

impl<A: crate::dim::StaticDim, B: crate::dim::StaticDim> crate::dim::StaticDim for MaxOf<A, B> {
    const SIZE: usize = if A::SIZE > B::SIZE { A::SIZE } else { B::SIZE };
}
impl<A: crate::dim::StaticDim, B: crate::dim::StaticDim> crate::dim::StaticDim
    for ConvFullOf<A, B>
{
    const SIZE: usize = if A::SIZE == 0 || B::SIZE == 0 {
        0
    } else {
        A::SIZE + B::SIZE - 1
    };
}
impl<A: crate::dim::StaticDim, B: crate::dim::StaticDim> crate::dim::StaticDim
    for ConvValidOf<A, B>
{
    const SIZE: usize = if A::SIZE == 0 || B::SIZE == 0 {
        0
    } else if A::SIZE > B::SIZE {
        A::SIZE - B::SIZE + 1
    } else {
        B::SIZE - A::SIZE + 1
    };
}
