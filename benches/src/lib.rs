//! Bench-only crate for `shaped`: the benches live in this folder (`gemm.rs`, ...), each
//! comparing `shaped` against the anchor crates in the same run.
