//! Thin singular value decomposition and singular values.
