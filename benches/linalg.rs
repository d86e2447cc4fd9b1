//! LU solve, Cholesky and thin QR (forming Q and R), f64, one thread: shaped against faer
//! (`Par::Seq`) and nalgebra in one run. svd and eigh are in `linalg_spectral.rs`.
//!
//! Run from benches/: `cargo bench --bench linalg` (or `-- 1024` for one size).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use shaped::{Dyn, Tensor};
use std::hint::black_box;

type DMat = Tensor<f64, (Dyn, Dyn)>;

/// Uniform [-1, 1) from a fixed xorshift stream: the same data for every library.
use shaped_benches::fill as data;

/// A general matrix with a dominant diagonal (well conditioned), and an SPD one.
fn matrices(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut a = data(n * n, 1);
    for i in 0..n {
        a[i * n + i] += n as f64 / 4.0;
    }
    let b = data(n * n, 2);
    let mut s = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let v: f64 = (0..n).map(|p| b[i * n + p] * b[j * n + p]).sum::<f64>() / n as f64;
            s[i * n + j] = v;
            s[j * n + i] = v;
        }
        s[i * n + i] += 1.0;
    }
    (a, s)
}

const SIZES: [usize; 3] = [64, 256, 1024];

fn sample_size(n: usize) -> usize {
    if n >= 1024 { 10 } else { 30 }
}

fn bench(c: &mut Criterion) {
    faer::set_global_parallelism(faer::Par::Seq);
    for &n in &SIZES {
        let (a, s) = matrices(n);
        let b = data(n, 3);
        let sh_a = DMat::from_vec((Dyn(n), Dyn(n)), a.clone()).unwrap();
        let sh_s = DMat::from_vec((Dyn(n), Dyn(n)), s.clone()).unwrap();
        let sh_b = Tensor::<f64, (Dyn,)>::from_vec((Dyn(n),), b.clone()).unwrap();
        let fa = faer::Mat::<f64>::from_fn(n, n, |i, j| a[i * n + j]);
        let fs = faer::Mat::<f64>::from_fn(n, n, |i, j| s[i * n + j]);
        let fb = faer::Mat::<f64>::from_fn(n, 1, |i, _| b[i]);
        let na = nalgebra::DMatrix::<f64>::from_row_slice(n, n, &a);
        let ns = nalgebra::DMatrix::<f64>::from_row_slice(n, n, &s);
        let nb = nalgebra::DVector::<f64>::from_column_slice(&b);

        let mut g = c.benchmark_group("solve");
        g.sample_size(sample_size(n));
        g.bench_with_input(BenchmarkId::new("shaped", n), &n, |bch, _| {
            bch.iter(|| black_box(sh_a.solve(&sh_b).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("faer", n), &n, |bch, _| {
            use faer::linalg::solvers::Solve;
            bch.iter(|| black_box(fa.partial_piv_lu().solve(&fb)))
        });
        g.bench_with_input(BenchmarkId::new("nalgebra", n), &n, |bch, _| {
            bch.iter(|| black_box(na.clone().lu().solve(&nb).unwrap()))
        });
        g.finish();

        let mut g = c.benchmark_group("cholesky");
        g.sample_size(sample_size(n));
        g.bench_with_input(BenchmarkId::new("shaped", n), &n, |bch, _| {
            bch.iter(|| black_box(sh_s.cholesky().unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("faer", n), &n, |bch, _| {
            bch.iter(|| black_box(fs.llt(faer::Side::Lower).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("nalgebra", n), &n, |bch, _| {
            bch.iter(|| black_box(ns.clone().cholesky().unwrap()))
        });
        g.finish();

        let mut g = c.benchmark_group("qr");
        g.sample_size(sample_size(n));
        g.bench_with_input(BenchmarkId::new("shaped", n), &n, |bch, _| {
            bch.iter(|| black_box(sh_a.qr().unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("faer", n), &n, |bch, _| {
            bch.iter(|| {
                let qr = fa.qr();
                black_box((qr.compute_thin_Q(), qr.thin_R().to_owned()))
            })
        });
        g.bench_with_input(BenchmarkId::new("nalgebra", n), &n, |bch, _| {
            bch.iter(|| {
                let qr = na.clone().qr();
                black_box((qr.q(), qr.r()))
            })
        });
        g.finish();
    }
}

/// The base sizes of the recursive kernels and the panel width of QR, at n = 64, 256, 1024:
/// how `LU_BLOCK`, `CHOLESKY_BLOCK` and QR's `panel_width` were chosen. Run with `-- block_size`.
fn block_size(c: &mut Criterion) {
    use shaped::linalg::kernels::{cholesky, lu, qr};
    for n in [64, 256, 1024] {
        let (a, s) = matrices(n);
        let mut g = c.benchmark_group(format!("block_size/{n}"));
        g.sample_size(10);
        for nb in [8, 16, 32, 48, 64] {
            g.bench_with_input(BenchmarkId::new("lu", nb), &nb, |bch, &nb| {
                bch.iter(|| {
                    let mut w = a.clone();
                    let mut p = vec![0; n];
                    black_box(lu::lu_recursive(&mut w, n, n, &mut p, nb))
                })
            });
            g.bench_with_input(BenchmarkId::new("cholesky", nb), &nb, |bch, &nb| {
                bch.iter(|| {
                    let mut w = s.clone();
                    cholesky::cholesky_recursive(&mut w, n, n, nb).unwrap();
                    black_box(w)
                })
            });
            g.bench_with_input(BenchmarkId::new("qr", nb), &nb, |bch, &nb| {
                bch.iter(|| {
                    let mut w = a.clone();
                    let mut tau = vec![0.0; n];
                    qr::qr_blocked(&mut w, n, n, n, &mut tau, nb);
                    black_box(qr::form_q_blocked(&w, n, n, &tau, n, nb, false))
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench, block_size);
criterion_main!(benches);
