//! CSR matvec at the seed's size (10000 x 10000, density 1e-4) against `sprs`,
//! `nalgebra-sparse` and a dense matvec (a plain row-by-row loop over a dense `shaped`
//! tensor, written here), all on the same matrix and vector in the same run.
//!
//! Run: `cargo bench --bench sparse` from `benches/`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rand::SeedableRng;
use shaped::sparse::Csr;
use shaped::{Dyn, Tensor};

fn dense_matvec(a: &Tensor<f64, (Dyn, Dyn)>, x: &[f64]) -> Vec<f64> {
    let n = a.dims()[1];
    a.as_slice()
        .chunks_exact(n)
        .map(|row| row.iter().zip(x).map(|(a, b)| a * b).sum())
        .collect()
}

fn csr_matvec(c: &mut Criterion) {
    let (m, n, density) = (10_000, 10_000, 1e-4);
    let mut rng = rand::rngs::StdRng::seed_from_u64(0);
    let a = Csr::<f64, Dyn, Dyn>::random((Dyn(m), Dyn(n)), density, &mut rng);
    let x = Tensor::<f64, (Dyn,)>::from_fn_with((Dyn(n),), |[j]| {
        ((j * 7919) % 1000) as f64 / 500.0 - 1.0
    });
    let (indptr, indices, values) = a.clone().into_parts();

    let sp = sprs::CsMat::new((m, n), indptr.clone(), indices.clone(), values.clone());
    let xs = ndarray::Array1::from(x.as_slice().to_vec());
    let na = nalgebra_sparse::CsrMatrix::try_from_csr_data(m, n, indptr, indices, values)
        .expect("valid csr");
    let xn = nalgebra::DVector::from_column_slice(x.as_slice());

    // All agree before anything is timed.
    let y = a.matvec(&x);
    let ys = &sp * &xs;
    let yn = &na * &xn;
    for i in 0..m {
        assert!((y[[i]] - ys[i]).abs() <= 1e-12 * (1.0 + ys[i].abs()));
        assert!((y[[i]] - yn[i]).abs() <= 1e-12 * (1.0 + yn[i].abs()));
    }

    let mut g = c.benchmark_group("csr_matvec_10000x10000_d1e-4");
    g.bench_function("shaped", |b| b.iter(|| black_box(a.matvec(black_box(&x)))));
    g.bench_function("sprs", |b| b.iter(|| black_box(&sp * black_box(&xs))));
    g.bench_function("nalgebra-sparse", |b| {
        b.iter(|| black_box(&na * black_box(&xn)))
    });
    g.finish();

    // The dense equivalent: 800 MB of f64, memory-bound.
    let dense = a.to_dense();
    let yd = dense_matvec(&dense, x.as_slice());
    for i in 0..m {
        assert!((y[[i]] - yd[i]).abs() <= 1e-12 * (1.0 + yd[i].abs()));
    }
    let mut g = c.benchmark_group("csr_matvec_10000x10000_d1e-4");
    g.sample_size(10);
    g.bench_function("dense loop", |b| {
        b.iter(|| black_box(dense_matvec(&dense, black_box(x.as_slice()))))
    });
    g.finish();
}

criterion_group!(benches, csr_matvec);
criterion_main!(benches);
