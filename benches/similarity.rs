//! All-pairs cosine similarity, the article's example: `cosine_similarity` of a (1000, 300)
//! by a (1000, 300) f32 matrix, against normalising the rows and one product in the same run:
//! `normalize_rows` then `matmul` by the transpose (shaped's typed API), and ndarray's
//! row norms then `dot` by the transpose.
//!
//! Each iteration takes the next of four input pairs, so nothing is reused between calls.
//!
//! Run from `benches/`: `cargo bench --bench similarity`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndarray::{Array2, Axis};
use shaped::{Dyn, Tensor};

const N: usize = 1000;
const D: usize = 300;
const EPS: f32 = 1e-8;

use shaped_benches::fill_f32 as fill;

type Mat = Tensor<f32, (Dyn, Dyn)>;

fn mat(seed: u64) -> Mat {
    Mat::from_vec((Dyn(N), Dyn(D)), fill(N * D, seed)).unwrap()
}

fn normalised_nd(x: &Array2<f32>) -> Array2<f32> {
    let norms = x.map_axis(Axis(1), |r| r.dot(&r).sqrt() + EPS);
    x / &norms.insert_axis(Axis(1))
}

fn similarity(c: &mut Criterion) {
    let pairs: Vec<(Mat, Mat)> = (0..4).map(|k| (mat(2 * k + 1), mat(2 * k + 2))).collect();
    let nd: Vec<(Array2<f32>, Array2<f32>)> = pairs
        .iter()
        .map(|(x, y)| {
            (
                Array2::from_shape_vec((N, D), x.as_slice().to_vec()).unwrap(),
                Array2::from_shape_vec((N, D), y.as_slice().to_vec()).unwrap(),
            )
        })
        .collect();
    // The three agree before anything is timed.
    let (x, y) = &pairs[0];
    let s = x.cosine_similarity(y, EPS);
    let r = x.normalize_rows(EPS).matmul(y.normalize_rows(EPS).t());
    let (xa, ya) = &nd[0];
    let q = normalised_nd(xa).dot(&normalised_nd(ya).t());
    for ((a, b), c) in s.as_slice().iter().zip(r.as_slice()).zip(q.iter()) {
        assert!((a - b).abs() < 1e-5 && (a - c).abs() < 1e-5, "{a} {b} {c}");
    }

    let mut g = c.benchmark_group("cosine_all_pairs_1000x300");
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    g.sample_size(20);
    g.throughput(Throughput::Elements((2 * N * N * D) as u64));
    let mut k = 0;
    g.bench_function("cosine_similarity", |b| {
        b.iter(|| {
            k = (k + 1) % 4;
            let (x, y) = &pairs[k];
            black_box(black_box(x).cosine_similarity(black_box(y), EPS))
        })
    });
    g.bench_function("normalize_then_matmul", |b| {
        b.iter(|| {
            k = (k + 1) % 4;
            let (x, y) = &pairs[k];
            let yn = black_box(y).normalize_rows(EPS);
            black_box(black_box(x).normalize_rows(EPS).matmul(yn.t()))
        })
    });
    g.bench_function("ndarray_normalize_then_dot", |b| {
        b.iter(|| {
            k = (k + 1) % 4;
            let (x, y) = &nd[k];
            black_box(normalised_nd(black_box(x)).dot(&normalised_nd(black_box(y)).t()))
        })
    });
    g.finish();
}

criterion_group!(benches, similarity);
criterion_main!(benches);
