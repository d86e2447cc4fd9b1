//! Symmetric eigendecomposition.
