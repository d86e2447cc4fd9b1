//! Linear algebra on typed matrices: LU, Cholesky, QR, triangular solves, SVD, symmetric
//! eigen, least squares, and the matrix norms built on them.
//!
//! Two layers: the typed methods (`a.solve(&b)`, `a.cholesky()?`, `a.qr()?`) check shapes and
//! allocate; the kernels in [`kernels`] work on plain slices with strides and only do
//! arithmetic.

pub mod kernels;

mod cholesky;
mod eigh;
mod lstsq;
mod lu;
mod norms;
mod qr;
mod svd;
mod triangular;
