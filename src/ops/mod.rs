//! Operations on tensors and views: elementwise arithmetic with broadcasting, reductions,
//! norms, similarity, and products.

pub(crate) mod kernels;
pub mod matmul;

pub mod elementwise;
mod norms;
mod reduce;
pub mod shape_ops;
mod similarity;
