//! Tiny static products timed on a chain: `x <- x B_i` (and `x <- B_i x`) over eight
//! distinct matrices `B_i`, 128 products a run, so that each product waits for the previous one and nothing can be
//! hoisted or overlapped across iterations (issue 18 item 2). The `B_i` are orthogonal, so
//! that a long chain neither overflows nor reaches subnormal numbers. Contenders, on
//! `Matrix<T, N, N>` against nalgebra's `SMatrix` (`x * b`, by value), N in {2, 3, 4, 8}:
//! - `matmul_into`, two buffers local to the run, the products alternating them (`x -> y`,
//!   `y -> x`): how a loop over an output buffer is written;
//! - `matmul_into`, two buffers made once outside the run and swapped after each product
//!   (`mem::swap` of the two tensors, which moves their inline storage);
//! - the allocating `matmul`, a new tensor per product.
//!
//! Nanoseconds per product, the minimum over many short runs with the contenders interleaved
//! in each round (as `gemm_small.rs`, whose loop measures throughput instead).
//!
//! Run from this folder: `cargo bench --bench gemm_chain` (about 40 s).

use std::hint::black_box;
use std::time::Instant;

use shaped::{Const, Scalar, Tensor};

use shaped_benches::fill;

/// Products per timed run.
const CHAIN: usize = 128;

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

type M<T, const N: usize> = Tensor<T, (Const<N>, Const<N>)>;

/// One step of the chain into `out`: `x B`, or `B x` when `LEFT`.
#[inline(always)]
fn step_into<T: Elem, const N: usize, const LEFT: bool>(
    x: &M<T, N>,
    b: &M<T, N>,
    out: &mut M<T, N>,
) {
    if LEFT {
        b.matmul_into(x, out)
    } else {
        x.matmul_into(b, out)
    }
}

/// One step of the chain as a new tensor.
#[inline(always)]
fn step_new<T: Elem, const N: usize, const LEFT: bool>(x: &M<T, N>, b: &M<T, N>) -> M<T, N> {
    if LEFT { b.matmul(x) } else { x.matmul(b) }
}

/// One step of the chain with nalgebra's by-value product.
#[inline(always)]
fn step_nalgebra<T: Elem, const N: usize, const LEFT: bool>(
    x: nalgebra::SMatrix<T, N, N>,
    b: nalgebra::SMatrix<T, N, N>,
) -> nalgebra::SMatrix<T, N, N>
where
    nalgebra::SMatrix<T, N, N>: core::ops::Mul<Output = nalgebra::SMatrix<T, N, N>>,
{
    if LEFT { b * x } else { x * b }
}

fn run<T: Elem, const N: usize, const LEFT: bool>()
where
    nalgebra::SMatrix<T, N, N>: core::ops::Mul<Output = nalgebra::SMatrix<T, N, N>>,
{
    let into = step_into::<T, N, LEFT>;
    let new = step_new::<T, N, LEFT>;
    let na = step_nalgebra::<T, N, LEFT>;
    // x0 uniform in [-1, 1); each B_i the orthogonal factor of a random matrix (Gram-Schmidt
    // on its rows, in f64), so that |x| stays put along the chain.
    let orthogonal = |seed: u64| -> Vec<f64> {
        let mut q = fill(N * N, seed);
        for i in 0..N {
            for j in 0..i {
                let d: f64 = (0..N).map(|c| q[i * N + c] * q[j * N + c]).sum();
                for c in 0..N {
                    q[i * N + c] -= d * q[j * N + c];
                }
            }
            let norm = (0..N)
                .map(|c| q[i * N + c] * q[i * N + c])
                .sum::<f64>()
                .sqrt();
            for c in 0..N {
                q[i * N + c] /= norm;
            }
        }
        q
    };
    let data: Vec<Vec<T>> = (0..9)
        .map(|s| {
            let d = if s == 0 {
                fill(N * N, 1)
            } else {
                orthogonal(s + 1)
            };
            d.into_iter().map(T::of).collect()
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
    // The contenders agree before anything is timed.
    {
        let (mut x, mut y) = (x0.clone(), x0.clone());
        let mut z = x0.clone();
        let mut nx = nx0;
        for i in 0..CHAIN {
            into(&x, &bs[i % 8], &mut y);
            core::mem::swap(&mut x, &mut y);
            z = new(&z, &bs[i % 8]);
            nx = na(nx, nbs[i % 8]);
        }
        for r in 0..N {
            for c in 0..N {
                let (a, b, d) = (x[[r, c]], z[[r, c]], nx[(r, c)]);
                let tol = T::of(1e-3);
                assert!(a == b && (a - d) * (a - d) <= tol * tol, "{a} {b} {d}");
            }
        }
    }
    let iters = (2_000 / (N * N * N)).max(10) as u32;
    let (mut x, mut y) = (x0.clone(), x0.clone());
    let mut best = [f64::INFINITY; 4];
    for _ in 0..200 {
        let t = [
            time_once(iters, &mut || {
                // two buffers local to the run, the two products of a step alternating them
                let mut x = black_box(&x0).clone();
                let mut y = x.clone();
                for pair in bs.chunks(2).cycle().take(CHAIN / 2) {
                    into(&x, black_box(&pair[0]), &mut y);
                    into(&y, black_box(&pair[1]), &mut x);
                }
                black_box(&x);
            }),
            time_once(iters, &mut || {
                // two buffers made once: the chain itself allocates nothing
                x.as_mut_slice().copy_from_slice(black_box(&x0).as_slice());
                for b in bs.iter().cycle().take(CHAIN) {
                    into(&x, black_box(b), &mut y);
                    core::mem::swap(&mut x, &mut y);
                }
                black_box(&x);
            }),
            time_once(iters, &mut || {
                // each product a new tensor, the first one from x0 by reference
                let mut z = new(black_box(&x0), black_box(&bs[0]));
                for b in bs.iter().cycle().skip(1).take(CHAIN - 1) {
                    z = new(&z, black_box(b));
                }
                black_box(&z);
            }),
            time_once(iters, &mut || {
                let mut x = *black_box(&nx0);
                for b in nbs.iter().cycle().take(CHAIN) {
                    x = na(x, *black_box(b));
                }
                black_box(&x);
            }),
        ];
        for (b, t) in best.iter_mut().zip(t) {
            *b = b.min(t);
        }
    }
    println!(
        "| {} | {N} | {} | {:.2} ns | {:.2} ns | {:.2} ns | {:.2} ns | {:.2} | {:.2} | {:.2} |",
        <T as shaped::Number>::NAME,
        if LEFT { "B x" } else { "x B" },
        best[0],
        best[1],
        best[2],
        best[3],
        best[0] / best[3],
        best[1] / best[3],
        best[2] / best[3]
    );
}

fn main() {
    println!(
        "| type | n | chain | matmul_into | matmul_into + swap | matmul | nalgebra | into / nalgebra | into + swap / nalgebra | matmul / nalgebra |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    run::<f32, 2, false>();
    run::<f32, 2, true>();
    run::<f32, 3, false>();
    run::<f32, 3, true>();
    run::<f32, 4, false>();
    run::<f32, 4, true>();
    run::<f32, 8, false>();
    run::<f32, 8, true>();
    run::<f64, 2, false>();
    run::<f64, 2, true>();
    run::<f64, 3, false>();
    run::<f64, 3, true>();
    run::<f64, 4, false>();
    run::<f64, 4, true>();
    run::<f64, 8, false>();
    run::<f64, 8, true>();
}
