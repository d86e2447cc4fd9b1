//! The `rayon` feature: every parallel path gives the serial result. A pool of 1 thread runs
//! the serial loops (nothing is split), a pool of 2 the parallel ones, so the two are
//! compared directly: equal exactly for the elementwise ops, the sums along an axis, batched
//! matmul, `Csr` matvec and the stacked factorisations; the fixed-chunk whole-tensor sums
//! equal for 1 and 2 threads. Sizes sit around the thresholds (2 x 2^15 elements), odd, empty,
//! and views are transposed or sliced.

use shaped::prelude::*;

/// Runs `f` on a fresh pool of `threads` threads.
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

/// Element counts around the split threshold (2 x 2^15), odd and even, and a larger one.
const SIZES: [usize; 6] = [0, 1, 65_535, 65_536, 65_537, 200_003];

fn vector(n: usize, seed: f64) -> Tensor<f64, (Dyn,)> {
    Tensor::from_fn_with((Dyn(n),), |[i]| ((i as f64) * 0.37 + seed).sin() * 3.0)
}

fn matrix(m: usize, n: usize, seed: f64) -> Tensor<f64, (Dyn, Dyn)> {
    Tensor::from_fn_with((Dyn(m), Dyn(n)), |[i, j]| {
        ((i * n + j) as f64 * 0.11 + seed).cos() + 0.5
    })
}

#[test]
fn binary_ops_equal_the_serial_loop() {
    for n in SIZES {
        let (a, b) = (vector(n, 0.1), vector(n, 0.7));
        let (one, two) = both(|| (&a + &b, &a - &b, &a * &b, &a / &b, a.clone() + &b));
        assert_eq!(one, two, "n = {n}");
        let (sum, diff, prod, quot, owned) = two;
        for i in 0..n {
            let (x, y) = (a[[i]], b[[i]]);
            assert_eq!(sum[[i]], x + y);
            assert_eq!(diff[[i]], x - y);
            assert_eq!(prod[[i]], x * y);
            assert_eq!(quot[[i]], x / y);
            assert_eq!(owned[[i]], x + y);
        }
        assert_eq!(sum.dims(), [n]);
    }
}

#[test]
fn f32_and_integer_ops_equal_the_serial_loop() {
    let n = 131_073;
    let a = Tensor::<f32, (Dyn,)>::from_fn_with((Dyn(n),), |[i]| i as f32 * 0.25);
    let b = Tensor::<i64, (Dyn,)>::from_fn_with((Dyn(n),), |[i]| i as i64 - 7);
    let (one, two) = both(|| (&a * &a, &b * &b - 3, a.sum(), b.sum()));
    assert_eq!(one, two);
    assert_eq!(two.1[[n - 1]], (n as i64 - 8) * (n as i64 - 8) - 3);
    assert_eq!(two.3, (0..n as i64).map(|i| i - 7).sum::<i64>());
}

#[test]
fn broadcasting_and_strided_operands_equal_the_serial_loop() {
    for rows in [0, 1, 9_363, 9_362, 30_001] {
        // (rows, 7) x (7,), (rows, 7) x (rows, 1): about 65 536 elements around the threshold
        let a = matrix(rows, 7, 0.3);
        let row = vector(7, 0.9);
        let col = matrix(rows, 1, 1.3);
        let at = matrix(7, rows, 0.5); // its transpose is a (rows, 7) strided view
        let (one, two) = both(|| (&a + &row, &a * &col, at.t() - &a, at.t().to_tensor() - &a));
        assert_eq!(one, two, "rows = {rows}");
        let (r1, r2, r3, r4) = two;
        assert_eq!(r3, r4);
        for i in (0..rows).step_by(997) {
            for j in 0..7 {
                assert_eq!(r1[[i, j]], a[[i, j]] + row[[j]]);
                assert_eq!(r2[[i, j]], a[[i, j]] * col[[i, 0]]);
                assert_eq!(r3[[i, j]], at[[j, i]] - a[[i, j]]);
            }
        }
    }
    // a leading axis of size 1 is skipped when splitting: (1, n) + (n,)
    let wide = matrix(1, 100_001, 0.2);
    let v = vector(100_001, 0.4);
    let (one, two) = both(|| &wide + &v);
    assert_eq!(one, two);
    assert_eq!(two[[0, 100_000]], wide[[0, 100_000]] + v[[100_000]]);
}

#[test]
fn scalar_ops_neg_and_assignments_equal_the_serial_loop() {
    for n in SIZES {
        let a = vector(n, 0.2);
        let (one, two) = both(|| {
            let mut c = a.clone();
            c += &a;
            c *= 0.5;
            c -= 1.0;
            c /= &a;
            (
                &a * 2.0,
                a.clone() - 1.5,
                3.0 / &a,
                -&a,
                -a.clone(),
                a.view() + 1.0,
                c,
            )
        });
        assert_eq!(one, two, "n = {n}");
        let (twice, less, inv, neg, neg_owned, plus, c) = two;
        for i in 0..n {
            let x = a[[i]];
            assert_eq!(twice[[i]], x * 2.0);
            assert_eq!(less[[i]], x - 1.5);
            assert_eq!(inv[[i]], 3.0 / x);
            assert_eq!(neg[[i]], -x);
            assert_eq!(neg_owned[[i]], -x);
            assert_eq!(plus[[i]], x + 1.0);
            assert_eq!(c[[i]], ((x + x) * 0.5 - 1.0) / x);
        }
    }
}

#[test]
fn assignments_through_views_equal_the_serial_loop() {
    let rows = 20_011;
    let a = matrix(rows, 5, 0.1);
    let row = vector(5, 0.6);
    let (one, two) = both(|| {
        let mut c = a.clone();
        c += &row; // broadcast right-hand side into a contiguous tensor
        let mut t = matrix(5, rows, 0.8);
        {
            let mut tv = t.view_mut().t_mut(); // a strided (rows, 5) left-hand side
            tv += &a;
            tv *= 2.0;
        }
        (c, t)
    });
    assert_eq!(one, two);
    let (c, t) = two;
    let t0 = matrix(5, rows, 0.8);
    for i in (0..rows).step_by(331) {
        for j in 0..5 {
            assert_eq!(c[[i, j]], a[[i, j]] + row[[j]]);
            assert_eq!(t[[j, i]], (t0[[j, i]] + a[[i, j]]) * 2.0);
        }
    }
}

#[test]
fn unary_maps_and_binary_math_equal_map() {
    let a = matrix(301, 331, 0.4); // 99 631 elements
    let b = matrix(301, 331, 1.1);
    let (one, two) = both(|| {
        (
            a.exp(),
            a.abs().sqrt(),
            a.tanh(),
            a.sigmoid(),
            a.clip(-0.2, 0.9),
            a.powi(3),
            a.maximum(&b),
            a.t().exp(),
        )
    });
    assert_eq!(one, two);
    assert_eq!(two.0, a.map(f64::exp));
    assert_eq!(two.1, a.map(|x| x.abs().sqrt()));
    assert_eq!(two.2, a.map(f64::tanh));
    assert_eq!(two.5, a.map(|x| x.powi(3)));
    assert_eq!(two.6, a.zip_map(&b, |x, y| x.max(y)));
    assert_eq!(two.7, a.t().map(f64::exp));
}

#[test]
fn par_map_equals_map() {
    for n in SIZES {
        let a = vector(n, 0.5);
        let f = |x: f64| (x * 1.7).sin() + x * x;
        let (one, two) = both(|| a.par_map(f));
        assert_eq!(one, two);
        assert_eq!(two, a.map(f));
        assert_eq!(two.dims(), [n]);
        // a change of element type
        assert_eq!(on(2, || a.par_map(|x| x as f32)), a.map(|x| x as f32));
    }
    // a strided view: the transpose of a (7, 20 011) matrix
    let m = matrix(7, 20_011, 0.3);
    let (one, two) = both(|| m.t().par_map(|x| x * 3.0 - 1.0));
    assert_eq!(one, two);
    assert_eq!(two, m.t().map(|x| x * 3.0 - 1.0));
    assert_eq!(two.dims(), [20_011, 7]);
    // a sliced view (a step of 2 through the rows)
    let rows = m.slice((1..6, ..));
    assert_eq!(on(2, || rows.par_map(|x| -x)), rows.map(|x| -x));
    // empty
    let e = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(70_000)));
    assert_eq!(on(2, || e.par_map(|x| x + 1.0)).dims(), [0, 70_000]);
}

#[test]
fn whole_sums_do_not_depend_on_the_thread_count() {
    for n in [
        0, 1, 32_767, 32_768, 32_769, 65_535, 65_536, 65_537, 1_000_003,
    ] {
        let a = vector(n, 0.25);
        let (one, two) = both(|| (a.sum(), a.mean()));
        assert_eq!(one.0.to_bits(), two.0.to_bits(), "n = {n}");
        if n > 0 {
            assert_eq!(one.1.to_bits(), two.1.to_bits(), "n = {n}");
        } else {
            assert!(one.1.is_nan() && two.1.is_nan());
        }
        let exact: f64 = a.iter().sum(); // in order, one accumulator
        assert!(
            (two.0 - exact).abs() <= 1e-12 * (1.0 + exact.abs()),
            "n = {n}: {} vs {exact}",
            two.0
        );
    }
    // a strided view is summed serially: the same on both pools
    let m = matrix(301, 401, 0.6);
    let (one, two) = both(|| m.t().sum());
    assert_eq!(one.to_bits(), two.to_bits());
    assert!((two - m.sum()).abs() < 1e-9);
}

#[test]
fn axis_sums_equal_the_serial_ones() {
    // axis 0 of (rows, cols): one outer block, split by columns
    // axis 1 of (2, len, inner): split by outer blocks
    // the last axis: lanes, each a slice
    let shapes: [(usize, usize); 5] = [(0, 5), (70_001, 3), (3, 70_001), (257, 513), (1, 1)];
    for (r, c) in shapes {
        let a = matrix(r, c, 0.7);
        let (one, two) = both(|| {
            (
                a.sum_axis::<0>(),
                a.sum_axis::<1>(),
                a.mean_axis::<0>(),
                a.mean_keepdim::<1>(),
                a.t().sum_axis::<0>(),
            )
        });
        let bits = |t: &Tensor<f64, (Dyn,)>| t.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(
            (&one.0, &one.1, &one.4),
            (&two.0, &two.1, &two.4),
            "({r}, {c})"
        );
        assert_eq!(bits(&one.2), bits(&two.2), "({r}, {c})"); // NaN for r = 0
        assert_eq!(one.3, two.3);
        let (s0, s1, m0, m1, st) = two;
        assert_eq!(s0.dims(), [c]);
        assert_eq!(s1.dims(), [r]);
        assert_eq!(m1.dims(), [r, 1]);
        for j in 0..c {
            let want: f64 = (0..r).map(|i| a[[i, j]]).sum();
            assert!((s0[[j]] - want).abs() <= 1e-9 * (1.0 + want.abs()));
            if r > 0 {
                assert!((m0[[j]] - want / r as f64).abs() <= 1e-9 * (1.0 + want.abs()));
            }
        }
        for i in 0..r {
            let want: f64 = (0..c).map(|j| a[[i, j]]).sum();
            assert!((s1[[i]] - want).abs() <= 1e-9 * (1.0 + want.abs()));
            assert!((st[[i]] - want).abs() <= 1e-9 * (1.0 + want.abs()));
        }
    }
    // a middle axis with several outer blocks, in integers: exact
    let t =
        Tensor::<i64, (Dyn, Dyn, Dyn)>::from_fn_with((Dyn(5), Dyn(4_001), Dyn(9)), |[i, j, k]| {
            (i * 7 + j * 3 + k) as i64 % 101 - 50
        });
    let (one, two) = both(|| (t.sum_axis::<1>(), t.sum_axis::<2>(), t.sum_axis::<0>()));
    assert_eq!(one, two);
    for i in 0..5 {
        for k in 0..9 {
            let want: i64 = (0..4_001).map(|j| t[[i, j, k]]).sum();
            assert_eq!(two.0[[i, k]], want);
        }
    }
}

type S3 = Tensor<f64, (Dyn, Dyn, Dyn)>;

fn stack(b: usize, m: usize, n: usize, seed: f64) -> S3 {
    S3::from_fn_with((Dyn(b), Dyn(m), Dyn(n)), |[i, j, k]| {
        (((i * m + j) * n + k) as f64 * 0.013 + seed).sin()
    })
}

#[test]
fn batched_matmul_members_equal_the_serial_products() {
    // (batch, m, k, n): above and below 2 x 2^20 multiply-adds, odd sizes, empty members
    let sizes = [
        (2, 130, 129, 131),
        (5, 101, 103, 99),
        (9, 33, 65, 17),
        (64, 16, 16, 16),
        (63, 8, 7, 9),
        (3, 0, 50, 40),
        (3, 50, 0, 40),
        (0, 50, 50, 50),
    ];
    for (b, m, k, n) in sizes {
        let (x, y) = (stack(b, m, k, 0.1), stack(b, k, n, 0.2));
        let one_rhs = matrix(k, n, 0.3); // one matrix for every member
        let yt = stack(b, n, k, 0.4); // its batch transpose is a strided (b, k, n) view
        let ytv = yt.permute::<shaped::Axes3<0, 2, 1>>();
        let (one, two) = both(|| {
            let mut into = S3::zeros_with((Dyn(b), Dyn(m), Dyn(n)));
            x.matmul_into(&y, &mut into);
            (x.matmul(&y), x.matmul(&one_rhs), x.matmul(ytv), into)
        });
        assert_eq!(one, two, "({b}, {m}, {k}, {n})");
        let (p, q, r, into) = two;
        assert_eq!(p.dims(), [b, m, n]);
        assert_eq!(into, p);
        for i in 0..b {
            let xi = x.view().select::<0>(i);
            assert_eq!(p.view().select::<0>(i), xi.matmul(y.view().select::<0>(i)));
            assert_eq!(q.view().select::<0>(i), xi.matmul(&one_rhs));
            assert_eq!(r.view().select::<0>(i), xi.matmul(ytv.select::<0>(i)));
        }
    }
    // an output whose members interleave (a batch-permuted view) is filled serially, the same
    let (x, y) = (stack(4, 128, 128, 0.5), stack(4, 128, 128, 0.6));
    let (one, two) = both(|| {
        let mut out = S3::zeros_with((Dyn(128), Dyn(4), Dyn(128)));
        let mut ov = out.view_mut().permute_mut::<shaped::Axes3<1, 0, 2>>();
        x.matmul_into(&y, &mut ov);
        out
    });
    assert_eq!(one, two);
    assert_eq!(two.permute::<shaped::Axes3<1, 0, 2>>(), x.matmul(&y));
}

#[test]
fn csr_matvec_by_row_blocks_equals_the_serial_one() {
    use shaped::sparse::Csr;
    // (rows, cols, entries): below and above 2 x 2^14 stored entries plus rows
    for (m, n, per_row) in [
        (0, 5, 0),
        (1, 10, 3),
        (10_007, 3_001, 1),
        (20_011, 20_011, 3),
    ] {
        let t: Vec<(usize, usize, f64)> = (0..m)
            .flat_map(|i| {
                (0..per_row)
                    .map(move |r| (i, (i * 7919 + r * 104_729) % n, (i + r) as f64 * 0.5 - 3.0))
            })
            .collect();
        let a = Csr::<f64, Dyn, Dyn>::from_triplets((Dyn(m), Dyn(n)), &t).unwrap();
        let x = vector(n, 0.8);
        let (one, two) = both(|| a.matvec(&x));
        assert_eq!(one, two, "({m}, {n})");
        assert_eq!(two.dims(), [m]);
        for i in (0..m).step_by(97) {
            let (s, e) = (a.indptr()[i], a.indptr()[i + 1]);
            let want: f64 = (s..e).map(|k| a.values()[k] * x[[a.indices()[k]]]).sum();
            assert!(
                (two[[i]] - want).abs() <= 1e-12 * (1.0 + want.abs()),
                "row {i}"
            );
        }
    }
}

/// A stack of `b` symmetric positive definite (n, n) members.
fn spd_stack(b: usize, n: usize) -> S3 {
    let g = stack(b, n, n, 0.9);
    S3::from_fn_with((Dyn(b), Dyn(n), Dyn(n)), |[i, j, k]| {
        let dot: f64 = (0..n).map(|l| g[[i, j, l]] * g[[i, k, l]]).sum();
        dot + if j == k { n as f64 } else { 0.0 }
    })
}

#[test]
fn stacked_linalg_members_equal_the_serial_ones() {
    // (members, n): above and below the split (2 x 2^20 multiply-adds in all)
    for (b, n) in [(70, 64), (7, 24), (3, 5), (600, 8), (0, 6), (40, 1)] {
        let a = spd_stack(b, n);
        let rhs = stack(b, n, 2, 0.1);
        let one_rhs = vector(n, 0.2);
        let (one, two) = both(|| {
            (
                a.solve(&rhs).unwrap(),
                a.solve(&one_rhs).unwrap(),
                a.inv().unwrap(),
                a.det(),
                a.slogdet(),
                a.cholesky().unwrap(),
            )
        });
        assert_eq!(one, two, "({b}, {n})");
        let (x, x1, inv, det, (sign, logdet), l) = two;
        assert_eq!(x.dims(), [b, n, 2]);
        assert_eq!(x1.dims(), [b, n]);
        for i in 0..b {
            let ai = a.view().select::<0>(i);
            assert_eq!(
                x.view().select::<0>(i),
                ai.solve(rhs.view().select::<0>(i)).unwrap()
            );
            assert_eq!(inv.view().select::<0>(i), ai.inv().unwrap());
            let d = ai.det();
            assert!((det[[i]] - d).abs() <= 1e-12 * d.abs(), "member {i}");
            assert_eq!(sign[[i]], 1.0);
            assert!((logdet[[i]] - d.ln()).abs() <= 1e-10 * (1.0 + d.ln().abs()));
            assert_eq!(l.view().select::<0>(i), ai.cholesky().unwrap().l());
        }
    }
}

#[test]
fn stacked_decompositions_equal_the_serial_ones() {
    for (b, m, n) in [(40, 24, 24), (30, 40, 25), (9, 14, 9), (2, 3, 3), (0, 4, 4)] {
        let a = stack(b, m, n, 0.4);
        let (one, two) = both(|| {
            let f = a.svd().unwrap();
            let q = a.qr().unwrap();
            (f.u, f.s, f.vt, q.q, q.r)
        });
        assert_eq!(one, two, "({b}, {m}, {n})");
        for i in 0..b {
            let f = a.view().select::<0>(i).svd().unwrap();
            assert_eq!(two.1.view().select::<0>(i), f.s);
            assert_eq!(two.0.view().select::<0>(i), f.u);
        }
        if m == n {
            let s = spd_stack(b, n);
            let (one, two) = both(|| {
                let e = s.eigh().unwrap();
                (e.values, e.vectors)
            });
            assert_eq!(one, two);
            for i in 0..b {
                let e = s.view().select::<0>(i).eigh().unwrap();
                assert_eq!(two.0.view().select::<0>(i), e.values);
                assert_eq!(two.1.view().select::<0>(i), e.vectors);
            }
        }
    }
}

#[test]
fn stacked_errors_name_the_first_failing_member() {
    // members 17 and 50 singular with different pivots: the error is member 17's, as serial
    let (b, n) = (70, 64);
    let mut a = spd_stack(b, n);
    for j in 0..n {
        a[[17, j, 3]] = 0.0; // column 3 zero: pivot 3
        a[[50, j, 0]] = 0.0; // column 0 zero: pivot 0
    }
    let (one, two) = both(|| {
        (
            a.inv().unwrap_err().to_string(),
            a.solve(&vector(n, 0.3)).unwrap_err().to_string(),
            a.det(),
        )
    });
    assert_eq!(one, two);
    let serial = a.view().select::<0>(17).inv().unwrap_err().to_string();
    assert_eq!(two.0, serial);
    assert_eq!((two.2[[17]], two.2[[50]]), (0.0, 0.0));
    // a NaN member: det NaN there, cholesky an error
    let mut c = spd_stack(b, n);
    c[[33, 2, 1]] = f64::NAN;
    let (one, two) = both(|| (c.cholesky().unwrap_err().to_string(), c.det()));
    assert_eq!(one.0, two.0);
    assert!(two.1[[33]].is_nan());
    assert_eq!(two.1[[32]], one.1[[32]]);
}
