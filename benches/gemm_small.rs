//! Small static products, timed as the minimum over many short runs: `matmul_into` on
//! `Matrix<T, N, N>` against nalgebra's `SMatrix` and raw matrixmultiply, N in {2, 3, 4, 8, 16}.
//!
//! The criterion bench (`gemm.rs`) reports medians, which move by tens of percent on a shared
//! machine; the minimum of many short runs, with the three implementations interleaved in
//! each round, is the time the code takes when it is not preempted, and its ratios hold
//! under load. Run from this folder: `cargo bench --bench gemm_small` (about 20 s).

use std::hint::black_box;
use std::time::Instant;

use shaped::{Const, Scalar, Tensor};

use shaped_benches::fill;

/// Nanoseconds per call of `f`: the minimum over `rounds` runs of `iters` calls.
fn time_once(iters: u32, f: &mut dyn FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..iters {
        f();
    }
    t.elapsed().as_nanos() as f64 / f64::from(iters)
}

trait Elem: Scalar + nalgebra::Scalar + Copy {
    fn of(x: f64) -> Self;
    fn raw(n: usize, a: &[Self], b: &[Self], c: &mut [Self]);
}

impl Elem for f32 {
    fn of(x: f64) -> Self {
        x as f32
    }
    fn raw(n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
        let s = n as isize;
        shaped_benches::raw_sgemm(n, n, n, a, s, 1, b, s, 1, c)
    }
}

impl Elem for f64 {
    fn of(x: f64) -> Self {
        x
    }
    fn raw(n: usize, a: &[f64], b: &[f64], c: &mut [f64]) {
        let s = n as isize;
        shaped_benches::raw_dgemm(n, n, n, a, s, 1, b, s, 1, c)
    }
}

fn run<T: Elem, const N: usize>()
where
    nalgebra::SMatrix<T, N, N>: core::ops::Mul<Output = nalgebra::SMatrix<T, N, N>>,
    for<'a> &'a nalgebra::SMatrix<T, N, N>:
        core::ops::Mul<&'a nalgebra::SMatrix<T, N, N>, Output = nalgebra::SMatrix<T, N, N>>,
{
    let da: Vec<T> = fill(N * N, 1).into_iter().map(T::of).collect();
    let db: Vec<T> = fill(N * N, 2).into_iter().map(T::of).collect();
    let a = Tensor::<T, (Const<N>, Const<N>)>::from_slice((Const, Const), &da).unwrap();
    let b = Tensor::<T, (Const<N>, Const<N>)>::from_slice((Const, Const), &db).unwrap();
    let mut c = Tensor::<T, (Const<N>, Const<N>)>::zeros();
    let ma = nalgebra::SMatrix::<T, N, N>::from_row_slice(&da);
    let mb = nalgebra::SMatrix::<T, N, N>::from_row_slice(&db);
    let mut rc = vec![T::of(0.0); N * N];
    let iters = (200_000 / (N * N * N)).max(200) as u32;
    let mut best = [f64::INFINITY; 3];
    for _ in 0..200 {
        let t = [
            time_once(iters, &mut || {
                black_box(&a).matmul_into(black_box(&b), &mut c);
                black_box(&c);
            }),
            time_once(iters, &mut || {
                black_box(black_box(&ma) * black_box(&mb));
            }),
            time_once(iters, &mut || {
                T::raw(N, black_box(&da), black_box(&db), &mut rc);
                black_box(&rc);
            }),
        ];
        for (b, t) in best.iter_mut().zip(t) {
            *b = b.min(t);
        }
    }
    println!(
        "| {} | {N} | {:.2} ns | {:.2} ns | {:.2} ns | {:.2} | {:.2} |",
        <T as shaped::Number>::NAME,
        best[0],
        best[1],
        best[2],
        best[0] / best[1],
        best[0] / best[2]
    );
}

fn main() {
    println!(
        "| type | n | shaped_into | nalgebra | raw_mm | shaped_into / nalgebra | shaped_into / raw_mm |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    run::<f32, 2>();
    run::<f32, 3>();
    run::<f32, 4>();
    run::<f32, 8>();
    run::<f32, 16>();
    run::<f64, 2>();
    run::<f64, 3>();
    run::<f64, 4>();
    run::<f64, 8>();
    run::<f64, 16>();
}
