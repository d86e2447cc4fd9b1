//! Nearest neighbours by cosine similarity: a few thousand random unit vectors, searched for
//! the closest match of each query, once with `einsum!` (all pairs in one contraction, run
//! as a GEMM) and once with a hand-written loop; both must find the same neighbours.
//!
//! numpy: `S = np.einsum('qd,nd->qn', Qn, Xn); best = S.argmax(axis=1)`.
//!
//! Then the top-K search: `S.topk::<1, K>()` gives the K most similar base vectors of each
//! query, best first, as (Q, Const<K>) similarities and indices (numpy:
//! `idx = np.argsort(-S, axis=1)[:, :K]; val = np.take_along_axis(S, idx, axis=1)`), checked
//! against a full sort of each row of the loop's similarities.
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

/// K columns per query.
type PerQuery<T, const K: usize> = Tensor<T, (Dyn, Const<K>)>;

/// The K nearest base vectors of each query, best first (ties to the lower index):
/// (Q, D) with (N, D) -> similarities and indices, both (Q, Const<K>).
fn top_k<const K: usize>(
    queries: &Vectors,
    base: &Vectors,
) -> (PerQuery<f32, K>, PerQuery<usize, K>) {
    let s = einsum!("qd,nd->qn", queries, base); // (Q, N)
    s.try_topk::<1, K>()
        .expect("K is at most the number of base vectors")
}

/// The K nearest by a full sort of each row of loop-computed similarities.
fn top_k_loop(queries: &Vectors, base: &Vectors, k: usize) -> Vec<Vec<usize>> {
    let (q, b) = (queries.as_slice(), base.as_slice());
    q.chunks_exact(D)
        .map(|x| {
            let sims: Vec<f32> = b
                .chunks_exact(D)
                .map(|y| x.iter().zip(y).map(|(a, b)| a * b).sum())
                .collect();
            let mut order: Vec<usize> = (0..sims.len()).collect();
            order.sort_by(|&i, &j| sims[j].total_cmp(&sims[i]).then(i.cmp(&j)));
            order.truncate(k);
            order
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

    // Top-5 neighbours: the planted one first, the rest as a full sort ranks them.
    const K: usize = 5;
    let t = Instant::now();
    let (sims, idx) = top_k::<K>(&queries, &base);
    let t_topk = t.elapsed();
    let t = Instant::now();
    let by_sort = top_k_loop(&queries, &base, K);
    let t_sort = t.elapsed();
    let first_is_planted = idx
        .rows()
        .zip(&truth)
        .filter(|(r, t)| r[[0]] == **t)
        .count();
    // the sets may order near-ties differently (f32 sums in another order): compare sets
    let same_sets = idx
        .rows()
        .zip(&by_sort)
        .filter(|(r, s)| {
            let mut a: Vec<usize> = r.iter().copied().collect();
            let mut b = (*s).clone();
            a.sort_unstable();
            b.sort_unstable();
            a == b
        })
        .count();
    let descending = sims
        .rows()
        .all(|r| r.iter().zip(r.iter().skip(1)).all(|(a, b)| a >= b));
    println!(
        "top-{K}: einsum! + topk {t_topk:?}; loop + full sort {t_sort:?}; planted neighbour first in {first_is_planted}/{n_queries}, same {K} neighbours in {same_sets}/{n_queries}"
    );
    println!(
        "query 0: neighbours {:?}, similarities {:.3?}",
        idx.rows()
            .next()
            .map(|r| r.iter().copied().collect::<Vec<_>>()),
        sims.rows()
            .next()
            .map(|r| r.iter().copied().collect::<Vec<_>>())
    );
    assert!(descending, "topk values are not descending");
    assert_eq!(same_sets, n_queries, "topk and the sort disagree");
}
