//! The general (non-symmetric) eigenproblem, f64, n in {64, 256, 1024}: `shaped`, faer
//! (`Par::Seq`) and nalgebra in one run, on a square matrix with entries uniform in [-1, 1).
//!
//! - eig: eigenvalues and right eigenvectors (`a.eig()`, faer `eigen()`); nalgebra has no
//!   eigenvectors of a general matrix, so its entry is the real Schur form with its vectors
//!   (`schur()`), a lower bound of what an eig built on it would cost.
//! - eigvals: the eigenvalues alone (`a.eigvals()`, faer `eigenvalues()`, nalgebra
//!   `complex_eigenvalues()`).
//!
//! Each iteration decomposes a matrix behind `black_box`, so nothing is hoisted out of the
//! loop; n = 1024 takes 10 samples. Run from `benches/`:
//! `cargo bench --bench linalg_eig -- --warm-up-time 1 --measurement-time 5` (a size alone:
//! `cargo bench --bench linalg_eig -- /256`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use shaped::{Dyn, Tensor};

/// An n x n matrix of uniform [-1, 1) values (the shared bench stream).
fn data(n: usize, seed: u64) -> Vec<f64> {
    shaped_benches::fill(n * n, seed)
}

fn all(c: &mut Criterion) {
    faer::set_global_parallelism(faer::Par::Seq);
    for n in [64usize, 256, 1024] {
        let sample = if n >= 256 { 10 } else { 30 };
        let a = data(n, 3);
        let t = Tensor::from_vec((Dyn(n), Dyn(n)), a.clone()).unwrap();
        let fa = faer::Mat::<f64>::from_fn(n, n, |i, j| a[i * n + j]);
        let na = nalgebra::DMatrix::<f64>::from_fn(n, n, |i, j| a[i * n + j]);

        let mut g = c.benchmark_group("eig");
        g.sample_size(sample);
        g.bench_function(format!("shaped/{n}"), |b| {
            b.iter(|| black_box(&t).eig().unwrap())
        });
        g.bench_function(format!("faer/{n}"), |b| {
            b.iter(|| black_box(&fa).eigen().unwrap())
        });
        g.bench_function(format!("nalgebra_schur/{n}"), |b| {
            b.iter(|| black_box(na.clone()).schur())
        });
        g.finish();

        let mut g = c.benchmark_group("eigvals");
        g.sample_size(sample);
        g.bench_function(format!("shaped/{n}"), |b| {
            b.iter(|| black_box(&t).eigvals().unwrap())
        });
        g.bench_function(format!("faer/{n}"), |b| {
            b.iter(|| black_box(&fa).eigenvalues().unwrap())
        });
        g.bench_function(format!("nalgebra/{n}"), |b| {
            b.iter(|| black_box(&na).complex_eigenvalues())
        });
        g.finish();
    }
}

criterion_group!(benches, all);
criterion_main!(benches);
