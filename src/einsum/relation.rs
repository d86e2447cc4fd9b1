//! The type-level half of `einsum!`: the letter-named relation [`EinsumSame`], the operand
//! bound [`EinsumOperand`], and the shape operations that `...` needs ([`EinsumEllipsis`],
//! [`EinsumConcat`]).

use crate::dim::{AnyDim, Broadcast};
use crate::shape::Shape;
use crate::tensor::{AsView, TensorView};

/// The letters of einsum subscripts as types, so that a compile error can name the letter:
/// `label::j` is index `j`. They are markers, used only as type parameters: no derives (52
/// letters times 6 derives were 312 impls nothing called).
///
/// ```
/// use shaped::einsum::label;
/// let _j = label::j;
/// let _big_k = label::K;
/// ```
#[allow(non_camel_case_types)]
pub mod label {
    macro_rules! letters {
        ($($l:ident)*) => {
            $(
                #[doc = concat!("The einsum index `", stringify!($l), "`.")]
                pub struct $l;
            )*
        };
    }
    letters!(a b c d e f g h i j k l m n o p q r s t u v w x y z
             A B C D E F G H I J K L M N O P Q R S T U V W X Y Z);
}

/// Two dims bound to the same einsum index `L` (a type of [`label`]): numpy's rule for
/// labels, through [`Broadcast`]: equal sizes, or a [`One`](crate::One) that stretches.
///
/// `Out` is the merged dim, static wherever either side is. `einsum!` chains it over every
/// occurrence of a letter, so a static mismatch is a compile error that names the letter.
///
/// ```
/// use shaped::{Const, AnyDim, Dyn, One};
/// use shaped::einsum::{EinsumSame, label};
/// fn merged<A: EinsumSame<B, label::j>, B: AnyDim>() -> Option<usize> {
///     <A::Out as AnyDim>::STATIC
/// }
/// assert_eq!(merged::<Dyn, Const<4>>(), Some(4));
/// assert_eq!(merged::<One, Const<4>>(), Some(4));
/// assert_eq!(merged::<Dyn, Dyn>(), None);
/// ```
#[diagnostic::on_unimplemented(
    message = "einsum: index `{L}` is bound to different sizes: `{Self}` vs `{Rhs}`",
    label = "index `{L}` has size `{Self}` in one place and `{Rhs}` in another",
    note = "every occurrence of an index must have the same size, or be `One` (only `One` axes stretch; `Const<1>` does not); use `Dyn` to check sizes at run time"
)]
pub trait EinsumSame<Rhs: AnyDim, L>: AnyDim {
    /// The merged dim.
    type Out: AnyDim;
}

#[diagnostic::do_not_recommend]
impl<A: Broadcast<B>, B: AnyDim, L> EinsumSame<B, L> for A {
    type Out = <A as Broadcast<B>>::Out;
}

/// An operand of `einsum!` whose shape fits its subscript term: anything that borrows as a
/// [`TensorView`] of shape `S` (tensors, views, references to them).
///
/// ```
/// use shaped::{Const, Matrix};
/// use shaped::einsum::EinsumOperand;
/// fn rows<O: EinsumOperand<f64, (Const<2>, Const<3>)>>(o: &O) -> usize {
///     o.einsum_view().dims()[0]
/// }
/// assert_eq!(rows(&Matrix::<f64, 2, 3>::zeros()), 2);
/// ```
#[diagnostic::on_unimplemented(
    message = "einsum: the operand `{Self}` does not fit its subscript term",
    label = "this operand's rank differs from the number of letters of its term",
    note = "a term has one letter per axis of its operand, plus `...` for any number of axes; the term asks for a shape like `{S}`"
)]
pub trait EinsumOperand<T, S: Shape> {
    /// The operand as a view.
    fn einsum_view(&self) -> TensorView<'_, T, S>;
}

#[diagnostic::do_not_recommend]
impl<T, S: Shape, A: AsView<T, S> + ?Sized> EinsumOperand<T, S> for A {
    #[inline]
    fn einsum_view(&self) -> TensorView<'_, T, S> {
        self.view()
    }
}

/// A shape split around `...`: its first `PRE` axes (`Pre`), its last `POST` axes (`Post`),
/// and whatever lies between (`Mid`, the ellipsis dims).
///
/// ```
/// use shaped::{Const, Dyn};
/// use shaped::einsum::EinsumEllipsis;
/// type S = (Const<2>, Dyn, Const<4>, Const<5>);
/// let _: <S as EinsumEllipsis<1, 1>>::Mid = (Dyn(3), Const::<4>);
/// let _: <S as EinsumEllipsis<1, 1>>::Post = (Const::<5>,);
/// ```
#[diagnostic::on_unimplemented(
    message = "einsum: the operand of shape `{Self}` has fewer axes than the letters of its term",
    label = "this operand's term has letters for {PRE} axes before `...` and {POST} after it",
    note = "`...` stands for zero or more axes, but every letter needs an axis of its own"
)]
pub trait EinsumEllipsis<const PRE: usize, const POST: usize>: Shape {
    /// The axes before `...`.
    type Pre: Shape;
    /// The axes `...` covers.
    type Mid: Shape;
    /// The axes after `...`.
    type Post: Shape;
}

/// Two shapes one after the other (rank at most 6 in all): how `einsum!` builds an output
/// shape with `...` in it.
///
/// ```
/// use shaped::{Const, Dyn};
/// use shaped::einsum::EinsumConcat;
/// let _: <(Const<2>,) as EinsumConcat<(Dyn, Const<3>)>>::Out = (Const::<2>, Dyn(1), Const::<3>);
/// ```
#[diagnostic::on_unimplemented(
    message = "einsum: the output would have more than 6 axes: `{Self}` then `{Rhs}`",
    label = "tensors have at most 6 axes"
)]
pub trait EinsumConcat<Rhs: Shape>: Shape {
    /// The concatenated shape.
    type Out: Shape;
}

/// `1`, whatever the ident (counts idents in a const expression).
macro_rules! one {
    ($x:ident) => {
        1
    };
}

/// Calls `$cb!([pre] [mid] [post])` for every split of the ident list into three consecutive
/// (possibly empty) parts: `(r + 1)(r + 2) / 2` calls for a list of `r` idents.
macro_rules! splits {
    ($cb:ident; [$($all:ident),*]) => {
        splits!(@pre $cb; [$($all),*] [] [$($all),*]);
    };
    (@pre $cb:ident; $all:tt [$($pre:ident),*] []) => {
        splits!(@mid $cb; $all [$($pre),*] [] []);
    };
    (@pre $cb:ident; $all:tt [$($pre:ident),*] [$h:ident $(, $t:ident)*]) => {
        splits!(@mid $cb; $all [$($pre),*] [] [$h $(, $t)*]);
        splits!(@pre $cb; $all [$($pre,)* $h] [$($t),*]);
    };
    (@mid $cb:ident; $all:tt $pre:tt [$($mid:ident),*] []) => {
        $cb!($all $pre [$($mid),*] []);
    };
    (@mid $cb:ident; $all:tt $pre:tt [$($mid:ident),*] [$h:ident $(, $t:ident)*]) => {
        $cb!($all $pre [$($mid),*] [$h $(, $t)*]);
        splits!(@mid $cb; $all $pre [$($mid,)* $h] [$($t),*]);
    };
}

/// `impl EinsumEllipsis<len(pre), len(post)> for (all..)`.
macro_rules! ellipsis_impl {
    ([$($all:ident),*] [$($pre:ident),*] [$($mid:ident),*] [$($post:ident),*]) => {
        #[diagnostic::do_not_recommend]
        impl<$($all: AnyDim),*> EinsumEllipsis<{ 0 $(+ one!($pre))* }, { 0 $(+ one!($post))* }>
            for ($($all,)*)
        {
            type Pre = ($($pre,)*);
            type Mid = ($($mid,)*);
            type Post = ($($post,)*);
        }
    };
}

/// `impl EinsumConcat<(mid..)> for (pre..)`: over a list of 6 idents, every pair of ranks
/// whose sum is at most 6.
macro_rules! concat_impl {
    ([$($all:ident),*] [$($pre:ident),*] [$($mid:ident),*] [$($post:ident),*]) => {
        #[diagnostic::do_not_recommend]
        impl<$($pre: AnyDim,)* $($mid: AnyDim),*> EinsumConcat<($($mid,)*)> for ($($pre,)*) {
            type Out = ($($pre,)* $($mid,)*);
        }
    };
}

splits!(ellipsis_impl; []);
splits!(ellipsis_impl; [A]);
splits!(ellipsis_impl; [A, B]);
splits!(ellipsis_impl; [A, B, C]);
splits!(ellipsis_impl; [A, B, C, D]);
splits!(ellipsis_impl; [A, B, C, D, E]);
splits!(ellipsis_impl; [A, B, C, D, E, F]);
splits!(concat_impl; [A, B, C, D, E, F]);
