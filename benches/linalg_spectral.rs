//! SVD and symmetric eigendecomposition, f64, n in {64, 256, 1024}: `shaped`, faer
//! (`Par::Seq`) and nalgebra in one run.
//!
//! - svd: the thin SVD with both sets of vectors (`a.svd()`, faer `thin_svd`, nalgebra
//!   `svd(true, true)`), on a square matrix with entries uniform in [-1, 1).
//! - eigh: eigenvalues and eigenvectors of a symmetric matrix (`a.eigh()`, faer
//!   `self_adjoint_eigen(Side::Lower)`, nalgebra `symmetric_eigen`).
//!
//! Run from `benches/`: `cargo bench --bench linalg_spectral` (a size alone:
//! `cargo bench --bench linalg_spectral -- /256`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use shaped::{Dyn, Tensor};

/// An n x n matrix of uniform [-1, 1) values (the shared bench stream).
fn data(n: usize, seed: u64) -> Vec<f64> {
    shaped_benches::fill(n * n, seed)
}

fn symmetric(n: usize) -> Vec<f64> {
    let r = data(n, 2);
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            a[i * n + j] = r[i * n + j] + r[j * n + i];
        }
    }
    a
}

fn all(c: &mut Criterion) {
    faer::set_global_parallelism(faer::Par::Seq);
    for n in [64usize, 256, 1024] {
        let sample = if n >= 256 { 10 } else { 30 };

        let a = data(n, 1);
        let mut g = c.benchmark_group("svd");
        g.sample_size(sample);
        let t = Tensor::from_vec((Dyn(n), Dyn(n)), a.clone()).unwrap();
        g.bench_function(format!("shaped/{n}"), |b| {
            b.iter(|| black_box(&t).svd().unwrap())
        });
        let fa = faer::Mat::<f64>::from_fn(n, n, |i, j| a[i * n + j]);
        g.bench_function(format!("faer/{n}"), |b| {
            b.iter(|| black_box(&fa).thin_svd().unwrap())
        });
        let na = nalgebra::DMatrix::<f64>::from_fn(n, n, |i, j| a[i * n + j]);
        g.bench_function(format!("nalgebra/{n}"), |b| {
            b.iter(|| black_box(na.clone()).svd(true, true))
        });
        g.finish();

        let s = symmetric(n);
        let mut g = c.benchmark_group("eigh");
        g.sample_size(sample);
        let t = Tensor::from_vec((Dyn(n), Dyn(n)), s.clone()).unwrap();
        g.bench_function(format!("shaped/{n}"), |b| {
            b.iter(|| black_box(&t).eigh().unwrap())
        });
        let fs = faer::Mat::<f64>::from_fn(n, n, |i, j| s[i * n + j]);
        g.bench_function(format!("faer/{n}"), |b| {
            b.iter(|| {
                black_box(&fs)
                    .self_adjoint_eigen(faer::Side::Lower)
                    .unwrap()
            })
        });
        let ns = nalgebra::DMatrix::<f64>::from_fn(n, n, |i, j| s[i * n + j]);
        g.bench_function(format!("nalgebra/{n}"), |b| {
            b.iter(|| black_box(ns.clone()).symmetric_eigen())
        });
        g.finish();
    }
}

criterion_group!(benches, all);
criterion_main!(benches);
