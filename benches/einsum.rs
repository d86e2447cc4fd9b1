//! einsum! against shaped `matmul` and raw matrixmultiply, in one run (f32).
//!
//! Groups (criterion ids `einsum_<case>/<impl>`; throughput in flops):
//! - `matmul_n{16,64,256}`: `ij,jk->ik` against `matmul` (einsum's fixed cost).
//! - `matmul`: `nd,dm->nm` at 512^3 against `matmul` and raw `sgemm`.
//! - `batched`: `bij,bjk->bik`, 64 x 128^3, against a loop of `matmul` on batch views and a
//!   loop of raw calls.
//! - `rowdot`: `ij,ij->i` at 4096 x 512 against a hand-written loop.
//! - `ijk_jl`: `ijk,jl->ikl` (64^3 by 64^2) against `matmul` of the permuted view
//!   `t.permute::<Axes3<0, 2, 1>>()` by `m` (64 batches).
//! - `attention`: `bhqd,bhkd->bhqk` (b = h = 8, q = k = 128, d = 64) against a loop of
//!   `matmul(q, k.t())` per head.
//! - `chain4`: `ab,bc,cd,de->ae` with (64 x 512)(512 x 8)(8 x 512)(512 x 64), whose best
//!   order is not left to right, against `matmul` chained left to right and in the best order.
//!
//! Run from `benches/`: `cargo bench --bench einsum`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime,
};
use shaped::{Axes3, Const, Dyn, Tensor, einsum};

use shaped_benches::fill_f32 as fill;

fn group<'a>(c: &'a mut Criterion, name: &str, flops: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_millis(1500));
    g.sample_size(10);
    g.throughput(Throughput::Elements(flops as u64));
    g
}

use shaped_benches::raw_sgemm as raw;

/// einsum's fixed cost: `ij,jk->ik` against `matmul` at n = 16, 64 and 256 (Dyn sizes), four
/// distinct input pairs taken in turn.
fn matmul_sizes(c: &mut Criterion) {
    for n in [16usize, 64, 256] {
        let mut g = group(c, &format!("einsum_matmul_n{n}"), 2 * n * n * n);
        let pairs: Vec<_> = (0..4u64)
            .map(|k| {
                let a =
                    Tensor::<f32, (Dyn, Dyn)>::from_vec((Dyn(n), Dyn(n)), fill(n * n, 2 * k + 1));
                let b =
                    Tensor::<f32, (Dyn, Dyn)>::from_vec((Dyn(n), Dyn(n)), fill(n * n, 2 * k + 2));
                (a.unwrap(), b.unwrap())
            })
            .collect();
        let mut k = 0;
        g.bench_function("einsum", |bch| {
            bch.iter(|| {
                k = (k + 1) % 4;
                let (a, b) = &pairs[k];
                black_box(einsum!("ij,jk->ik", black_box(a), black_box(b)))
            })
        });
        g.bench_function("matmul", |bch| {
            bch.iter(|| {
                k = (k + 1) % 4;
                let (a, b) = &pairs[k];
                black_box(black_box(a).matmul(black_box(b)))
            })
        });
        g.finish();
    }
}

fn matmul_shaped(c: &mut Criterion) {
    const N: usize = 512;
    let mut g = group(c, "einsum_matmul", 2 * N * N * N);
    let a = Tensor::<f32, (Dyn, Dyn)>::from_vec((Dyn(N), Dyn(N)), fill(N * N, 1)).unwrap();
    let b = Tensor::<f32, (Dyn, Dyn)>::from_vec((Dyn(N), Dyn(N)), fill(N * N, 2)).unwrap();
    g.bench_function("einsum", |bch| {
        bch.iter(|| black_box(einsum!("nd,dm->nm", black_box(&a), black_box(&b))))
    });
    g.bench_function("matmul", |bch| {
        bch.iter(|| black_box(black_box(&a).matmul(black_box(&b))))
    });
    let mut out = vec![0.0; N * N];
    g.bench_function("raw", |bch| {
        bch.iter(|| {
            raw(
                N,
                N,
                N,
                black_box(a.as_slice()),
                N as isize,
                1,
                black_box(b.as_slice()),
                N as isize,
                1,
                &mut out,
            );
            black_box(&out);
        })
    });
    g.finish();
}

fn batched(c: &mut Criterion) {
    const B: usize = 64;
    const N: usize = 128;
    let mut g = group(c, "einsum_batched", B * 2 * N * N * N);
    let shape = (Dyn(B), Dyn(N), Dyn(N));
    let a = Tensor::<f32, (Dyn, Dyn, Dyn)>::from_vec(shape, fill(B * N * N, 3)).unwrap();
    let b = Tensor::<f32, (Dyn, Dyn, Dyn)>::from_vec(shape, fill(B * N * N, 4)).unwrap();
    g.bench_function("einsum", |bch| {
        bch.iter(|| black_box(einsum!("bij,bjk->bik", black_box(&a), black_box(&b))))
    });
    g.bench_function("matmul_loop", |bch| {
        bch.iter(|| {
            let outs: Vec<_> = (0..B)
                .map(|i| a.select::<0>(i).matmul(b.select::<0>(i)))
                .collect();
            black_box(outs)
        })
    });
    let mut out = vec![0.0; B * N * N];
    g.bench_function("raw_loop", |bch| {
        bch.iter(|| {
            for ((ai, bi), ci) in a
                .as_slice()
                .chunks_exact(N * N)
                .zip(b.as_slice().chunks_exact(N * N))
                .zip(out.chunks_exact_mut(N * N))
            {
                raw(N, N, N, ai, N as isize, 1, bi, N as isize, 1, ci);
            }
            black_box(&out);
        })
    });
    g.finish();
}

fn rowdot(c: &mut Criterion) {
    const N: usize = 4096;
    const D: usize = 512;
    let mut g = group(c, "einsum_rowdot", 2 * N * D);
    let a = Tensor::<f32, (Dyn, Const<D>)>::from_vec((Dyn(N), Const), fill(N * D, 5)).unwrap();
    let b = Tensor::<f32, (Dyn, Const<D>)>::from_vec((Dyn(N), Const), fill(N * D, 6)).unwrap();
    g.bench_function("einsum", |bch| {
        bch.iter(|| black_box(einsum!("ij,ij->i", black_box(&a), black_box(&b))))
    });
    g.bench_function("loop", |bch| {
        bch.iter(|| {
            let out: Vec<f32> = black_box(a.as_slice())
                .chunks_exact(D)
                .zip(black_box(b.as_slice()).chunks_exact(D))
                .map(|(x, y)| x.iter().zip(y).map(|(p, q)| p * q).sum())
                .collect();
            black_box(out)
        })
    });
    g.finish();
}

fn ijk_jl(c: &mut Criterion) {
    const N: usize = 64;
    let mut g = group(c, "einsum_ijk_jl", 2 * N * N * N * N);
    let t = Tensor::<f32, (Dyn, Dyn, Dyn)>::from_vec((Dyn(N), Dyn(N), Dyn(N)), fill(N * N * N, 7))
        .unwrap();
    let m = Tensor::<f32, (Dyn, Dyn)>::from_vec((Dyn(N), Dyn(N)), fill(N * N, 8)).unwrap();
    g.bench_function("einsum", |bch| {
        bch.iter(|| black_box(einsum!("ijk,jl->ikl", black_box(&t), black_box(&m))))
    });
    g.bench_function("matmul_permuted", |bch| {
        bch.iter(|| {
            black_box(
                black_box(&t)
                    .permute::<Axes3<0, 2, 1>>()
                    .to_tensor()
                    .matmul(black_box(&m)),
            )
        })
    });
    g.bench_function("matmul_permuted_view", |bch| {
        bch.iter(|| {
            let p = black_box(&t).permute::<Axes3<0, 2, 1>>();
            let outs: Vec<_> = (0..N)
                .map(|i| p.select::<0>(i).matmul(black_box(&m)))
                .collect();
            black_box(outs)
        })
    });
    g.finish();
}

fn attention(c: &mut Criterion) {
    const B: usize = 8;
    const H: usize = 8;
    const Q: usize = 128;
    const D: usize = 64;
    let mut g = group(c, "einsum_attention", B * H * 2 * Q * Q * D);
    type T4 = (Dyn, Dyn, Dyn, Dyn);
    let q = Tensor::<f32, T4>::from_vec((Dyn(B), Dyn(H), Dyn(Q), Dyn(D)), fill(B * H * Q * D, 9))
        .unwrap();
    let k = Tensor::<f32, T4>::from_vec((Dyn(B), Dyn(H), Dyn(Q), Dyn(D)), fill(B * H * Q * D, 10))
        .unwrap();
    g.bench_function("einsum", |bch| {
        bch.iter(|| black_box(einsum!("bhqd,bhkd->bhqk", black_box(&q), black_box(&k))))
    });
    g.bench_function("matmul_loop", |bch| {
        bch.iter(|| {
            let mut outs = Vec::with_capacity(B * H);
            for b in 0..B {
                for h in 0..H {
                    let qh = q.select::<0>(b).select::<0>(h);
                    let kh = k.select::<0>(b).select::<0>(h);
                    outs.push(qh.matmul(kh.t()));
                }
            }
            black_box(outs)
        })
    });
    g.finish();
}

fn chain4(c: &mut Criterion) {
    let (a, b, cc, d, e) = (64, 512, 8, 512, 64);
    let mut g = group(
        c,
        "einsum_chain4",
        2 * (a * b * cc + cc * d * e + a * cc * e),
    );
    let m0 = Tensor::<f32, (Dyn, Dyn)>::from_vec((Dyn(a), Dyn(b)), fill(a * b, 11)).unwrap();
    let m1 = Tensor::<f32, (Dyn, Dyn)>::from_vec((Dyn(b), Dyn(cc)), fill(b * cc, 12)).unwrap();
    let m2 = Tensor::<f32, (Dyn, Dyn)>::from_vec((Dyn(cc), Dyn(d)), fill(cc * d, 13)).unwrap();
    let m3 = Tensor::<f32, (Dyn, Dyn)>::from_vec((Dyn(d), Dyn(e)), fill(d * e, 14)).unwrap();
    g.bench_function("einsum", |bch| {
        bch.iter(|| {
            black_box(einsum!(
                "ab,bc,cd,de->ae",
                black_box(&m0),
                black_box(&m1),
                black_box(&m2),
                black_box(&m3)
            ))
        })
    });
    g.bench_function("matmul_left_to_right", |bch| {
        bch.iter(|| black_box(m0.matmul(&m1).matmul(&m2).matmul(&m3)))
    });
    g.bench_function("matmul_best_order", |bch| {
        bch.iter(|| black_box(m0.matmul(&m1).matmul(m2.matmul(&m3))))
    });
    g.finish();
}

criterion_group!(
    benches,
    matmul_sizes,
    matmul_shaped,
    batched,
    rowdot,
    ijk_jl,
    attention,
    chain4
);
criterion_main!(benches);
