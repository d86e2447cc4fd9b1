//! The `rayon` feature: large elementwise ops, sums, `par_map`, batched products, `Csr`
//! matvec and the members of stacked factorisations run on rayon's thread pool, with the
//! serial results. Nothing changes in the code that calls them: the pool is rayon's global
//! one, or the one a `ThreadPool::install` runs in.
//!
//! `cargo run --release --example parallel_rayon --features rayon`

use std::time::Instant;

use shaped::sparse::Csr;
use shaped::{Dyn, Tensor};

type V = Tensor<f64, (Dyn,)>;
type S3 = Tensor<f64, (Dyn, Dyn, Dyn)>;

/// `f` on a new pool of `threads` threads, with the wall time in ms of its second run (the
/// first starts the pool's threads). One run each: a rough figure, see BENCHMARKS.md.
fn timed<R: Send>(threads: usize, f: impl Fn() -> R + Send + Sync) -> (R, f64) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    pool.install(|| {
        f();
        let start = Instant::now();
        let r = f();
        (r, start.elapsed().as_secs_f64() * 1e3)
    })
}

fn main() {
    let n = 4_000_000;
    let a = V::from_fn_with((Dyn(n),), |[i]| (i as f64 * 1e-3).sin());
    let b = V::from_fn_with((Dyn(n),), |[i]| (i as f64 * 2e-3).cos());

    // Elementwise work is split into tasks of whole elements: the same result on any pool.
    let work = || {
        let y = (&a * 2.0 + &b).par_map(|x| x.tanh()); // a closure that is Fn + Sync
        let total = y.sum(); // fixed chunks: the same sum on 1 thread and on 2
        (y, total)
    };
    let ((y1, s1), t1) = timed(1, work);
    let ((y2, s2), t2) = timed(2, work);
    assert_eq!(y1, y2);
    assert_eq!(s1.to_bits(), s2.to_bits());
    println!("tanh(2a + b) and its sum over {n} elements: {t1:.1} ms on 1 thread, {t2:.1} ms on 2");
    println!("  sum = {s2:.6} on both pools");

    // Batched matmul: one member's product per task, each on one thread.
    let x = S3::from_fn_with((Dyn(32), Dyn(128), Dyn(128)), |[i, j, k]| {
        ((i + 2 * j + 3 * k) % 17) as f64 - 8.0
    });
    let (p1, t1) = timed(1, || x.matmul(&x));
    let (p2, t2) = timed(2, || x.matmul(&x));
    assert_eq!(p1, p2);
    println!("matmul (32, 128, 128) x (32, 128, 128): {t1:.1} ms on 1 thread, {t2:.1} ms on 2");

    // Csr matvec by row blocks.
    let m = 20_000;
    let triplets: Vec<(usize, usize, f64)> = (0..m)
        .flat_map(|i| (0..10).map(move |r| (i, (i * 7919 + r * 104_729) % m, 1.0 + r as f64)))
        .collect();
    let sparse = Csr::<f64, Dyn, Dyn>::from_triplets((Dyn(m), Dyn(m)), &triplets).expect("valid");
    let v = V::from_fn_with((Dyn(m),), |[i]| (i % 10) as f64);
    let (y1, t1) = timed(1, || sparse.matvec(&v));
    let (y2, t2) = timed(2, || sparse.matvec(&v));
    assert_eq!(y1, y2);
    println!(
        "csr matvec ({m} x {m}, {} entries): {t1:.2} ms on 1 thread, {t2:.2} ms on 2",
        sparse.nnz()
    );

    // The members of a stacked solve, one LU workspace per task.
    let stack = S3::from_fn_with((Dyn(256), Dyn(48), Dyn(48)), |[i, j, k]| {
        if j == k {
            48.0
        } else {
            ((i + j * k) % 7) as f64 * 0.1
        }
    });
    let rhs = V::from_fn_with((Dyn(48),), |[i]| i as f64);
    let (x1, t1) = timed(1, || stack.solve(&rhs).expect("regular members"));
    let (x2, t2) = timed(2, || stack.solve(&rhs).expect("regular members"));
    assert_eq!(x1, x2);
    println!("stacked solve (256, 48, 48): {t1:.1} ms on 1 thread, {t2:.1} ms on 2");
}
