//! The `rayon` feature: large elementwise ops, sums, batched products and stacked
//! factorisations run on rayon's thread pool, with the serial results.
//!
//! `cargo run --release --example parallel_rayon --features rayon`

fn main() {}
