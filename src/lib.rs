//! # shaped: tensors whose shapes are part of their type
//!
//! A matmul of a (100, 300) matrix by a (128, 200) one does not panic at run time: it does not
//! compile, and the compiler says why in shape words.
//!
//! ```compile_fail
//! use shaped::Matrix;
//! let a = Matrix::<f32, 100, 300>::zeros();
//! let b = Matrix::<f32, 128, 200>::zeros();
//! let c = a.matmul(&b); // error: matmul shape mismatch: inner dimensions differ
//! ```
//!
//! ## A guided tour
//!
//! **Vectors, matrices, tensors.** A tensor's shape is a tuple of dims: [`Const<N>`] for sizes
//! known when you write the code, [`Dyn`] for sizes known only at run time (read from a file,
//! chosen by a user), and [`One`] for an axis of size 1 that broadcasts.
//!
//! ```
//! use shaped::{tensor, Const, Dyn, Matrix, Tensor, Vector};
//!
//! let x: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];              // (3,)
//! let w: Matrix<f64, 2, 3> = tensor![[1., 0., 0.], [0., 1., 0.]]; // (2, 3)
//! let data = Tensor::<f64, (Dyn, Const<3>)>::zeros_with((Dyn(100), Const)); // (n, 3)
//! assert_eq!(x.dims(), [3]);
//! assert_eq!(w.dims(), [2, 3]);
//! assert_eq!(data.dims(), [100, 3]);
//! ```
//!
//! **Shapes are type hints.** Transposes, permutations and slices are views that share the
//! data; their shapes follow in the type:
//!
//! ```
//! use shaped::{Axes3, Tensor3, Matrix};
//! let a = Matrix::<f32, 2, 3>::zeros();
//! let at = a.t();                      // TensorView<f32, (Const<3>, Const<2>)>, no copy
//! assert_eq!(at.dims(), [3, 2]);
//! let img = Tensor3::<u8, 4, 5, 3>::zeros();      // height x width x channels
//! let chw = img.permute::<Axes3<2, 0, 1>>();      // channels x height x width
//! assert_eq!(chw.dims(), [3, 4, 5]);
//! ```
//!
//! Moving between static and dynamic shapes is explicit: [`Tensor::into_dyn`] forgets the
//! sizes, [`Tensor::try_into_shape`] checks them at run time and gives them back to the type.
//!
//! ## Where things live
//!
//! - [`dim`]: [`Dim`], [`Const`], [`Dyn`], [`One`] and the relations [`SameDim`],
//!   [`InnerDim`], [`Broadcast`] whose compile errors name the shapes that disagree.
//! - [`shape`]: [`Shape`] for tuples of rank 0..=6 and the type-level axis operations.
//! - [`derived`]: [`MinOf`], [`ProdOf`], [`SumOf`], dims computed from others.
//! - [`mod@tensor`]: [`Tensor`], [`TensorView`], [`TensorViewMut`], [`AsView`].
//! - [`error`]: [`ShapeError`], [`LinalgError`], [`DataError`].

#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

pub mod derived;
pub mod dim;
pub mod einsum;
pub mod error;
pub mod ops;
pub mod scalar;
pub mod shape;
pub mod tensor;

pub use derived::{MinOf, ProdOf, SumOf};
pub use dim::{Broadcast, Const, Dim, Dyn, InnerDim, One, SameDim, StaticDim};
pub use error::{DataError, LinalgError, ShapeError};
pub use scalar::{Float, Scalar};
pub use shape::{
    BroadcastShapes, HasAxis, InsertAxis, RemoveAxis, ReplaceAxis, Shape, StaticShape,
};
pub use shape_macros::{einsum, try_einsum};
pub use tensor::{
    AsView, AsViewMut, Axes1, Axes2, Axes3, Axes4, Axes5, Axes6, DMatrix, DVector, Matrix,
    Permutation, PermuteShape, SameRank, Scalar0, Tensor, Tensor3, Tensor4, TensorView,
    TensorViewMut, Vector,
};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Everything a user of the library usually needs, in one import.
///
/// ```
/// use shaped::prelude::*;
/// let m: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
/// assert_eq!(m.view()[[1, 1]], 4.0);
/// ```
pub mod prelude {
    pub use crate::tensor;
    pub use crate::{
        AsView, AsViewMut, Axes2, Axes3, Axes4, Const, DMatrix, DVector, Dim, Dyn, Float, Matrix,
        One, Scalar, Shape, ShapeError, Tensor, Tensor3, TensorView, TensorViewMut, Vector,
    };
}

/// A tensor from a literal: `tensor![1., 2.]` is a `Vector<f64, 2>`, `tensor![[1, 2], [3, 4]]`
/// a `Matrix<i32, 2, 2>`, three levels of brackets a rank-3 tensor.
///
/// ```
/// use shaped::{tensor, Matrix, Tensor3};
/// let m: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
/// assert_eq!(m[[1, 2]], 6.0);
/// let t: Tensor3<i32, 2, 1, 2> = tensor![[[1, 2]], [[3, 4]]];
/// assert_eq!(t.as_slice(), &[1, 2, 3, 4]);
/// ```
#[macro_export]
macro_rules! tensor {
    ($($t:tt)*) => {
        $crate::Tensor::from([$($t)*])
    };
}
