//! The `rayon` feature: each parallel path on an explicit pool of 1 thread and of 2
//! (`rayon::ThreadPoolBuilder` and `install`), in the same run. On a pool of 1 thread the
//! library splits nothing, so `1` is the serial code and `2` the parallel one.
//!
//! - elementwise `&a + &b` over 1e7 f64 and f32, `sum` over 1e7 f64;
//! - batched matmul (64, 256, 256) x (64, 256, 256) f64 (64 members; the `threading` feature
//!   off, so each member's GEMM runs on one thread);
//! - `Csr` matvec of a 10000 x 10000 matrix of density 1e-3, by row blocks;
//! - stacked `solve` of (64, 64, 64) with one right-hand side per member;
//! - `threshold`: how large a task must be. A chunked loop (the library's helper: `a + b`
//!   over f64 slices) at 1 thread and split in two tasks on 2 threads, at total sizes 2^12 to
//!   2^18; and batched matmul and Csr matvec at sizes around their thresholds. The smallest
//!   size at which two tasks clearly beat one sets `src/parallel.rs`'s constants.
//!
//! Run: `cargo bench --bench parallel --features rayon -- --warm-up-time 1 --measurement-time 3`
//! from `benches/`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::SeedableRng;
use rayon::prelude::*;
use shaped::sparse::Csr;
use shaped::{Dyn, Tensor};

/// A pool of `threads` threads.
fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
}

type V<T> = Tensor<T, (Dyn,)>;
type S3 = Tensor<f64, (Dyn, Dyn, Dyn)>;

fn vector(n: usize, seed: f64) -> V<f64> {
    V::from_fn_with((Dyn(n),), |[i]| ((i as f64) * 0.37 + seed).sin())
}

fn stack(b: usize, m: usize, n: usize, seed: f64) -> S3 {
    S3::from_fn_with((Dyn(b), Dyn(m), Dyn(n)), |[i, j, k]| {
        (((i * m + j) * n + k) as f64 * 0.011 + seed).sin()
    })
}

fn elementwise(c: &mut Criterion) {
    let n = 10_000_000;
    let (a, b) = (vector(n, 0.1), vector(n, 0.2));
    let (af, bf) = (a.map(|x| x as f32), b.map(|x| x as f32));
    let mut g = c.benchmark_group("add_1e7_f64");
    g.sample_size(10);
    for t in [1, 2] {
        let p = pool(t);
        g.bench_function(BenchmarkId::from_parameter(t), |bn| {
            p.install(|| bn.iter(|| black_box(black_box(&a) + black_box(&b))))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("add_1e7_f32");
    g.sample_size(10);
    for t in [1, 2] {
        let p = pool(t);
        g.bench_function(BenchmarkId::from_parameter(t), |bn| {
            p.install(|| bn.iter(|| black_box(black_box(&af) + black_box(&bf))))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("sum_1e7_f64");
    g.sample_size(10);
    for t in [1, 2] {
        let p = pool(t);
        g.bench_function(BenchmarkId::from_parameter(t), |bn| {
            p.install(|| bn.iter(|| black_box(black_box(&a).sum())))
        });
    }
    g.finish();
}

fn batched_matmul(c: &mut Criterion) {
    let (a, b) = (stack(64, 256, 256, 0.3), stack(64, 256, 256, 0.7));
    let mut g = c.benchmark_group("matmul_64x256x256x256_f64");
    g.sample_size(10);
    for t in [1, 2] {
        let p = pool(t);
        g.bench_function(BenchmarkId::from_parameter(t), |bn| {
            p.install(|| bn.iter(|| black_box(black_box(&a).matmul(black_box(&b)))))
        });
    }
    g.finish();
}

fn csr(c: &mut Criterion) {
    let n = 10_000;
    let mut rng = rand::rngs::StdRng::seed_from_u64(0);
    let a = Csr::<f64, Dyn, Dyn>::random((Dyn(n), Dyn(n)), 1e-3, &mut rng);
    let x = vector(n, 0.5);
    let mut g = c.benchmark_group("csr_matvec_10000_density_1e-3");
    for t in [1, 2] {
        let p = pool(t);
        g.bench_function(BenchmarkId::from_parameter(t), |bn| {
            p.install(|| bn.iter(|| black_box(black_box(&a).matvec(black_box(&x)))))
        });
    }
    g.finish();
}

fn stacked_solve(c: &mut Criterion) {
    let mut a = stack(64, 64, 64, 0.9);
    // diagonally dominant members: well conditioned
    for i in 0..64 {
        for j in 0..64 {
            a[[i, j, j]] += 64.0;
        }
    }
    let b = stack(64, 64, 1, 0.4);
    let mut g = c.benchmark_group("stacked_solve_64x64x64");
    for t in [1, 2] {
        let p = pool(t);
        g.bench_function(BenchmarkId::from_parameter(t), |bn| {
            p.install(|| bn.iter(|| black_box(black_box(&a).solve(black_box(&b)).unwrap())))
        });
    }
    g.finish();
}

/// `out = a + b` over slices: serially, or in two tasks on the current pool.
fn add_chunks(a: &[f64], b: &[f64], out: &mut [f64], tasks: usize) {
    let c = out.len().div_ceil(tasks);
    out.par_chunks_mut(c)
        .zip(a.par_chunks(c))
        .zip(b.par_chunks(c))
        .for_each(|((o, a), b)| {
            for ((o, &x), &y) in o.iter_mut().zip(a).zip(b) {
                *o = x + y;
            }
        });
}

fn threshold(c: &mut Criterion) {
    let mut g = c.benchmark_group("threshold_add_f64");
    let (p1, p2) = (pool(1), pool(2));
    for log in 12..=18 {
        let n = 1usize << log;
        let (a, b) = (vector(n, 0.1).into_vec(), vector(n, 0.2).into_vec());
        let mut out = vec![0.0; n];
        g.bench_function(BenchmarkId::new("1_thread", n), |bn| {
            p1.install(|| bn.iter(|| add_chunks(black_box(&a), black_box(&b), &mut out, 1)))
        });
        g.bench_function(BenchmarkId::new("2_tasks", n), |bn| {
            p2.install(|| bn.iter(|| add_chunks(black_box(&a), black_box(&b), &mut out, 2)))
        });
    }
    g.finish();
    // batched products of small members around MIN_FLOPS_PER_TASK (2^20 multiply-adds a task;
    // split from 2^21 in all): 64 x 16^3 and 4 x 64^3 are not split, the others are
    let mut g = c.benchmark_group("threshold_matmul");
    for (batch, n) in [(64, 16), (4, 64), (8, 64), (64, 32), (16, 64)] {
        let (a, b) = (stack(batch, n, n, 0.3), stack(batch, n, n, 0.7));
        let id = format!("{batch}x{n}^3");
        for (t, p) in [(1, &p1), (2, &p2)] {
            g.bench_function(BenchmarkId::new(format!("{t}_thread"), &id), |bn| {
                p.install(|| bn.iter(|| black_box(black_box(&a).matmul(black_box(&b)))))
            });
        }
    }
    g.finish();
    // Csr matvec around MIN_NNZ_PER_TASK (2^14 stored entries plus rows a task)
    let mut g = c.benchmark_group("threshold_csr");
    for n in [2_000, 4_000, 8_000] {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let a = Csr::<f64, Dyn, Dyn>::random((Dyn(n), Dyn(n)), 1e-3, &mut rng);
        let x = vector(n, 0.5);
        for (t, p) in [(1, &p1), (2, &p2)] {
            g.bench_function(BenchmarkId::new(format!("{t}_thread"), n), |bn| {
                p.install(|| bn.iter(|| black_box(black_box(&a).matvec(black_box(&x)))))
            });
        }
    }
    g.finish();
}

criterion_group!(
    benches,
    elementwise,
    batched_matmul,
    csr,
    stacked_solve,
    threshold
);
criterion_main!(benches);
