//! Nearest neighbours by cosine similarity: a few thousand random unit vectors, searched for
//! the closest match of each query, once with `einsum!` (all pairs in one contraction, run
//! as a GEMM) and once with a hand-written loop; both must find the same neighbours.
//!
//! numpy: `S = np.einsum('qd,nd->qn', Qn, Xn); best = S.argmax(axis=1)`.
//!
//! Run it with `cargo run --release --example similarity`.

use std::time::Instant;

use shaped::prelude::*;
use shaped::rand::{SeedableRng, rngs::StdRng};

/// Feature dimension: static, so that a query of another width does not compile.
const D: usize = 64;
type Vectors = Tensor<f32, (Dyn, Const<D>)>;

/// Each row divided by its L2 norm (rows of zeros stay zero).
fn unit_rows(x: &Vectors) -> Vectors {
    // numpy: norms = np.sqrt(np.einsum('nd,nd->n', x, x))
    let sq = einsum!("nd,nd->n", x, x);
    Tensor::from_fn_with(x.shape(), |[i, j]| {
        let n = sq[[i]].sqrt();
        if n > 0.0 { x[[i, j]] / n } else { 0.0 }
    })
}

/// For each query, the index of the base vector of largest cosine similarity, and that
/// similarity: all pairs with one einsum.
fn nearest_einsum(queries: &Vectors, base: &Vectors) -> Vec<(usize, f32)> {
    let s = einsum!("qd,nd->qn", queries, base); // (Q, N): every dot product
    let n = base.dims()[0];
    s.as_slice()
        .chunks_exact(n.max(1))
        .map(|row| {
            row.iter()
                .enumerate()
                .fold((0, f32::NEG_INFINITY), |best, (j, &v)| {
                    if v > best.1 { (j, v) } else { best }
                })
        })
        .collect()
}

/// The same search with two loops and a dot product.
fn nearest_loop(queries: &Vectors, base: &Vectors) -> Vec<(usize, f32)> {
    let (q, b) = (queries.as_slice(), base.as_slice());
    q.chunks_exact(D)
        .map(|x| {
            b.chunks_exact(D)
                .enumerate()
                .fold((0, f32::NEG_INFINITY), |best, (j, y)| {
                    let v: f32 = x.iter().zip(y).map(|(a, b)| a * b).sum();
                    if v > best.1 { (j, v) } else { best }
                })
        })
        .collect()
}

fn main() {
    let mut rng = StdRng::seed_from_u64(42);
    let n_base = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(4000);
    let n_queries = 200;
    let base = unit_rows(&Tensor::random_normal_with((Dyn(n_base), Const), &mut rng));
    // Queries: noisy copies of known base vectors, so the right answer is known.
    let truth: Vec<usize> = (0..n_queries).map(|k| (k * 7919) % n_base).collect();
    let noise = Vectors::random_normal_with((Dyn(n_queries), Const), &mut rng);
    let queries = unit_rows(&Tensor::from_fn_with((Dyn(n_queries), Const), |[i, j]| {
        base[[truth[i], j]] + 0.05 * noise[[i, j]]
    }));

    let t = Instant::now();
    let by_einsum = nearest_einsum(&queries, &base);
    let t_einsum = t.elapsed();
    let t = Instant::now();
    let by_loop = nearest_loop(&queries, &base);
    let t_loop = t.elapsed();

    let same = by_einsum
        .iter()
        .zip(&by_loop)
        .filter(|(a, b)| a.0 == b.0)
        .count();
    let right = by_einsum
        .iter()
        .zip(&truth)
        .filter(|(a, t)| a.0 == **t)
        .count();
    println!("{n_queries} queries against {n_base} unit vectors of dimension {D}");
    println!("einsum!(\"qd,nd->qn\"): {t_einsum:?}; hand-written loop: {t_loop:?}");
    println!(
        "same neighbour in {same}/{n_queries} queries; the planted neighbour found in {right}/{n_queries}"
    );
    let worst = by_einsum
        .iter()
        .zip(&by_loop)
        .map(|(a, b)| (a.1 - b.1).abs())
        .fold(0.0f32, f32::max);
    println!("largest difference of the best similarity: {worst:e}");
    assert_eq!(same, n_queries, "einsum and the loop disagree");
}
