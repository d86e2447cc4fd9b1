//! The integration tests, one module per topic, linked into one binary (one link instead of
//! one per file: most of a clean `cargo test` used to be spent linking 21 binaries).
//!
//! They are the package `shaped-tests` (`tests/Cargo.toml`), a member of the workspace:
//! `cargo test --workspace` runs them, `cargo test -p shaped-tests <filter>` runs a topic, e.g.
//! `cargo test -p shaped-tests linalg_svd`. The reference cases are checked by the package
//! `shaped-conformance` (`tests/conformance/`), and the tests of the optional `typenum`
//! feature live in `tests/typenum.rs`, in the library's package.

mod bad_input;
mod display;
mod einsum;
mod elementwise;
mod fuzz_replay;
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
mod mlops;
mod mlops_npy;
mod norms;
mod npy;
mod panic_locations;
mod panics;
mod random;
mod reductions;
mod reliability;
mod sparse;
mod structured;
mod tensor_core;

/// The repository's root folder (the fuzz corpora are found from it).
pub fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}
