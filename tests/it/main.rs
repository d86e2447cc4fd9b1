//! The integration tests, one module per topic, linked into one binary (one link instead of
//! one per file: most of a clean `cargo test` used to be spent linking 21 binaries).
//!
//! They are the package `shaped-tests` (`tests/Cargo.toml`), a member of the workspace:
//! `cargo test --workspace` runs them, `cargo test -p shaped-tests <filter>` runs a topic, e.g.
//! `cargo test -p shaped-tests linalg_svd`. The reference cases are checked by the package
//! `shaped-conformance` (`tests/conformance/`), and the tests of the optional `typenum`
//! feature live in `tests/typenum.rs`, in the library's package. The modules of the ecosystem
//! features (`interop_*`, `serde_roundtrip`, `safetensors_io`, `npz_io`) compile with the
//! package's feature of the same name: `cargo test --workspace --all-features` runs them.

mod bad_input;
mod complex;
mod display;
mod einsum;
mod elementwise;
mod fuzz_replay;
#[cfg(feature = "faer")]
mod interop_faer;
#[cfg(feature = "nalgebra")]
mod interop_nalgebra;
#[cfg(feature = "ndarray")]
mod interop_ndarray;
mod linalg2;
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
#[cfg(feature = "npz")]
mod npz_io;
mod panic_locations;
mod panics;
mod random;
mod reductions;
mod reliability;
#[cfg(feature = "safetensors")]
mod safetensors_io;
#[cfg(feature = "serde")]
mod serde_roundtrip;
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
