//! numpy for ML code (issue 19): softmax over (4096, 1000) f32, argsort of 1e6 f64, topk of
//! (1000, 10000) with k = 10, and take of 1e6 rows, each against ndarray (where it has the
//! op, or what an ndarray user writes) and a hand loop over slices, in the same run.
//!
//! Run: `cargo bench --bench mlops` from `benches/`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ndarray::{Array1, Array2, Axis};
use shaped::{Const, Dyn, Tensor};

/// Deterministic values in [-4, 4).
fn values(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            ((s >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 8.0
        })
        .collect()
}

fn softmax(c: &mut Criterion) {
    let (rows, cols) = (4096, 1000);
    let data: Vec<f32> = values(rows * cols, 1).iter().map(|&v| v as f32).collect();
    let x = Tensor::<f32, (Dyn, Dyn)>::from_vec((Dyn(rows), Dyn(cols)), data.clone()).unwrap();
    let a = Array2::from_shape_vec((rows, cols), data.clone()).unwrap();
    let mut g = c.benchmark_group("softmax_4096x1000_f32");
    g.sample_size(10);
    g.bench_function("shaped", |b| {
        b.iter(|| black_box(black_box(&x).softmax::<1>()))
    });
    g.bench_function("ndarray", |b| {
        b.iter(|| {
            let a = black_box(&a);
            let m = a.map_axis(Axis(1), |r| r.fold(f32::NEG_INFINITY, |m, &v| m.max(v)));
            let mut e = a - &m.insert_axis(Axis(1));
            e.mapv_inplace(f32::exp);
            let s = e.sum_axis(Axis(1)).insert_axis(Axis(1));
            black_box(e / &s)
        })
    });
    g.bench_function("loop", |b| {
        b.iter(|| {
            let x = black_box(&data);
            let mut out = vec![0.0f32; x.len()];
            for (o, r) in out.chunks_exact_mut(cols).zip(x.chunks_exact(cols)) {
                let m = r.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
                let mut s = 0.0;
                for (o, &v) in o.iter_mut().zip(r) {
                    *o = (v - m).exp();
                    s += *o;
                }
                let inv = 1.0 / s;
                o.iter_mut().for_each(|v| *v *= inv);
            }
            black_box(out)
        })
    });
    g.finish();
}

fn argsort(c: &mut Criterion) {
    let n = 1_000_000;
    let data = values(n, 2);
    let x = Tensor::<f64, (Dyn,)>::from_vec((Dyn(n),), data.clone()).unwrap();
    let mut g = c.benchmark_group("argsort_1e6_f64");
    g.sample_size(10);
    g.bench_function("shaped", |b| {
        b.iter(|| black_box(black_box(&x).argsort::<0>()))
    });
    // ndarray has no argsort: an ndarray user sorts indices by the values, as the loop does
    g.bench_function("loop", |b| {
        b.iter(|| {
            let x = black_box(&data);
            let mut idx: Vec<usize> = (0..x.len()).collect();
            idx.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
            black_box(idx)
        })
    });
    g.finish();
}

fn topk(c: &mut Criterion) {
    let (rows, cols) = (1000, 10_000);
    let data = values(rows * cols, 3);
    let x = Tensor::<f64, (Dyn, Dyn)>::from_vec((Dyn(rows), Dyn(cols)), data.clone()).unwrap();
    let mut g = c.benchmark_group("topk_1000x10000_k10_f64");
    g.sample_size(10);
    g.bench_function("shaped", |b| {
        b.iter(|| black_box(black_box(&x).topk::<1, 10>()))
    });
    // ndarray has no topk: a selection per row, then a sort of the ten
    g.bench_function("loop", |b| {
        b.iter(|| {
            let x = black_box(&data);
            let mut vals = Vec::with_capacity(rows * 10);
            let mut inds = Vec::with_capacity(rows * 10);
            let mut idx: Vec<usize> = Vec::with_capacity(cols);
            for r in x.chunks_exact(cols) {
                idx.clear();
                idx.extend(0..cols);
                let ord = |&i: &usize, &j: &usize| r[j].total_cmp(&r[i]).then(i.cmp(&j));
                idx.select_nth_unstable_by(9, ord);
                idx[..10].sort_unstable_by(ord);
                inds.extend_from_slice(&idx[..10]);
                vals.extend(idx[..10].iter().map(|&i| r[i]));
            }
            black_box((vals, inds))
        })
    });
    g.finish();
}

fn take(c: &mut Criterion) {
    let (n, d, k) = (100_000, 16, 1_000_000);
    let data: Vec<f32> = values(n * d, 4).iter().map(|&v| v as f32).collect();
    let rows: Vec<usize> = values(k, 5)
        .iter()
        .map(|&v| (((v + 4.0) / 8.0) * n as f64) as usize % n)
        .collect();
    let x = Tensor::<f32, (Dyn, Const<16>)>::from_vec((Dyn(n), Const), data.clone()).unwrap();
    let idx = Tensor::<usize, (Dyn,)>::from_vec((Dyn(k),), rows.clone()).unwrap();
    let a = Array2::from_shape_vec((n, d), data.clone()).unwrap();
    let ai = Array1::from_vec(rows.clone());
    let mut g = c.benchmark_group("take_1e6_rows_of_16_f32");
    g.sample_size(10);
    g.bench_function("shaped", |b| {
        b.iter(|| black_box(black_box(&x).take::<0, _>(black_box(&idx))))
    });
    g.bench_function("ndarray", |b| {
        b.iter(|| black_box(black_box(&a).select(Axis(0), black_box(ai.as_slice().unwrap()))))
    });
    g.bench_function("loop", |b| {
        b.iter(|| {
            let (x, rows) = (black_box(&data), black_box(&rows));
            let mut out = Vec::with_capacity(rows.len() * d);
            for &i in rows {
                out.extend_from_slice(&x[i * d..(i + 1) * d]);
            }
            black_box(out)
        })
    });
    g.finish();
}

criterion_group!(benches, softmax, argsort, topk, take);
criterion_main!(benches);
