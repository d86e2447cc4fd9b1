//! The integration tests, one module per topic, linked into one binary (one link instead of
//! one per file: most of a clean `cargo test` used to be spent linking 21 binaries).
//!
//! `cargo test --test it <filter>` runs a topic, e.g. `cargo test --test it linalg_svd`;
//! `cargo test --test it conformance -- --nocapture` prints the conformance report.
//! The tests of the optional `typenum` feature live in `tests/typenum.rs`, a binary of its own.

mod conformance;
mod display;
mod einsum;
mod einsum_conformance;
mod elementwise;
mod linalg_a_util;
mod linalg_b_util;
mod linalg_cholesky;
mod linalg_eigh;
mod linalg_lstsq;
mod linalg_lu;
mod linalg_qr;
mod linalg_svd;
mod matmul;
mod ml;
mod norms;
mod npy;
mod panics;
mod random;
mod reductions;
mod sparse;
mod structured;
mod tensor_core;
