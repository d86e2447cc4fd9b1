//! The integration tests of the factorisations (LU, Cholesky, QR, SVD, symmetric eigen,
//! least squares, the stacked and full forms of `linalg2`) and of the ML built on them, one
//! binary beside `it` (see `tests/it/main.rs`). Run a topic with e.g.
//! `cargo test -p shaped-linalg-tests linalg_svd`. The package builds optimised (the root
//! Cargo.toml), the `it` tests unoptimised.
//!
//! The helpers in `linalg_a_util` and `linalg_b_util` compute the products the identities
//! need in f64 with plain loops, so that the tests do not trust the code under test.

mod eig;
mod linalg2;
mod linalg_a_util;
mod linalg_b_util;
mod linalg_cholesky;
mod linalg_eigh;
mod linalg_lstsq;
mod linalg_lu;
mod linalg_qr;
mod linalg_svd;
mod ml;
#[cfg(feature = "rayon")]
mod threads;
