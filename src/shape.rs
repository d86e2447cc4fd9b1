//! Shapes: tuples of dims of rank 0..=6, and the type-level operations on them.
//!
//! `()` is a scalar, `(Const<3>,)` a vector of 3, `(Dyn, Const<4>)` a matrix with a run-time
//! number of rows and 4 columns. The axis operations ([`HasAxis`], [`RemoveAxis`],
//! [`ReplaceAxis`], [`InsertAxis`]) compute the shape a reduction or an `unsqueeze` returns,
//! and [`BroadcastShapes`] the shape of an elementwise operation between two shapes.

use core::fmt::Debug;

use crate::dim::{AnyDim, Broadcast, StaticDim, broadcast_size};

/// A tuple of dims of rank 0..=6: the shape of a tensor, in its type.
///
/// ```
/// use shaped::{Const, Dyn, Shape};
/// let s = (Dyn(2), Const::<3>);
/// assert_eq!(<(Dyn, Const<3>) as Shape>::RANK, 2);
/// assert_eq!(s.dims(), [2, 3]);
/// assert_eq!(s.numel(), 6);
/// assert_eq!(<(Dyn, Const<3>)>::try_from_dims(&[5, 3]), Some((Dyn(5), Const::<3>)));
/// assert_eq!(<(Dyn, Const<3>)>::try_from_dims(&[5, 4]), None);
/// ```
pub trait Shape: Copy + Debug + PartialEq + Send + Sync + 'static {
    /// The number of axes.
    const RANK: usize;
    /// The element count when every dim is static.
    const STATIC_NUMEL: Option<usize>;
    /// `[usize; RANK]`: a multi-index, the sizes, or the strides of a tensor of this shape.
    type Index: Copy
        + Debug
        + Default
        + PartialEq
        + Eq
        + AsRef<[usize]>
        + AsMut<[usize]>
        + Send
        + Sync
        + 'static;
    /// The same rank with every dim `Dyn` (what `into_dyn` returns).
    type Dynamic: Shape<Index = Self::Index>;
    /// The sizes of the axes.
    fn dims(&self) -> Self::Index;
    /// The shape with the given sizes, or `None` when the rank differs or a static dim
    /// cannot take its size.
    fn try_from_dims(dims: &[usize]) -> Option<Self>;
    /// The static size of each axis, `None` for a run-time one (for messages).
    fn static_dims() -> Vec<Option<usize>>;
    /// The name of each axis: `Some("Batch")` for a named dim, `None` for an anonymous one
    /// (run-time messages print `(Batch=32, Features=300)`).
    const NAMES: &'static [Option<&'static str>];
    /// The number of elements: the product of the sizes (1 for a scalar).
    fn numel(&self) -> usize {
        self.dims().as_ref().iter().product()
    }
    /// The strides of a contiguous row-major tensor of this shape, in elements.
    fn row_major_strides(&self) -> Self::Index {
        // A plain loop: this runs for every shape a program uses, and a loop is less code to
        // compile per shape than an iterator chain.
        let dims = self.dims();
        let d = dims.as_ref();
        let mut strides = Self::Index::default();
        let s = strides.as_mut();
        let (mut acc, mut k) = (1, d.len());
        while k > 0 {
            k -= 1;
            s[k] = acc;
            acc *= d[k];
        }
        strides
    }
}

/// A shape whose every dim is known at compile time; `S::default()` is its only value.
///
/// ```
/// use shaped::{Const, One, StaticShape};
/// assert_eq!(<(Const<2>, One, Const<5>) as StaticShape>::NUMEL, 10);
/// ```
pub trait StaticShape: Shape + Default {
    /// The element count.
    const NUMEL: usize;
}

const fn mul_static(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a * b),
        _ => None,
    }
}

/// `Dyn`, whatever the ident: lets `impl_shape!` repeat `Dyn` once per axis.
macro_rules! dyn_of {
    ($d:ident) => {
        crate::dim::Dyn
    };
}

/// Implements `Shape` and `StaticShape` for one tuple rank. `impl_shape!(2; D0 0, D1 1)`
/// expands to `impl<D0: AnyDim, D1: AnyDim> Shape for (D0, D1)` with `Index = [usize; 2]`.
macro_rules! impl_shape {
    ($rank:literal; $($d:ident $i:tt),*) => {
        impl<$($d: AnyDim),*> Shape for ($($d,)*) {
            const RANK: usize = $rank;
            const STATIC_NUMEL: Option<usize> = {
                let n = Some(1);
                $(let n = mul_static(n, $d::STATIC);)*
                n
            };
            const NAMES: &'static [Option<&'static str>] = &[$($d::NAME),*];
            type Index = [usize; $rank];
            type Dynamic = ($(dyn_of!($d),)*);
            #[inline(always)]
            fn dims(&self) -> [usize; $rank] {
                [$(self.$i.size()),*]
            }
            fn static_dims() -> Vec<Option<usize>> {
                vec![$($d::STATIC),*]
            }
            #[inline]
            fn try_from_dims(dims: &[usize]) -> Option<Self> {
                if dims.len() != $rank {
                    return None;
                }
                Some(($($d::try_from_size(dims[$i])?,)*))
            }
        }

        impl<$($d: StaticDim),*> StaticShape for ($($d,)*) {
            const NUMEL: usize = 1 $(* $d::SIZE)*;
        }
    };
}

impl_shape!(0;);
impl_shape!(1; D0 0);
impl_shape!(2; D0 0, D1 1);
impl_shape!(3; D0 0, D1 1, D2 2);
impl_shape!(4; D0 0, D1 1, D2 2, D3 3);
impl_shape!(5; D0 0, D1 1, D2 2, D3 3, D4 4);
impl_shape!(6; D0 0, D1 1, D2 2, D3 3, D4 4, D5 5);

/// A shape with an axis `I`: `I < RANK`. `Dim` is the type of that axis.
///
/// ```
/// use shaped::{Const, Dyn, HasAxis};
/// type Rows = <(Dyn, Const<4>) as HasAxis<1>>::Dim;
/// let _: Rows = Const::<4>;
/// ```
#[diagnostic::on_unimplemented(
    message = "axis {I} is out of range for a tensor of shape `{Self}`",
    label = "this shape has no axis {I}",
    note = "axes count from 0: a tensor of rank R has axes 0..R"
)]
pub trait HasAxis<const I: usize>: Shape {
    /// The dim of axis `I`.
    type Dim: AnyDim;
}

/// The shape without axis `I` (what `sum_axis::<I>()` returns).
///
/// ```
/// use shaped::{Const, RemoveAxis};
/// type S = <(Const<2>, Const<3>, Const<4>) as RemoveAxis<1>>::Out;
/// let _: S = (Const::<2>, Const::<4>);
/// ```
#[diagnostic::on_unimplemented(
    message = "axis {I} is out of range for a tensor of shape `{Self}`",
    label = "this shape has no axis {I}",
    note = "axes count from 0: a tensor of rank R has axes 0..R"
)]
pub trait RemoveAxis<const I: usize>: HasAxis<I> {
    /// The shape with axis `I` removed.
    type Out: Shape;
}

/// The shape with axis `I` replaced by the dim `D` (`sum_keepdim::<I>()` puts a `One` there,
/// slicing a `Dyn`).
///
/// ```
/// use shaped::{Const, One, ReplaceAxis};
/// type S = <(Const<2>, Const<3>) as ReplaceAxis<0, One>>::Out;
/// let _: S = (One, Const::<3>);
/// ```
#[diagnostic::on_unimplemented(
    message = "axis {I} is out of range for a tensor of shape `{Self}`",
    label = "this shape has no axis {I}",
    note = "axes count from 0: a tensor of rank R has axes 0..R"
)]
pub trait ReplaceAxis<const I: usize, D: AnyDim>: HasAxis<I> {
    /// The shape with axis `I` replaced by `D`.
    type Out: Shape;
}

/// The shape with a new `One` axis inserted before axis `I` (`I == RANK` appends); what
/// `unsqueeze::<I>()` returns.
///
/// ```
/// use shaped::{Const, InsertAxis, One};
/// type S = <(Const<2>, Const<3>) as InsertAxis<2>>::Out;
/// let _: S = (Const::<2>, Const::<3>, One);
/// ```
#[diagnostic::on_unimplemented(
    message = "cannot insert an axis at position {I} into a tensor of shape `{Self}`",
    label = "a new axis can go at positions 0..=RANK",
    note = "a shape has at most 6 axes"
)]
pub trait InsertAxis<const I: usize>: Shape {
    /// The shape with a `One` at position `I`.
    type Out: Shape;
}

/// Implements the axis operations for one rank. Each `I: [before] D [after]` line says that
/// axis `I` of the tuple `(before.., D, after..)` is `D`; it expands to the `HasAxis`,
/// `RemoveAxis`, `ReplaceAxis` and `InsertAxis` impls for that axis. `end I` is the insert
/// position after the last axis.
macro_rules! axis_ops {
    ($all:tt; $($i:literal: [$($pre:ident),*] $d:ident [$($post:ident),*];)* end $end:literal) => {
        $(
            axis_ops!(@axis $all; $i: [$($pre),*] $d [$($post),*]);
            axis_ops!(@insert $all; $i: [$($pre),*] $d [$($post),*]);
        )*
        axis_ops!(@end $all; $end);
    };
    (@axis [$($a:ident),*]; $i:literal: [$($pre:ident),*] $d:ident [$($post:ident),*]) => {
        #[diagnostic::do_not_recommend]
        impl<$($a: AnyDim),*> HasAxis<$i> for ($($a,)*) {
            type Dim = $d;
        }
        #[diagnostic::do_not_recommend]
        impl<$($a: AnyDim),*> RemoveAxis<$i> for ($($a,)*) {
            type Out = ($($pre,)* $($post,)*);
        }
        #[diagnostic::do_not_recommend]
        impl<$($a: AnyDim,)* New: AnyDim> ReplaceAxis<$i, New> for ($($a,)*) {
            type Out = ($($pre,)* New, $($post,)*);
        }
    };
    (@insert [$($a:ident),*]; $i:literal: [$($pre:ident),*] $d:ident [$($post:ident),*]) => {
        #[diagnostic::do_not_recommend]
        impl<$($a: AnyDim),*> InsertAxis<$i> for ($($a,)*) {
            type Out = ($($pre,)* $crate::dim::One, $d, $($post,)*);
        }
    };
    (@end [$($a:ident),*]; $end:literal) => {
        #[diagnostic::do_not_recommend]
        impl<$($a: AnyDim),*> InsertAxis<$end> for ($($a,)*) {
            type Out = ($($a,)* $crate::dim::One,);
        }
    };
}

axis_ops!([]; end 0);
axis_ops!([A]; 0: [] A []; end 1);
axis_ops!([A, B]; 0: [] A [B]; 1: [A] B []; end 2);
axis_ops!([A, B, C]; 0: [] A [B, C]; 1: [A] B [C]; 2: [A, B] C []; end 3);
axis_ops!([A, B, C, D];
    0: [] A [B, C, D]; 1: [A] B [C, D]; 2: [A, B] C [D]; 3: [A, B, C] D [];
    end 4);
axis_ops!([A, B, C, D, E];
    0: [] A [B, C, D, E]; 1: [A] B [C, D, E]; 2: [A, B] C [D, E]; 3: [A, B, C] D [E];
    4: [A, B, C, D] E [];
    end 5);
// Rank 6 has every axis but no room to insert one.
axis_ops!(@axis [A, B, C, D, E, F]; 0: [] A [B, C, D, E, F]);
axis_ops!(@axis [A, B, C, D, E, F]; 1: [A] B [C, D, E, F]);
axis_ops!(@axis [A, B, C, D, E, F]; 2: [A, B] C [D, E, F]);
axis_ops!(@axis [A, B, C, D, E, F]; 3: [A, B, C] D [E, F]);
axis_ops!(@axis [A, B, C, D, E, F]; 4: [A, B, C, D] E [F]);
axis_ops!(@axis [A, B, C, D, E, F]; 5: [A, B, C, D, E] F []);

/// The last axis of a shape of rank 1 to 6 (what `cross_broadcast` reads its 3-vectors
/// along).
///
/// ```
/// use shaped::{Const, Dyn, LastAxis};
/// type L = <(Dyn, Const<2>, Const<3>) as LastAxis>::Last;
/// let _: L = Const::<3>;
/// ```
#[diagnostic::on_unimplemented(
    message = "the shape `{Self}` has no last axis",
    label = "a tensor of rank 1 to 6 is needed here",
    note = "a scalar (rank 0) has no axes"
)]
pub trait LastAxis: Shape {
    /// The dim of the last axis.
    type Last: AnyDim;
}

/// `last_axis!(A, B; C)` implements `LastAxis` for `(A, B, C)`, whose last axis is `C`.
macro_rules! last_axis {
    ($($a:ident),* ; $l:ident) => {
        #[diagnostic::do_not_recommend]
        impl<$($a: AnyDim,)* $l: AnyDim> LastAxis for ($($a,)* $l,) {
            type Last = $l;
        }
    };
}

last_axis!(; A);
last_axis!(A; B);
last_axis!(A, B; C);
last_axis!(A, B, C; D);
last_axis!(A, B, C, D; E);
last_axis!(A, B, C, D, E; F);

/// Two shapes that broadcast together (numpy's rules): aligned at the trailing axes, the
/// lower-rank shape padded with unit axes in front, each pair of dims related by
/// [`Broadcast`]. `Out` is the shape of the result.
///
/// ```
/// use shaped::{BroadcastShapes, Const, One};
/// type S = <(Const<5>, Const<3>) as BroadcastShapes<(Const<3>,)>>::Out;
/// let _: S = (Const::<5>, Const::<3>);
/// type T = <(Const<4>, One) as BroadcastShapes<(One, Const<6>)>>::Out;
/// let _: T = (Const::<4>, Const::<6>);
/// ```
#[diagnostic::on_unimplemented(
    message = "cannot broadcast shape `{Self}` against shape `{Rhs}`",
    label = "these shapes do not broadcast",
    note = "shapes broadcast axis by axis from the last: sizes must be equal, or one side `One` (only `One` axes stretch; `Const<1>` does not)",
    note = "a generic dim `B: Dim` broadcasts only with itself and `One`: check the other operand's size at run time with `try_into_shape::<(B, ..)>()`, or bound `B: Broadcast<D>` to meet another `D`"
)]
pub trait BroadcastShapes<Rhs: Shape>: Shape {
    /// The broadcast shape.
    type Out: Shape;
}

/// Implements `BroadcastShapes` for one pair of ranks: counts both lists down together to
/// find the longer one's extra leading axes (kept as they are), then relates the aligned
/// trailing axes pairwise by `Broadcast`.
macro_rules! broadcast_shapes {
    ($l:tt $r:tt) => {
        broadcast_shapes!(@count $l $r $l $r);
    };
    (@count $l:tt $r:tt [$lh:ident $(, $lt:ident)*] [$rh:ident $(, $rt:ident)*]) => {
        broadcast_shapes!(@count $l $r [$($lt),*] [$($rt),*]);
    };
    (@count $l:tt $r:tt [$($c:ident),*] []) => {
        broadcast_shapes!(@lead_l $l $r [] $l $r [$($c),*]);
    };
    (@count $l:tt $r:tt [] [$($c:ident),*]) => {
        broadcast_shapes!(@lead_r $l $r [] $l $r [$($c),*]);
    };
    (@lead_l $l:tt $r:tt [$($p:ident),*] [$h:ident $(, $t:ident)*] $rt:tt [$c:ident $(, $cs:ident)*]) => {
        broadcast_shapes!(@lead_l $l $r [$($p,)* $h] [$($t),*] $rt [$($cs),*]);
    };
    (@lead_r $l:tt $r:tt [$($p:ident),*] $lt:tt [$h:ident $(, $t:ident)*] [$c:ident $(, $cs:ident)*]) => {
        broadcast_shapes!(@lead_r $l $r [$($p,)* $h] $lt [$($t),*] [$($cs),*]);
    };
    (@lead_l $l:tt $r:tt $p:tt $lt:tt $rt:tt []) => {
        broadcast_shapes!(@emit $l $r $p $lt $rt);
    };
    (@lead_r $l:tt $r:tt $p:tt $lt:tt $rt:tt []) => {
        broadcast_shapes!(@emit $l $r $p $lt $rt);
    };
    (@emit [$($l:ident),*] [$($r:ident),*] [$($p:ident),*] [$($a:ident),*] [$($b:ident),*]) => {
        #[diagnostic::do_not_recommend]
        impl<$($l: AnyDim,)* $($r: AnyDim,)*> BroadcastShapes<($($r,)*)> for ($($l,)*)
        where
            $($a: Broadcast<$b>,)*
        {
            type Out = ($($p,)* $(<$a as Broadcast<$b>>::Out,)*);
        }
    };
}

/// Runs `broadcast_shapes!` for every pair of ranks 0..=6 (49 impls).
macro_rules! broadcast_all_ranks {
    ($(($l:tt $r:tt))*) => {
        broadcast_all_ranks!(@outer [$($l)*] [$($r)*]);
    };
    (@outer [$($l:tt)*] $rs:tt) => {
        $(broadcast_all_ranks!(@inner $l $rs);)*
    };
    (@inner $l:tt [$($r:tt)*]) => {
        $(broadcast_shapes!($l $r);)*
    };
}

broadcast_all_ranks!(
    ([] [])
    ([A0] [B0])
    ([A0, A1] [B0, B1])
    ([A0, A1, A2] [B0, B1, B2])
    ([A0, A1, A2, A3] [B0, B1, B2, B3])
    ([A0, A1, A2, A3, A4] [B0, B1, B2, B3, B4])
    ([A0, A1, A2, A3, A4, A5] [B0, B1, B2, B3, B4, B5])
);

/// The broadcast sizes of two shapes given as sizes (numpy's rule), or `None`.
pub(crate) fn broadcast_dims(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let rank = a.len().max(b.len());
    let pad = |s: &[usize], k: usize| {
        let off = rank - s.len();
        if k < off { 1 } else { s[k - off] }
    };
    (0..rank)
        .map(|k| broadcast_size(pad(a, k), pad(b, k)))
        .collect()
}

/// Formats sizes as [`fmt_dims`] does, with the name of each named axis before its size:
/// `(Batch=32, Features=300)`, `(Batch=32, 5)`. `names` may be empty (no names).
pub(crate) fn fmt_named(dims: &[usize], names: &[Option<&'static str>]) -> String {
    if names.iter().all(Option::is_none) {
        return fmt_dims(dims);
    }
    let parts: Vec<String> = dims
        .iter()
        .enumerate()
        .map(|(k, d)| match names.get(k).copied().flatten() {
            Some(name) => format!("{name}={d}"),
            None => d.to_string(),
        })
        .collect();
    match parts.as_slice() {
        [p] => format!("({p},)"),
        _ => format!("({})", parts.join(", ")),
    }
}

/// Formats sizes as numpy prints a shape: `(100, 300)`, `(3,)`, `()`.
pub(crate) fn fmt_dims(dims: &[usize]) -> String {
    match dims {
        [d] => format!("({d},)"),
        _ => {
            let parts: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}
