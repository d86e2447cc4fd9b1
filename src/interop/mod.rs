//! Conversions with the other numerics crates: ndarray, nalgebra and faer, each behind the
//! feature of the same name (all off by default).
//!
//! The conversions are `From` / `TryFrom` impls, so they read as `Array2::from(t)` or
//! `Tensor::<f64, (Dyn, Const<3>)>::try_from(a)?`:
//!
//! - **owned data** moves both ways; going into a typed shape from a crate whose sizes are
//!   run-time values is a `TryFrom` whose [`ShapeError`] names both shapes
//!   (`"from ndarray: shape (2, 4) does not fit the type's shape (_, 3) (`_` is any size)"`);
//! - **views** are made without a copy where the other crate's layout can describe ours (a
//!   `TensorView` becomes an ndarray `ArrayView` or a nalgebra `MatrixView` with the same
//!   strides, or a faer `MatRef` when one stride is 1) and back where the other crate hands
//!   out its memory safely (contiguous ndarray views of any axis order, nalgebra's owned
//!   matrices);
//! - element `(i, j)` stays element `(i, j)`: nalgebra and faer store columns first, and the
//!   column-major strides are carried over, never a silent transpose.
//!
//! Each submodule lists what it converts: [`mod@ndarray`] (feature `ndarray`),
//! [`mod@nalgebra`] (feature `nalgebra`), [`mod@faer`] (feature `faer`).

#[cfg(feature = "faer")]
pub mod faer;
#[cfg(feature = "nalgebra")]
pub mod nalgebra;
#[cfg(feature = "ndarray")]
pub mod ndarray;

use crate::error::ShapeError;
use crate::shape::Shape;
use crate::tensor::TensorView;

/// The typed shape of `S` with the sizes `dims`, or the error of `op` naming both shapes.
pub(crate) fn typed_shape<S: Shape>(op: &'static str, dims: &[usize]) -> Result<S, ShapeError> {
    S::try_from_dims(dims)
        .ok_or_else(|| ShapeError::not_of_named_type(op, dims, &S::static_dims(), S::NAMES))
}

/// A view's data from its first element on: every index of its shape, through its strides,
/// lands inside. The one place the interop modules reach into a view.
pub(crate) fn view_data<'a, T, S: Shape>(v: &TensorView<'a, T, S>) -> &'a [T] {
    v.raw_data()
}
