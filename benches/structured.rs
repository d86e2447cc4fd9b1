//! Toeplitz matvec and convolution, direct against FFT, for n from 16 to 65536: where the
//! curves cross is the threshold `Method::Auto` uses. The Toeplitz matvec never goes through
//! `to_dense` (a 65536 x 65536 dense matrix would be 32 GB).
//!
//! Run: `cargo bench --bench structured` from `benches/`. `SHAPED_BENCH_QUICK=1` skips the
//! direct runs above 16384 (the direct 65536 x 65536 convolution takes about a second).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use shaped::structured::{Method, Mode, Toeplitz, convolve};
use shaped::{Dyn, Tensor};

fn signal(n: usize, seed: u64) -> Tensor<f64, (Dyn,)> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    Tensor::from_fn_with((Dyn(n),), |_| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    })
}

const SIZES: [usize; 13] = [
    16, 32, 64, 96, 128, 192, 256, 512, 1024, 4096, 16384, 32768, 65536,
];

fn direct_too(n: usize) -> bool {
    n <= 16384 || std::env::var_os("SHAPED_BENCH_QUICK").is_none()
}

fn convolution(c: &mut Criterion) {
    let mut g = c.benchmark_group("convolve_full_n_x_n");
    g.sample_size(10);
    g.warm_up_time(std::time::Duration::from_millis(300));
    g.measurement_time(std::time::Duration::from_secs(1));
    for &n in &SIZES {
        let (a, v) = (signal(n, 1), signal(n, 2));
        for (name, method) in [
            ("fft", Method::Fft),
            ("direct", Method::Direct),
            ("auto", Method::Auto),
        ] {
            if method == Method::Direct && !direct_too(n) {
                continue;
            }
            g.bench_with_input(BenchmarkId::new(name, n), &n, |b, _| {
                b.iter(|| {
                    black_box(convolve(black_box(&a), black_box(&v), Mode::Full, method).unwrap())
                })
            });
        }
    }
    g.finish();
}

fn toeplitz(c: &mut Criterion) {
    let mut g = c.benchmark_group("toeplitz_matvec_n_x_n");
    g.sample_size(10);
    g.warm_up_time(std::time::Duration::from_millis(300));
    g.measurement_time(std::time::Duration::from_secs(1));
    for &n in &SIZES {
        let (col, mut row, x) = (signal(n, 3), signal(n, 4), signal(n, 5));
        row.as_mut_slice()[0] = col.as_slice()[0];
        let t = Toeplitz::new(&col, &row).unwrap();
        for (name, method) in [
            ("fft", Method::Fft),
            ("direct", Method::Direct),
            ("auto", Method::Auto),
        ] {
            if method == Method::Direct && !direct_too(n) {
                continue;
            }
            g.bench_with_input(BenchmarkId::new(name, n), &n, |b, _| {
                b.iter(|| black_box(t.matvec_with(black_box(&x), method)))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, convolution, toeplitz);
criterion_main!(benches);
