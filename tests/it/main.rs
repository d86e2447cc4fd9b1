//! The integration tests, one module per topic, linked into one binary (one link instead of
//! one per file: most of a clean `cargo test` used to be spent linking 21 binaries). The
//! factorisations and the ML built on them are the package `shaped-linalg-tests`
//! (`tests/linalg/`): those tests want optimised code, these build four times faster without
//! (the root Cargo.toml's test profile), and the two binaries build at once on two cores.
//!
//! They are the package `shaped-tests` (`tests/Cargo.toml`), a member of the workspace:
//! `cargo test --workspace` runs them, `cargo test -p shaped-tests <filter>` runs a topic, e.g.
//! `cargo test -p shaped-tests matmul`. The reference cases are checked by the package
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
mod matmul;
mod mlops;
mod mlops_npy;
mod norms;
mod npy;
#[cfg(feature = "npz")]
mod npz_io;
mod panic_locations;
mod panics;
#[cfg(feature = "rayon")]
mod parallel;
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

// The programs of `ui-tests/pass/`: shapes that fit compile and run. Each file is a `main`
// a user could write; here each is one test (the compile-fail suite is `ui-tests/driver.rs`).
#[path = "../../ui-tests/pass/complex.rs"]
mod ui_pass_complex;
#[path = "../../ui-tests/pass/core.rs"]
mod ui_pass_core;
#[path = "../../ui-tests/pass/einsum.rs"]
mod ui_pass_einsum;
#[path = "../../ui-tests/pass/elementwise.rs"]
mod ui_pass_elementwise;
#[path = "../../ui-tests/pass/generic_dims.rs"]
// Its functions spell out the typed tuples they return, as a user's would.
#[allow(clippy::type_complexity)]
mod ui_pass_generic_dims;
#[path = "../../ui-tests/pass/linalg_a.rs"]
mod ui_pass_linalg_a;
#[path = "../../ui-tests/pass/linalg_b.rs"]
mod ui_pass_linalg_b;
#[path = "../../ui-tests/pass/matmul.rs"]
mod ui_pass_matmul;
#[path = "../../ui-tests/pass/mlops.rs"]
#[allow(clippy::type_complexity)]
mod ui_pass_mlops;
#[path = "../../ui-tests/pass/named_dims.rs"]
mod ui_pass_named_dims;

/// Runs each program of `ui-tests/pass/`.
mod ui_pass {
    #[test]
    fn complex() {
        super::ui_pass_complex::main();
    }
    #[test]
    fn core() {
        super::ui_pass_core::main();
    }
    #[test]
    fn einsum() {
        super::ui_pass_einsum::main();
    }
    #[test]
    fn elementwise() {
        super::ui_pass_elementwise::main();
    }
    #[test]
    fn generic_dims() {
        super::ui_pass_generic_dims::main();
    }
    #[test]
    fn linalg_a() {
        super::ui_pass_linalg_a::main();
    }
    #[test]
    fn linalg_b() {
        super::ui_pass_linalg_b::main();
    }
    #[test]
    fn matmul() {
        super::ui_pass_matmul::main();
    }
    #[test]
    fn mlops() {
        super::ui_pass_mlops::main();
    }
    #[test]
    fn named_dims() {
        super::ui_pass_named_dims::main();
    }
}
