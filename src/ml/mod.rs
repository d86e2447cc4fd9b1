//! Machine learning on top of the SVD: principal component analysis ([`Pca`], `x.pca::<K>()`),
//! the best rank-K approximation (`a.low_rank::<K>()`) and column standardisation
//! (`x.standardize()`, and [`Standardizer`] fitted on training rows).
//!
//! Data matrices are (N, D): N samples (rows) by D features (columns).

mod low_rank;
mod pca;
mod standardize;

pub use pca::Pca;
pub use standardize::Standardizer;
