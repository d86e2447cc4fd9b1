//! Linear algebra: factorisations and what is built on them (DESIGN section 6).
//!
//! Each file holds one factorisation: a typed layer (methods on matrices and views, which
//! check shapes and allocate) over kernels on column-major slices (which do arithmetic).

mod eigh;
mod lstsq;
mod norms;
mod svd;

pub use eigh::SymmetricEigen;
pub use lstsq::{Lstsq, RhsShape};
pub use svd::Svd;
