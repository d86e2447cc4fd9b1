//! Tiny static products timed on a chain: `x <- x B_i` over eight distinct matrices `B_i`,
//! sixteen products a run, so that each product waits for the previous one and nothing can
//! be hoisted or overlapped across iterations (issue 18 item 2). `matmul_into` and the
//! allocating `matmul` of `Matrix<T, N, N>` against nalgebra's `SMatrix` (`x * b`, by value),
//! N in {2, 3, 4, 8}; nanoseconds per product, the minimum over many short runs with the three
//! interleaved in each round (as `gemm_small.rs`, whose loop measures throughput instead).
//!
//! Run from this folder: `cargo bench --bench gemm_chain` (about 10 s).

use std::hint::black_box;
use std::time::Instant;

use shaped::{Const, Scalar, Tensor};

use shaped_benches::fill;

/// Products per timed run.
const CHAIN: usize = 16;

trait Elem: Scalar + nalgebra::Scalar + Copy {
    fn of(x: f64) -> Self;
}

impl Elem for f32 {
    fn of(x: f64) -> Self {
        x as f32
    }
}

impl Elem for f64 {
    fn of(x: f64) -> Self {
        x
    }
}

/// Nanoseconds per product of `f` (one chain of `CHAIN` products a call): the minimum over
/// `rounds` of `iters` calls.
fn time_once(iters: u32, f: &mut dyn FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..iters {
        f();
    }
    t.elapsed().as_nanos() as f64 / f64::from(iters) / CHAIN as f64
}

fn run<T: Elem, const N: usize>()
where
    nalgebra::SMatrix<T, N, N>: core::ops::Mul<Output = nalgebra::SMatrix<T, N, N>>,
{
    type M<T, const N: usize> = Tensor<T, (Const<N>, Const<N>)>;
    // Entries uniform in [-1, 1) / sqrt(N): a chain of 16 products neither overflows nor
    // reaches subnormal numbers.
    let scale = 1.0 / (N as f64).sqrt();
    let data: Vec<Vec<T>> = (0..9)
        .map(|s| {
            fill(N * N, s + 1)
                .into_iter()
                .map(|v| T::of(v * scale))
                .collect()
        })
        .collect();
    let bs: Vec<M<T, N>> = data[1..]
        .iter()
        .map(|d| M::<T, N>::from_slice((Const, Const), d).unwrap())
        .collect();
    let nbs: Vec<nalgebra::SMatrix<T, N, N>> = data[1..]
        .iter()
        .map(|d| nalgebra::SMatrix::<T, N, N>::from_row_slice(d))
        .collect();
    let x0 = M::<T, N>::from_slice((Const, Const), &data[0]).unwrap();
    let nx0 = nalgebra::SMatrix::<T, N, N>::from_row_slice(&data[0]);
    // The three agree before anything is timed.
    {
        let (mut x, mut y) = (x0.clone(), x0.clone());
        let mut z = x0.clone();
        let mut nx = nx0;
        for i in 0..CHAIN {
            x.matmul_into(&bs[i % 8], &mut y);
            core::mem::swap(&mut x, &mut y);
            z = z.matmul(&bs[i % 8]);
            nx = nx * nbs[i % 8];
        }
        for r in 0..N {
            for c in 0..N {
                let (a, b, d) = (x[[r, c]], z[[r, c]], nx[(r, c)]);
                let tol = T::of(1e-4);
                assert!(a == b && (a - d) * (a - d) <= tol * tol, "{a} {b} {d}");
            }
        }
    }
    let iters = (20_000 / (N * N * N)).max(100) as u32;
    let (mut x, mut y) = (x0.clone(), x0.clone());
    let mut best = [f64::INFINITY; 3];
    for _ in 0..200 {
        let t = [
            time_once(iters, &mut || {
                // two buffers made once: the chain itself allocates nothing
                x.as_mut_slice().copy_from_slice(black_box(&x0).as_slice());
                for b in bs.iter().cycle().take(CHAIN) {
                    x.matmul_into(black_box(b), &mut y);
                    core::mem::swap(&mut x, &mut y);
                }
                black_box(&x);
            }),
            time_once(iters, &mut || {
                // each product a new tensor, the first one from x0 by reference
                let mut z = black_box(&x0).matmul(black_box(&bs[0]));
                for b in bs.iter().cycle().skip(1).take(CHAIN - 1) {
                    z = z.matmul(black_box(b));
                }
                black_box(&z);
            }),
            time_once(iters, &mut || {
                let mut x = *black_box(&nx0);
                for b in nbs.iter().cycle().take(CHAIN) {
                    x = x * *black_box(b);
                }
                black_box(&x);
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
        best[0] / best[2],
        best[1] / best[2]
    );
}

fn main() {
    println!(
        "| type | n | matmul_into | matmul | nalgebra | matmul_into / nalgebra | matmul / nalgebra |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    run::<f32, 2>();
    run::<f32, 3>();
    run::<f32, 4>();
    run::<f32, 8>();
    run::<f64, 2>();
    run::<f64, 3>();
    run::<f64, 4>();
    run::<f64, 8>();
}
