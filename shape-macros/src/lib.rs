//! Procedural macros for `shaped`. The `einsum!` macro lands here; until then this crate is
//! an empty proc-macro crate so that the workspace layout is in place.
