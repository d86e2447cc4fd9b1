//! The factorisations with the feature `rayon`: on a pool of 2 threads their large GEMMs are
//! cut in halves, the matrix-vector products of the SVD's and eigh's reductions in two parts,
//! and the halves of the divide-and-conquer solvers run as two tasks; on a pool of 1 nothing
//! is cut. Every result must be the same bits both ways. The sizes put work above each cut:
//! GEMMs of 128^3 and more (LU, Cholesky and QR of order 300), matrix-vector products over
//! 2^17 entries (SVD of 400 x 380), the symmetric product from order 512 and subproblems of
//! 128 and more (eigh of order 520).

use shaped::prelude::*;

/// `f` on a fresh pool of `threads` threads.
fn on<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(f)
}

/// `f` on a pool of 1 thread and on a pool of 2; both results.
fn both<R: Send>(f: impl Fn() -> R + Send + Sync) -> (R, R) {
    (on(1, &f), on(2, &f))
}

fn matrix(m: usize, n: usize, seed: f64) -> Tensor<f64, (Dyn, Dyn)> {
    Tensor::from_fn_with((Dyn(m), Dyn(n)), |[i, j]| {
        ((i * n + j) as f64 * 0.37 + seed).sin() + if i == j { 4.0 } else { 0.0 }
    })
}

fn relative(a: &Tensor<f64, (Dyn, Dyn)>, b: &Tensor<f64, (Dyn, Dyn)>) -> f64 {
    let d: f64 = a.iter().zip(b.iter()).map(|(x, y)| (x - y) * (x - y)).sum();
    let n: f64 = b.iter().map(|y| y * y).sum();
    (d / n).sqrt()
}

#[test]
fn products_and_lu_cholesky_qr_do_not_depend_on_the_threads() {
    let n = 300;
    let a = matrix(n, n, 0.3);
    let b = matrix(n, 3, 0.8);
    let spd = a.matmul(a.t());
    let (one, two) = both(|| {
        let q = a.qr().unwrap();
        (
            a.matmul(b.matmul(b.t())),
            a.solve(&b).unwrap(),
            spd.cholesky().unwrap().into_l(),
            q.q,
            q.r,
        )
    });
    assert_eq!(one, two);
    let (p, x, l, q, r) = two;
    // The results are right, not only equal: A X = B, L L^T = S, Q R = A.
    assert!(relative(&a.matmul(&x), &b) < 1e-13);
    assert!(relative(&l.matmul(l.t()), &spd) < 1e-14);
    assert!(relative(&q.matmul(&r), &a) < 1e-14);
    let bbt = b.matmul(b.t());
    let want: Vec<f64> = (0..n * n)
        .map(|ij| (0..n).map(|k| a[[ij / n, k]] * bbt[[k, ij % n]]).sum())
        .collect();
    let want = Tensor::from_vec((Dyn(n), Dyn(n)), want).unwrap();
    assert!(relative(&p, &want) < 1e-14);
}

#[test]
fn svd_and_eigh_do_not_depend_on_the_threads() {
    let a = matrix(400, 380, 0.1);
    let (one, two) = both(|| {
        let f = a.svd().unwrap();
        (f.u, f.s, f.vt)
    });
    assert_eq!(one, two);
    let (u, s, vt) = two;
    let us = Tensor::from_fn_with((Dyn(400), Dyn(380)), |[i, j]| u[[i, j]] * s[[j]]);
    assert!(relative(&us.matmul(&vt), &a) < 1e-13);

    let g = matrix(520, 520, 0.5);
    let h = &g + g.t().to_owned();
    let (one, two) = both(|| {
        let e = h.eigh().unwrap();
        (e.values, e.vectors)
    });
    assert_eq!(one, two);
    let (w, v) = two;
    let vw = Tensor::from_fn_with((Dyn(520), Dyn(520)), |[i, j]| v[[i, j]] * w[[j]]);
    assert!(relative(&vw.matmul(v.t()), &h) < 1e-13);
}

#[test]
fn cholesky_tasks_by_rows_do_not_depend_on_the_threads() {
    // Orders about the cuts of the triangular solve into tasks of whole rows (multiples of 16
    // rows, from 2^20 multiply-adds) and of the symmetric update's halves, odd ones included:
    // every task must give the bits of one.
    for n in [129, 200, 255, 256, 257, 300, 333, 421, 600] {
        let a = matrix(n, n, 0.1 * n as f64);
        let spd = a.matmul(a.t());
        let (one, two) = both(|| spd.cholesky().unwrap().into_l());
        assert_eq!(one, two, "n = {n}");
        assert!(relative(&two.matmul(two.t()), &spd) < 1e-14, "n = {n}");
    }
}

#[test]
fn lu_does_not_depend_on_the_threads_at_odd_orders() {
    // Orders with GEMMs above the cut into halves and odd sizes (the halves at multiples of
    // 16), and the input check in chunks of 2^15 elements.
    for n in [129, 250, 333, 517, 700] {
        let a = matrix(n, n, 0.2 * n as f64);
        let b = matrix(n, 2, 0.9);
        let (one, two) = both(|| {
            let f = a.lu().unwrap();
            (f.l(), f.u(), f.perm().to_vec(), a.solve(&b).unwrap())
        });
        assert_eq!(one, two, "n = {n}");
        assert!(relative(&a.matmul(&two.3), &b) < 1e-13, "n = {n}");
    }
}

#[test]
fn input_checks_in_tasks_find_every_non_finite_entry() {
    // Cholesky reads the lower triangle in two tasks of rows from 2^16 entries (order 362 and
    // up) and LU the whole matrix in chunks of 2^15: a NaN or an infinity anywhere they read
    // is refused on 2 threads as on 1, one above Cholesky's diagonal is not read.
    for n in [361, 362, 363, 500] {
        let a = matrix(n, n, 0.4);
        let spd = a.matmul(a.t());
        let s = equal_split(n);
        for (i, j) in [
            (0, 0),
            (s - 1, s - 1),
            (s, 0),
            (n - 1, n - 1),
            (n - 1, 0),
            (n / 2, 3),
        ] {
            for bad in [f64::NAN, f64::INFINITY] {
                let mut m = spd.clone();
                m[[i, j]] = bad;
                let (one, two) = both(|| (m.cholesky().is_err(), m.lu().is_err()));
                assert_eq!(one, (true, true), "n = {n} ({i}, {j})");
                assert_eq!(two, (true, true), "n = {n} ({i}, {j})");
            }
        }
        let mut m = spd.clone();
        m[[0, n - 1]] = f64::NAN;
        let (one, two) = both(|| m.cholesky().unwrap().into_l());
        assert_eq!(one, two, "n = {n}");
    }
}

/// The row about which a lower triangle of order `n` splits in two equal areas.
fn equal_split(n: usize) -> usize {
    ((n * n / 2) as f64).sqrt() as usize
}
