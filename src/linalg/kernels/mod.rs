//! Plain kernels over slices: the arithmetic under the typed factorisations.
//!
//! Matrices here are row-major with a leading dimension (`a[i * lda + j]`) unless a kernel
//! says otherwise; kernels see sizes and strides, never `Const` or `Dyn`.

pub mod cholesky;
pub mod householder;
pub mod lu;
pub mod qr;
pub mod triangular;
