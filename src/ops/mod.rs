//! Operations on tensors and views: elementwise arithmetic with broadcasting, reductions,
//! norms, similarity, and products.

pub(crate) mod kernels;
pub mod matmul;

mod complex;

pub mod elementwise;
mod norms;
mod reduce;
pub mod shape_ops;
mod similarity;

// numpy for ML code (issue 19)
mod axis_ops;
mod construct;
pub mod index;
pub(crate) mod kernels_ml;
pub mod mask;
mod math;
mod sort;
