//! Operations on tensors and views: elementwise arithmetic with broadcasting, reductions,
//! norms, similarity, and products.

pub mod matmul;
