//! General (non-symmetric) eigendecomposition: `A V = V diag(w)` with unit columns, over
//! random matrices of many sizes in f64 and f32; matrices with known spectra (rotation blocks
//! under an orthogonal similarity, companion matrices of known polynomials, triangular,
//! Jordan blocks); symmetric matrices against `eigh`; a Markov chain's stationary vector;
//! conjugate pairs; `eigvals` against `eig`; NaN, infinite and non-square input.

use crate::linalg_b_util::*;
use shaped::{Complex, Dyn, Float, LinalgError, Matrix, Tensor, tensor};

type C = Complex<f64>;

/// The eigenpairs of `a` in f64, after checking the identities: unit columns,
/// `||A V - V diag(w)||_F <= tol ||A||_F ||V||_F` with `tol = 8 n eps`, exactly conjugate
/// pairs (adjacent, values and vectors), and `eigvals` agreeing with `eig`.
fn check_eig<T: Float>(a: &DMat<T>) -> (Vec<C>, Vec<C>) {
    let (n, _, ad) = f64s(a);
    let e = a.eig().expect("eig");
    let eps = T::epsilon().as_f64();
    let w: Vec<C> = e
        .values
        .iter()
        .map(|z| C::new(z.re.as_f64(), z.im.as_f64()))
        .collect();
    let v: Vec<C> = e
        .vectors
        .iter()
        .map(|z| C::new(z.re.as_f64(), z.im.as_f64()))
        .collect();
    assert_eq!(w.len(), n);
    assert_eq!(v.len(), n * n);
    // Unit columns.
    for j in 0..n {
        let norm = (0..n).map(|i| v[i * n + j].norm_sqr()).sum::<f64>().sqrt();
        assert!(
            (norm - 1.0).abs() <= 4.0 * (n as f64) * eps,
            "n = {n}: column {j} has norm {norm}"
        );
    }
    // The residual, normwise.
    let mut r2 = 0.0;
    for i in 0..n {
        for j in 0..n {
            let av: C = (0..n).map(|k| v[k * n + j] * ad[i * n + k]).sum();
            r2 += (av - v[i * n + j] * w[j]).norm_sqr();
        }
    }
    let anorm = ad.iter().map(|x| x * x).sum::<f64>().sqrt();
    let tol = 8.0 * (n.max(1) as f64) * eps;
    let bound = tol * anorm * (n as f64).sqrt();
    assert!(
        r2.sqrt() <= bound,
        "n = {n}: ||A V - V diag(w)||_F = {:e} > {bound:e}",
        r2.sqrt()
    );
    // Conjugate pairs: adjacent, the positive imaginary part first, exactly conjugate.
    let mut j = 0;
    while j < n {
        if w[j].im != 0.0 {
            assert!(w[j].im > 0.0 && j + 1 < n, "unpaired {:?}", w[j]);
            assert_eq!(w[j + 1], w[j].conj());
            for i in 0..n {
                assert_eq!(v[i * n + j + 1], v[i * n + j].conj());
            }
            j += 2;
        } else {
            j += 1;
        }
    }
    // eigvals gives the same values (up to rounding; any order).
    let only: Vec<C> = a
        .eigvals()
        .expect("eigvals")
        .iter()
        .map(|z| C::new(z.re.as_f64(), z.im.as_f64()))
        .collect();
    assert_same_multiset(
        &only,
        &w,
        64.0 * n as f64 * eps * anorm.max(f64::MIN_POSITIVE),
    );
    (w, v)
}

/// Every value of `got` pairs with a distinct one of `want` within `tol` (greedy on sorted
/// data, enough for the well-separated spectra used here).
fn assert_same_multiset(got: &[C], want: &[C], tol: f64) {
    assert_eq!(got.len(), want.len());
    let mut used = vec![false; want.len()];
    for g in got {
        let best = (0..want.len())
            .filter(|&k| !used[k])
            .min_by(|&x, &y| (want[x] - g).norm().total_cmp(&(want[y] - g).norm()))
            .expect("a value left");
        assert!(
            (want[best] - g).norm() <= tol,
            "{g} has no partner within {tol:e} in {want:?}"
        );
        used[best] = true;
    }
}

fn dmat(n: usize, rows: &[f64]) -> DMat<f64> {
    Tensor::from_vec((Dyn(n), Dyn(n)), rows.to_vec()).unwrap()
}

/// `Q B Q^T` for a random orthogonal `Q` (row-major data).
fn similar(b: &[f64], n: usize, seed: u64) -> Vec<f64> {
    let q = orthogonal(n, seed);
    let qb = mul(&q, n, n, b, n);
    mul(&qb, n, n, &transpose(&q, n, n), n)
}

#[test]
fn identities_over_sizes_f64_and_f32() {
    for (t, &n) in [0usize, 1, 2, 3, 5, 16, 33, 64, 130].iter().enumerate() {
        check_eig(&random::<f64>(n, n, 900 + t as u64));
    }
    for (t, &n) in [0usize, 1, 2, 3, 5, 16, 33, 64, 130].iter().enumerate() {
        check_eig(&random::<f32>(n, n, 950 + t as u64));
    }
}

#[test]
fn rotation_blocks_under_a_similarity_give_the_known_pairs() {
    // diag(R(1, 2), R(-0.5, 0.25), 3, -1, R(0, 1e-3)) with R(a, b) = [a -b; b a] (a +- ib).
    let n = 8;
    let mut b = vec![0.0; n * n];
    let mut want = Vec::new();
    let mut put_rot = |b: &mut Vec<f64>, k: usize, re: f64, im: f64| {
        b[k * n + k] = re;
        b[k * n + k + 1] = -im;
        b[(k + 1) * n + k] = im;
        b[(k + 1) * n + k + 1] = re;
        want.push(C::new(re, im));
        want.push(C::new(re, -im));
    };
    put_rot(&mut b, 0, 1.0, 2.0);
    put_rot(&mut b, 2, -0.5, 0.25);
    put_rot(&mut b, 6, 0.0, 1e-3);
    b[4 * n + 4] = 3.0;
    b[5 * n + 5] = -1.0;
    want.push(C::new(3.0, 0.0));
    want.push(C::new(-1.0, 0.0));
    let a = dmat(n, &similar(&b, n, 77));
    let (w, _) = check_eig(&a);
    // A normal matrix: every eigenvalue is perfectly conditioned.
    assert_same_multiset(&w, &want, 1e-13);
    // The pure rotation blocks alone, without the similarity.
    let (w, _) = check_eig(&dmat(n, &b));
    assert_same_multiset(&w, &want, 1e-15);
}

#[test]
fn companion_matrices_give_the_roots_of_their_polynomials() {
    // Roots 1, 2, 3, -1.5 and 0.5 +- 2i.
    let roots = [
        C::new(1.0, 0.0),
        C::new(2.0, 0.0),
        C::new(3.0, 0.0),
        C::new(-1.5, 0.0),
        C::new(0.5, 2.0),
        C::new(0.5, -2.0),
    ];
    // p(x) = prod (x - r) = x^n + c[n-1] x^(n-1) + ... + c[0], coefficients real.
    let n = roots.len();
    let mut p = vec![C::new(1.0, 0.0)];
    for r in roots {
        let mut q = vec![C::new(0.0, 0.0); p.len() + 1];
        for (k, &pk) in p.iter().enumerate() {
            q[k + 1] += pk;
            q[k] -= pk * r;
        }
        p = q;
    }
    // Companion: first row -c[n-1] .. -c[0], ones on the subdiagonal.
    let mut c = vec![0.0; n * n];
    for j in 0..n {
        c[j] = -p[n - 1 - j].re;
        assert!(p[j].im.abs() < 1e-12);
    }
    for i in 1..n {
        c[i * n + i - 1] = 1.0;
    }
    let (w, _) = check_eig(&dmat(n, &c));
    assert_same_multiset(&w, &roots, 1e-10);
    // The same in f32.
    let c32 = tensor::<f32>(n, n, &c);
    let w32: Vec<C> = c32
        .eigvals()
        .unwrap()
        .iter()
        .map(|z| C::new(z.re as f64, z.im as f64))
        .collect();
    assert_same_multiset(&w32, &roots, 1e-3);
}

#[test]
fn triangular_matrices_give_their_diagonal() {
    let n = 12;
    let r = random::<f64>(n, n, 31);
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in i..n {
            a[i * n + j] = r[[i, j]] + if i == j { i as f64 } else { 0.0 };
        }
    }
    let diag: Vec<C> = (0..n).map(|i| C::new(a[i * n + i], 0.0)).collect();
    let (w, _) = check_eig(&dmat(n, &a));
    assert_same_multiset(&w, &diag, 1e-13);
    // Lower triangular: the transpose.
    let (w, _) = check_eig(&dmat(n, &transpose(&a, n, n)));
    assert_same_multiset(&w, &diag, 1e-13);
}

#[test]
fn jordan_blocks_stay_finite_and_near_their_eigenvalue() {
    // J_5(2) under an orthogonal similarity: defective, a rounding-level backward error moves
    // the eigenvalue by O(eps^(1/5)) ~ 1e-3, and the vectors are nearly parallel but finite.
    let n = 5;
    let mut j = vec![0.0; n * n];
    for i in 0..n {
        j[i * n + i] = 2.0;
        if i + 1 < n {
            j[i * n + i + 1] = 1.0;
        }
    }
    for b in [j.clone(), similar(&j, n, 5)] {
        let (w, v) = check_eig(&dmat(n, &b));
        for z in &w {
            assert!((z - 2.0).norm() < 3e-3, "{z}");
        }
        assert!(v.iter().all(|z| z.re.is_finite() && z.im.is_finite()));
    }
    // Two Jordan blocks of the same eigenvalue beside a simple one.
    let n = 6;
    let mut b = vec![0.0; n * n];
    for i in 0..n {
        b[i * n + i] = if i < 5 { -1.0 } else { 4.0 };
    }
    b[1] = 1.0;
    b[2 * n + 3] = 1.0;
    b[3 * n + 4] = 1.0;
    let (w, _) = check_eig(&dmat(n, &similar(&b, n, 9)));
    assert!(w.iter().filter(|z| (*z - 4.0).norm() < 1e-12).count() == 1);
    assert!(w.iter().filter(|z| (*z + 1.0).norm() < 1e-4).count() == 5);
}

#[test]
fn symmetric_matrices_agree_with_eigh() {
    for (t, &n) in [1usize, 4, 17, 40].iter().enumerate() {
        let r = random::<f64>(n, n, 70 + t as u64);
        let s = Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| r[[i, j]] + r[[j, i]]);
        let (w, _) = check_eig(&s);
        let h = s.eigvalsh().unwrap();
        let hw: Vec<C> = h.iter().map(|&x| C::new(x, 0.0)).collect();
        let scale = h.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        assert_same_multiset(&w, &hw, 64.0 * n as f64 * f64::EPSILON * scale);
    }
}

#[test]
fn markov_chain_stationary_distribution() {
    // A random positive row-stochastic P: the eigenvalue 1 of P^T is simple and the largest
    // in modulus, its vector has one sign (Perron-Frobenius), and pi P = pi.
    let n = 7;
    let r = random::<f64>(n, n, 123);
    let mut p = vec![0.0; n * n];
    for i in 0..n {
        let row: Vec<f64> = (0..n).map(|j| r[[i, j]] + 1.5).collect();
        let s: f64 = row.iter().sum();
        for j in 0..n {
            p[i * n + j] = row[j] / s;
        }
    }
    let pt = dmat(n, &transpose(&p, n, n));
    let (w, v) = check_eig(&pt);
    let k = (0..n)
        .max_by(|&x, &y| w[x].norm().total_cmp(&w[y].norm()))
        .unwrap();
    assert!((w[k] - 1.0).norm() < 1e-14, "{}", w[k]);
    assert_eq!(w[k].im, 0.0);
    let total: f64 = (0..n).map(|i| v[i * n + k].re).sum();
    let pi: Vec<f64> = (0..n).map(|i| v[i * n + k].re / total).collect();
    assert!(pi.iter().all(|&x| x > 0.0), "{pi:?}");
    for j in 0..n {
        let pij: f64 = (0..n).map(|i| pi[i] * p[i * n + j]).sum();
        assert!((pij - pi[j]).abs() < 1e-14);
    }
}

#[test]
fn extreme_scales_keep_the_identities() {
    let n = 6;
    let r = random::<f64>(n, n, 44);
    let (w1, _) = check_eig(&r);
    for f in [1e300, 1e-300, 1e-310] {
        let a = Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| r[[i, j]] * f);
        let (w, _) = check_eig(&a);
        let want: Vec<C> = w1.iter().map(|z| z * f).collect();
        assert_same_multiset(&w, &want, 1e-12 * f);
    }
    // Badly balanced: D R D^-1 with D = diag(10^(3k)); the balancing recovers R's accuracy.
    let d: Vec<f64> = (0..n).map(|k| 10f64.powi(3 * k as i32)).collect();
    let a = Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| r[[i, j]] * d[i] / d[j]);
    let w = a.eigvals().unwrap();
    let wv: Vec<C> = w.iter().copied().collect();
    assert_same_multiset(&wv, &w1, 1e-12);
}

#[test]
fn static_shapes_empty_and_one_by_one() {
    let a: Matrix<f64, 3, 3> = tensor![[4., 1., 0.], [0., 2., 0.], [1., 0., 3.]];
    let e = a.eig().unwrap();
    assert_eq!(e.values.dims(), [3]);
    assert_eq!(e.vectors.dims(), [3, 3]);
    let z: DMat<f64> = Tensor::from_vec((Dyn(0), Dyn(0)), vec![]).unwrap();
    let e = z.eig().unwrap();
    assert_eq!(e.values.dims(), [0]);
    assert_eq!(e.vectors.dims(), [0, 0]);
    assert_eq!(z.eigvals().unwrap().dims(), [0]);
    let one: Matrix<f32, 1, 1> = tensor![[-2.5]];
    let e = one.eig().unwrap();
    assert_eq!(e.values[[0]], Complex::new(-2.5, 0.0));
    assert_eq!(e.vectors[[0, 0]], Complex::new(1.0, 0.0));
    // The zero matrix: all eigenvalues 0, any unit vectors.
    let zero: DMat<f64> = Tensor::from_vec((Dyn(4), Dyn(4)), vec![0.0; 16]).unwrap();
    let (w, _) = check_eig(&zero);
    assert!(w.iter().all(|z| *z == C::new(0.0, 0.0)));
}

#[test]
fn bad_input_is_an_error() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut d = vec![1.0; 9];
        d[5] = bad;
        let a = dmat(3, &d);
        assert!(matches!(a.eig(), Err(LinalgError::NonFinite { op: "eig" })));
        assert!(matches!(
            a.eigvals(),
            Err(LinalgError::NonFinite { op: "eigvals" })
        ));
    }
    let rect: DMat<f64> = Tensor::from_vec((Dyn(2), Dyn(3)), vec![0.0; 6]).unwrap();
    let err = rect.eig().unwrap_err();
    assert!(matches!(err, LinalgError::Shape(_)));
    assert!(err.to_string().contains("(2, 3)"), "{err}");
    assert!(matches!(rect.eigvals(), Err(LinalgError::Shape(_))));
}

#[test]
fn isolated_rows_and_columns_through_the_blocked_reduction() {
    // Zeros that let the balancing isolate two eigenvalues at each end, so that the blocked
    // Hessenberg reduction (from 128 rows on) works on an inner block, with and without
    // vectors; and badly scaled rows and columns for its scaling.
    let n = 200;
    let r = random::<f64>(n, n, 2024);
    let a = Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| {
        let s = 2f64.powi((i % 7) as i32 * 3 - (j % 7) as i32 * 3);
        if i > j && (j < 2 || i >= n - 2) {
            0.0
        } else {
            r[[i, j]] * s
        }
    });
    let (w, _) = check_eig(&a);
    for k in [0, 1, n - 2, n - 1] {
        let d = C::new(a[[k, k]], 0.0);
        assert!(w.iter().any(|z| (z - d).norm() <= 1e-15 * d.norm()), "{d}");
    }
}

#[test]
fn a_matrix_past_the_wider_deflation_window() {
    // From 500 rows on the trailing window of the early deflation is wider (a test of its own,
    // so that it runs beside the others).
    check_eig(&random::<f64>(520, 520, 77));
}

#[test]
fn large_matrices_through_the_multishift_sweeps() {
    // From 75 rows on the QR iteration chases many bulges per sweep and deflates early from
    // a trailing window: the identities at those sizes, f64 and f32.
    check_eig(&random::<f32>(200, 200, 78));
    // The cyclic shift (a permutation, so normal): its eigenvalues are the 150th roots of
    // unity, and unshifted QR makes no progress on it; exceptional shifts must.
    let n = 150;
    let p = Tensor::from_fn_with(
        (Dyn(n), Dyn(n)),
        |[i, j]| {
            if (i + 1) % n == j { 1.0 } else { 0.0 }
        },
    );
    let (w, _) = check_eig(&p);
    let roots: Vec<C> = (0..n)
        .map(|k| C::from_polar(1.0, 2.0 * std::f64::consts::PI * k as f64 / n as f64))
        .collect();
    assert_same_multiset(&w, &roots, 1e-12);
    // Known complex pairs and real values, 160 of them, under an orthogonal similarity.
    let n = 160;
    let mut b = vec![0.0; n * n];
    let mut want = Vec::new();
    let mut k = 0;
    while k < n {
        let re = (k as f64 * 0.37).sin() * 3.0;
        if k % 3 == 0 && k + 1 < n {
            let im = 0.5 + (k % 7) as f64 * 0.25;
            b[k * n + k] = re;
            b[k * n + k + 1] = -im;
            b[(k + 1) * n + k] = im;
            b[(k + 1) * n + k + 1] = re;
            want.push(C::new(re, im));
            want.push(C::new(re, -im));
            k += 2;
        } else {
            b[k * n + k] = re;
            want.push(C::new(re, 0.0));
            k += 1;
        }
    }
    let (w, _) = check_eig(&dmat(n, &similar(&b, n, 3)));
    assert_same_multiset(&w, &want, 1e-12);
}
