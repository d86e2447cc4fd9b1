//! Matrix products: `shaped` against raw matrixmultiply (on the same buffers), nalgebra,
//! ndarray and faer, in one run.
//!
//! Groups (criterion ids `<group>/<impl>/<n>`; throughput is in flops, 2 n^3 per product):
//! - `gemm_f32`, `gemm_f64`: square products, n in {2, 3, 4, 8, 16, 32, 64, 128, 256, 512, 1024}.
//!   `shaped_into` is `matmul_into` (no allocation), `shaped` the allocating `matmul`; both on
//!   static shapes (`Matrix<T, N, N>`) up to n = 32 and on `Dyn` shapes above.
//!   nalgebra uses `SMatrix` (`a * b`) up to n = 16 and `DMatrix::mul_to` above; ndarray `.dot`;
//!   faer `matmul` with `Par::Seq`.
//! - `gemm_t_f32`, `gemm_t_f64`: `A B^T` with `B^T` a transposed view (no copy).
//! - `batched_f32`, `batched_f64`: 64 products of 128x128x128 against a loop of raw calls.
//!
//! Run from `benches/`: `cargo bench --bench gemm` (see BENCHMARKS.md).

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime,
};
use shaped::{Const, Dyn, Tensor};

use shaped_benches::fill;

/// The element types benched, with their raw matrixmultiply entry point.
trait Elem:
    shaped::Scalar + nalgebra::Scalar + faer::traits::ComplexField + ndarray::LinalgScalar
{
    fn of(x: f64) -> Self;
    /// Raw matrixmultiply `C <- A B` on row-major-strided pointers.
    #[allow(clippy::too_many_arguments)]
    fn raw(
        m: usize,
        k: usize,
        n: usize,
        a: &[Self],
        rsa: isize,
        csa: isize,
        b: &[Self],
        rsb: isize,
        csb: isize,
        c: &mut [Self],
    );
}

impl Elem for f32 {
    fn of(x: f64) -> Self {
        x as f32
    }
    fn raw(
        m: usize,
        k: usize,
        n: usize,
        a: &[f32],
        rsa: isize,
        csa: isize,
        b: &[f32],
        rsb: isize,
        csb: isize,
        c: &mut [f32],
    ) {
        shaped_benches::raw_sgemm(m, k, n, a, rsa, csa, b, rsb, csb, c)
    }
}

impl Elem for f64 {
    fn of(x: f64) -> Self {
        x
    }
    fn raw(
        m: usize,
        k: usize,
        n: usize,
        a: &[f64],
        rsa: isize,
        csa: isize,
        b: &[f64],
        rsb: isize,
        csb: isize,
        c: &mut [f64],
    ) {
        shaped_benches::raw_dgemm(m, k, n, a, rsa, csa, b, rsb, csb, c)
    }
}

fn data<T: Elem>(len: usize, seed: u64) -> Vec<T> {
    fill(len, seed).into_iter().map(T::of).collect()
}

fn configure(g: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    g.throughput(Throughput::Elements(2 * (n as u64).pow(3)));
    if n >= 512 {
        g.sample_size(10);
        g.measurement_time(Duration::from_millis(1500));
    } else {
        g.sample_size(30);
        g.measurement_time(Duration::from_millis(400));
    }
}

/// The anchors that do not depend on static shapes: raw matrixmultiply, ndarray, faer, and
/// nalgebra's DMatrix above n = 16.
fn anchors<T: Elem>(g: &mut BenchmarkGroup<'_, WallTime>, n: usize, a: &[T], b: &[T]) {
    let mut c = vec![T::of(0.0); n * n];
    g.bench_function(format!("raw_mm/{n}"), |bch| {
        bch.iter(|| {
            T::raw(
                n,
                n,
                n,
                black_box(a),
                n as isize,
                1,
                black_box(b),
                n as isize,
                1,
                &mut c,
            );
            black_box(&c);
        })
    });
    let na = ndarray::Array2::from_shape_vec((n, n), a.to_vec()).unwrap();
    let nb = ndarray::Array2::from_shape_vec((n, n), b.to_vec()).unwrap();
    g.bench_function(format!("ndarray/{n}"), |bch| {
        bch.iter(|| black_box(black_box(&na).dot(black_box(&nb))))
    });
    let fa = faer::Mat::<T>::from_fn(n, n, |i, j| a[i * n + j]);
    let fb = faer::Mat::<T>::from_fn(n, n, |i, j| b[i * n + j]);
    let mut fc = faer::Mat::<T>::zeros(n, n);
    g.bench_function(format!("faer/{n}"), |bch| {
        bch.iter(|| {
            faer::linalg::matmul::matmul(
                &mut fc,
                faer::Accum::Replace,
                black_box(&fa),
                black_box(&fb),
                T::of(1.0),
                faer::Par::Seq,
            );
            black_box(&fc);
        })
    });
    if n > 16 {
        let ma = nalgebra::DMatrix::<T>::from_row_slice(n, n, a);
        let mb = nalgebra::DMatrix::<T>::from_row_slice(n, n, b);
        let mut mc = nalgebra::DMatrix::<T>::zeros(n, n);
        g.bench_function(format!("nalgebra/{n}"), |bch| {
            bch.iter(|| {
                black_box(&ma).mul_to(black_box(&mb), &mut mc);
                black_box(&mc);
            })
        });
    }
}

/// Square products of static size `N`: shaped on `Matrix<T, N, N>`, nalgebra on `SMatrix`
/// up to 16.
fn square_static<T: Elem, const N: usize>(g: &mut BenchmarkGroup<'_, WallTime>) {
    configure(g, N);
    let (da, db) = (data::<T>(N * N, 1), data::<T>(N * N, 2));
    let a = Tensor::<T, (Const<N>, Const<N>)>::from_slice((Const, Const), &da).unwrap();
    let b = Tensor::<T, (Const<N>, Const<N>)>::from_slice((Const, Const), &db).unwrap();
    let mut c = Tensor::<T, (Const<N>, Const<N>)>::zeros();
    g.bench_function(format!("shaped_into/{N}"), |bch| {
        bch.iter(|| {
            black_box(&a).matmul_into(black_box(&b), &mut c);
            black_box(&c);
        })
    });
    g.bench_function(format!("shaped/{N}"), |bch| {
        bch.iter(|| black_box(black_box(&a).matmul(black_box(&b))))
    });
    if N <= 16 {
        let ma = nalgebra::SMatrix::<T, N, N>::from_row_slice(&da);
        let mb = nalgebra::SMatrix::<T, N, N>::from_row_slice(&db);
        g.bench_function(format!("nalgebra/{N}"), |bch| {
            bch.iter(|| black_box(black_box(&ma) * black_box(&mb)))
        });
    }
    anchors(g, N, a.as_slice(), b.as_slice());
}

/// Square products on `Dyn` shapes.
fn square_dyn<T: Elem>(g: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    configure(g, n);
    let (da, db) = (data::<T>(n * n, 1), data::<T>(n * n, 2));
    let a = Tensor::<T, (Dyn, Dyn)>::from_vec((Dyn(n), Dyn(n)), da).unwrap();
    let b = Tensor::<T, (Dyn, Dyn)>::from_vec((Dyn(n), Dyn(n)), db).unwrap();
    let mut c = Tensor::<T, (Dyn, Dyn)>::zeros_with((Dyn(n), Dyn(n)));
    g.bench_function(format!("shaped_into/{n}"), |bch| {
        bch.iter(|| {
            black_box(&a).matmul_into(black_box(&b), &mut c);
            black_box(&c);
        })
    });
    g.bench_function(format!("shaped/{n}"), |bch| {
        bch.iter(|| black_box(black_box(&a).matmul(black_box(&b))))
    });
    anchors(g, n, a.as_slice(), b.as_slice());
}

fn square<T: Elem>(c: &mut Criterion) {
    let mut g = c.benchmark_group(format!("gemm_{}", <T as shaped::Number>::NAME));
    g.warm_up_time(Duration::from_millis(200));
    square_static::<T, 2>(&mut g);
    square_static::<T, 3>(&mut g);
    square_static::<T, 4>(&mut g);
    square_static::<T, 8>(&mut g);
    square_static::<T, 16>(&mut g);
    square_static::<T, 32>(&mut g);
    for n in [64, 128, 256, 512, 1024] {
        square_dyn::<T>(&mut g, n);
    }
    g.finish();
}

/// `A B^T` with `B^T` a transposed view: no copy in shaped, the swapped strides in raw.
fn transposed<T: Elem>(c: &mut Criterion) {
    let mut g = c.benchmark_group(format!("gemm_t_{}", <T as shaped::Number>::NAME));
    g.warm_up_time(Duration::from_millis(200));
    for n in [64, 256, 512] {
        configure(&mut g, n);
        let a = Tensor::<T, (Dyn, Dyn)>::from_vec((Dyn(n), Dyn(n)), data(n * n, 3)).unwrap();
        let b = Tensor::<T, (Dyn, Dyn)>::from_vec((Dyn(n), Dyn(n)), data(n * n, 4)).unwrap();
        let mut out = Tensor::<T, (Dyn, Dyn)>::zeros_with((Dyn(n), Dyn(n)));
        g.bench_function(format!("shaped_into/{n}"), |bch| {
            bch.iter(|| {
                black_box(&a).matmul_into(black_box(&b).t(), &mut out);
                black_box(&out);
            })
        });
        g.bench_function(format!("shaped/{n}"), |bch| {
            bch.iter(|| black_box(black_box(&a).matmul(black_box(&b).t())))
        });
        let mut raw_c = vec![T::of(0.0); n * n];
        g.bench_function(format!("raw_mm/{n}"), |bch| {
            bch.iter(|| {
                T::raw(
                    n,
                    n,
                    n,
                    black_box(a.as_slice()),
                    n as isize,
                    1,
                    black_box(b.as_slice()),
                    1,
                    n as isize,
                    &mut raw_c,
                );
                black_box(&raw_c);
            })
        });
        let na = ndarray::Array2::from_shape_vec((n, n), a.as_slice().to_vec()).unwrap();
        let nb = ndarray::Array2::from_shape_vec((n, n), b.as_slice().to_vec()).unwrap();
        g.bench_function(format!("ndarray/{n}"), |bch| {
            bch.iter(|| black_box(black_box(&na).dot(&black_box(&nb).t())))
        });
        let fa = faer::Mat::<T>::from_fn(n, n, |i, j| a[[i, j]]);
        let fb = faer::Mat::<T>::from_fn(n, n, |i, j| b[[i, j]]);
        let mut fc = faer::Mat::<T>::zeros(n, n);
        g.bench_function(format!("faer/{n}"), |bch| {
            bch.iter(|| {
                faer::linalg::matmul::matmul(
                    &mut fc,
                    faer::Accum::Replace,
                    black_box(&fa),
                    black_box(&fb).transpose(),
                    T::of(1.0),
                    faer::Par::Seq,
                );
                black_box(&fc);
            })
        });
    }
    g.finish();
}

/// 64 products of 128 x 128 x 128: one batched call against a loop of raw calls.
fn batched<T: Elem>(c: &mut Criterion) {
    const B: usize = 64;
    const N: usize = 128;
    let mut g = c.benchmark_group(format!("batched_{}", <T as shaped::Number>::NAME));
    g.warm_up_time(Duration::from_millis(300));
    g.throughput(Throughput::Elements((B * 2 * N * N * N) as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_millis(1500));
    let shape = (Dyn(B), Dyn(N), Dyn(N));
    let a = Tensor::<T, (Dyn, Dyn, Dyn)>::from_vec(shape, data(B * N * N, 5)).unwrap();
    let b = Tensor::<T, (Dyn, Dyn, Dyn)>::from_vec(shape, data(B * N * N, 6)).unwrap();
    let mut out = Tensor::<T, (Dyn, Dyn, Dyn)>::zeros_with(shape);
    g.bench_function(format!("shaped_into/{B}x{N}"), |bch| {
        bch.iter(|| {
            black_box(&a).matmul_into(black_box(&b), &mut out);
            black_box(&out);
        })
    });
    g.bench_function(format!("shaped/{B}x{N}"), |bch| {
        bch.iter(|| black_box(black_box(&a).matmul(black_box(&b))))
    });
    let mut raw_c = vec![T::of(0.0); B * N * N];
    g.bench_function(format!("raw_mm_loop/{B}x{N}"), |bch| {
        bch.iter(|| {
            let (sa, sb) = (black_box(a.as_slice()), black_box(b.as_slice()));
            for ((ai, bi), ci) in sa
                .chunks_exact(N * N)
                .zip(sb.chunks_exact(N * N))
                .zip(raw_c.chunks_exact_mut(N * N))
            {
                T::raw(N, N, N, ai, N as isize, 1, bi, N as isize, 1, ci);
            }
            black_box(&raw_c);
        })
    });
    g.finish();
}

fn all(c: &mut Criterion) {
    square::<f32>(c);
    square::<f64>(c);
    transposed::<f32>(c);
    transposed::<f64>(c);
    batched::<f32>(c);
    batched::<f64>(c);
}

criterion_group!(benches, all);
criterion_main!(benches);
