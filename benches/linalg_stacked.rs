//! Stacked (batched) small solves, f64, one thread: `shaped`'s one-call `solve` of a
//! (B, N, N) stack with one right-hand side per member, (B, N, 1), against a loop of
//! nalgebra's `SMatrix<f64, N, N>` LU solves (`lu().solve`), in one run. Every member is a
//! distinct matrix with a dominant diagonal, and every right-hand side distinct.
//!
//! Run from benches/: `cargo bench --bench linalg_stacked`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use nalgebra::{SMatrix, SVector};
use shaped::{Const, Tensor};
use shaped_benches::fill;
use std::hint::black_box;

/// `b` members of `n x n` (row-major, a dominant diagonal) and `b` right-hand sides of `n`.
fn stack(b: usize, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut a = fill(b * n * n, 11);
    for m in 0..b {
        for i in 0..n {
            a[m * n * n + i * n + i] += n as f64;
        }
    }
    (a, fill(b * n, 12))
}

/// One bench group: `B` members of `N x N` (a macro: nalgebra's LU needs literal sizes).
macro_rules! case {
    ($c:expr, $b:literal, $n:literal) => {{
        const B: usize = $b;
        const N: usize = $n;
        let c: &mut Criterion = $c;
        let (a, r) = stack(B, N);
        let sh_a =
            Tensor::<f64, (Const<B>, Const<N>, Const<N>)>::from_vec(Default::default(), a.clone())
                .unwrap();
        let sh_b =
            Tensor::<f64, (Const<B>, Const<N>, Const<1>)>::from_vec(Default::default(), r.clone())
                .unwrap();
        let na: Vec<SMatrix<f64, N, N>> = a
            .chunks(N * N)
            .map(SMatrix::<f64, N, N>::from_row_slice)
            .collect();
        let nb: Vec<SVector<f64, N>> = r
            .chunks(N)
            .map(SVector::<f64, N>::from_column_slice)
            .collect();

        // The same solutions from both (a check, outside the timings).
        let x = sh_a.solve(&sh_b).unwrap();
        for (i, (m, v)) in na.iter().zip(&nb).enumerate() {
            let y = m.lu().solve(v).unwrap();
            for k in 0..N {
                assert!((x[[i, k, 0]] - y[k]).abs() < 1e-10);
            }
        }

        let id = format!("{B}x{N}x{N}");
        let mut g = c.benchmark_group("stacked_solve");
        g.bench_with_input(BenchmarkId::new("shaped", &id), &id, |bch, _| {
            bch.iter(|| black_box(black_box(&sh_a).solve(black_box(&sh_b)).unwrap()))
        });
        g.bench_with_input(BenchmarkId::new("nalgebra", &id), &id, |bch, _| {
            bch.iter(|| {
                let out: Vec<SVector<f64, N>> = black_box(&na)
                    .iter()
                    .zip(black_box(&nb))
                    .map(|(m, v)| m.lu().solve(v).unwrap())
                    .collect();
                black_box(out)
            })
        });
        g.finish();
    }};
}

fn bench(c: &mut Criterion) {
    case!(c, 10000, 4);
    case!(c, 64, 8);
}

criterion_group!(benches, bench);
criterion_main!(benches);
