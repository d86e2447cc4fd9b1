//! Two threads in the factorisations (issue 18 item 5): LU solve, Cholesky, thin QR, SVD and
//! eigh at n = 1024, f64, each on 1 and on 2 threads, shaped beside faer (`Par::Seq` and
//! `Par::rayon(2)`) in the same run.
//!
//! shaped has two ways to use the threads, chosen by the features this bench is built with:
//! - `--features rayon`: the library's `rayon` feature cuts each large GEMM of the
//!   factorisations in halves computed on rayon's pool (`gemm::RawCall::run`);
//! - `--features threading`: matrixmultiply's own threads (its `threading` feature, which
//!   then takes the products over from rayon).
//!
//! Both read their thread count once per process (`RAYON_NUM_THREADS`, `MATMUL_NUM_THREADS`);
//! so this bench runs shaped in child processes of itself, one with 1 thread and one with 2,
//! alternating with the faer timings of the parent round by round. Each figure is the minimum
//! over the rounds of the median of a few calls; every result is checked against the
//! 1-thread one first (solve: the solution; the factorisations: their reconstruction of A).
//!
//! Run from `benches/`: `cargo bench --features rayon --bench linalg_threads` or
//! `cargo bench --features threading --bench linalg_threads` (about 3 minutes each).
//! `SHAPED_THREADS_OPS=cholesky,qr` times only those operations (a row each);
//! `SHAPED_THREADS_CALLS=9` takes the median of 9 calls instead of 3. The ceiling of the
//! speed-up on the machine, one 1024 x 1024 matmul, is printed by the child run directly:
//! `SHAPED_THREADS_CHILD=1 RAYON_NUM_THREADS=2 SHAPED_THREADS_OPS=matmul <bench binary>`.

use std::hint::black_box;
use std::process::Command;
use std::time::Instant;

use shaped::{Dyn, Tensor};

const N: usize = 1024;
const ROUNDS: usize = 3;
const CALLS: usize = 3;
const OPS: [&str; 5] = ["solve", "cholesky", "qr", "svd", "eigh"];

/// A general matrix with a dominant diagonal, an SPD one and a symmetric one.
fn matrices(n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut a = shaped_benches::fill(n * n, 1);
    for i in 0..n {
        a[i * n + i] += n as f64 / 4.0;
    }
    let b = shaped_benches::fill(n * n, 2);
    let bt = Tensor::from_vec((Dyn(n), Dyn(n)), b.clone()).unwrap();
    let mut s = bt.matmul(bt.t()).into_vec();
    for (i, x) in s.iter_mut().enumerate() {
        *x /= n as f64;
        if i % (n + 1) == 0 {
            *x += 1.0;
        }
    }
    let mut h = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            h[i * n + j] = b[i * n + j] + b[j * n + i];
        }
    }
    (a, s, h)
}

/// Milliseconds: the median of `CALLS` calls of `f` (or of `SHAPED_THREADS_CALLS` calls, for
/// steadier figures when comparing two builds).
fn median_ms(mut f: impl FnMut()) -> f64 {
    let calls = std::env::var("SHAPED_THREADS_CALLS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(CALLS)
        .max(1);
    let mut t: Vec<f64> = (0..calls)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[calls / 2]
}

/// Relative Frobenius distance of two equal-length slices.
fn rel(x: &[f64], y: &[f64]) -> f64 {
    let d: f64 = x.iter().zip(y).map(|(a, b)| (a - b) * (a - b)).sum();
    let n: f64 = y.iter().map(|b| b * b).sum();
    (d / n).sqrt()
}

/// The child: shaped's five operations, one line `op ms check` each, where `check` is the
/// relative distance of the result's reconstruction (or solution) from the reference.
fn child() {
    let (a, s, h) = matrices(N);
    let ta = Tensor::from_vec((Dyn(N), Dyn(N)), a.clone()).unwrap();
    let ts = Tensor::from_vec((Dyn(N), Dyn(N)), s.clone()).unwrap();
    let th = Tensor::from_vec((Dyn(N), Dyn(N)), h.clone()).unwrap();
    let b = Tensor::from_vec((Dyn(N),), shaped_benches::fill(N, 3)).unwrap();
    // `SHAPED_THREADS_OPS=cholesky,qr` runs only those (for a profile of one operation).
    let only = std::env::var("SHAPED_THREADS_OPS").ok();
    // `matmul` (asked for by name only, not in the table): the one-GEMM ceiling of the
    // speed-up on this machine, `A A` cut in halves.
    if only
        .as_ref()
        .is_some_and(|o| o.split(',').any(|x| x == "matmul"))
    {
        let ms = median_ms(|| {
            black_box(black_box(&ta).matmul(&ta));
        });
        println!("matmul {ms} 0");
    }
    for op in OPS {
        if only
            .as_ref()
            .is_some_and(|o| !o.split(',').any(|x| x == op))
        {
            continue;
        }
        let (ms, check) = match op {
            "solve" => {
                let ms = median_ms(|| {
                    black_box(black_box(&ta).solve(&b).unwrap());
                });
                let x = ta.solve(&b).unwrap();
                (ms, rel(ta.matvec(&x).as_slice(), b.as_slice()))
            }
            "cholesky" => {
                let ms = median_ms(|| {
                    black_box(black_box(&ts).cholesky().unwrap());
                });
                let l = ts.cholesky().unwrap().into_l();
                (ms, rel(l.matmul(l.t()).as_slice(), &s))
            }
            "qr" => {
                let ms = median_ms(|| {
                    black_box(black_box(&ta).qr().unwrap());
                });
                let f = ta.qr().unwrap();
                (ms, rel(f.q.matmul(&f.r).as_slice(), &a))
            }
            "svd" => {
                let ms = median_ms(|| {
                    black_box(black_box(&ta).svd().unwrap());
                });
                (ms, rel(ta.svd().unwrap().reconstruct().as_slice(), &a))
            }
            _ => {
                let ms = median_ms(|| {
                    black_box(black_box(&th).eigh().unwrap());
                });
                (ms, rel(th.eigh().unwrap().reconstruct().as_slice(), &h))
            }
        };
        println!("{op} {ms} {check:e}");
    }
}

/// shaped's time (ms) and check of each of `OPS`, in a child process with `threads` threads
/// (`None` for an operation that `SHAPED_THREADS_OPS` leaves out).
fn shaped_in_child(threads: usize) -> Vec<Option<(f64, f64)>> {
    let out = Command::new(std::env::current_exe().unwrap())
        .env("SHAPED_THREADS_CHILD", "1")
        .env("MATMUL_NUM_THREADS", threads.to_string())
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .expect("the child bench runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut got = vec![None; OPS.len()];
    for l in String::from_utf8(out.stdout).unwrap().lines() {
        let w: Vec<&str> = l.split_whitespace().collect();
        if let (3, Some(i)) = (w.len(), OPS.iter().position(|op| *op == w[0])) {
            got[i] = Some((w[1].parse().unwrap(), w[2].parse().unwrap()));
        }
    }
    got
}

/// faer's time (ms) of each operation with the parallelism `par`.
fn faer_times(
    par: faer::Par,
    a: &faer::Mat<f64>,
    s: &faer::Mat<f64>,
    h: &faer::Mat<f64>,
    b: &faer::Mat<f64>,
) -> Vec<f64> {
    use faer::linalg::solvers::Solve;
    faer::set_global_parallelism(par);
    vec![
        median_ms(|| {
            black_box(black_box(a).partial_piv_lu().solve(b));
        }),
        median_ms(|| {
            black_box(black_box(s).llt(faer::Side::Lower).unwrap());
        }),
        median_ms(|| {
            let qr = black_box(a).qr();
            black_box((qr.compute_thin_Q(), qr.thin_R().to_owned()));
        }),
        median_ms(|| {
            black_box(black_box(a).thin_svd().unwrap());
        }),
        median_ms(|| {
            black_box(black_box(h).self_adjoint_eigen(faer::Side::Lower).unwrap());
        }),
    ]
}

fn main() {
    if std::env::var_os("SHAPED_THREADS_CHILD").is_some() {
        child();
        return;
    }
    // cargo bench passes `--bench`; any other argument is ignored.
    let (a, s, h) = matrices(N);
    let fa = faer::Mat::<f64>::from_fn(N, N, |i, j| a[i * N + j]);
    let fs = faer::Mat::<f64>::from_fn(N, N, |i, j| s[i * N + j]);
    let fh = faer::Mat::<f64>::from_fn(N, N, |i, j| h[i * N + j]);
    let fb = faer::Mat::<f64>::from_fn(N, 1, |i, _| shaped_benches::fill(N, 3)[i]);
    let mut best = [[f64::INFINITY; 4]; 5];
    let mut checks = [[0.0f64; 2]; 5];
    for _ in 0..ROUNDS {
        let one = shaped_in_child(1);
        let two = shaped_in_child(2);
        let f1 = faer_times(faer::Par::Seq, &fa, &fs, &fh, &fb);
        let f2 = faer_times(faer::Par::rayon(2), &fa, &fs, &fh, &fb);
        for i in 0..5 {
            // An operation left out by `SHAPED_THREADS_OPS` gets no row.
            let (Some(one), Some(two)) = (one[i], two[i]) else {
                continue;
            };
            let row = [one.0, two.0, f1[i], f2[i]];
            for (b, t) in best[i].iter_mut().zip(row) {
                *b = b.min(t);
            }
            checks[i] = [checks[i][0].max(one.1), checks[i][1].max(two.1)];
        }
    }
    let mode = if cfg!(feature = "threading") {
        "matrixmultiply's threads (`threading`)"
    } else {
        "rayon (`rayon`)"
    };
    println!("shaped's threads: {mode}\n");
    println!(
        "| op (n = {N}) | shaped 1 thread | shaped 2 threads | speed-up | faer Seq | faer rayon(2) | speed-up | shaped check 1 / 2 threads |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---|");
    for (i, op) in OPS.iter().enumerate() {
        let [s1, s2, f1, f2] = best[i];
        if !s1.is_finite() {
            continue;
        }
        println!(
            "| {op} | {s1:.1} ms | {s2:.1} ms | {:.2} | {f1:.1} ms | {f2:.1} ms | {:.2} | {:.1e} / {:.1e} |",
            s1 / s2,
            f1 / f2,
            checks[i][0],
            checks[i][1]
        );
    }
}
