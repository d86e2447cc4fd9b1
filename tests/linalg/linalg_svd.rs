//! Thin SVD: `A = U diag(s) V^T`, orthonormal U and V, s descending, over the sizes
//! in square, tall and wide shapes, f64 and f32; rank-deficient, zero and clustered spectra;
//! views; NaN and infinite input.

use crate::linalg_b_util::*;
use shaped::{Const, Dyn, Float, LinalgError, Matrix, Tensor, tensor};

/// The SVD of `a` with its shapes and ordering checked: the singular values (f64), and
/// `|U S V^T - A| / |A|` and the orthogonality errors of U and V, in units of `max(m, n) eps`.
fn svd_errors<T: Float>(a: &DMat<T>) -> (Vec<f64>, f64, f64, f64) {
    let (m, n, ad) = f64s(a);
    let k = m.min(n);
    let f = a.svd().expect("svd");
    assert_eq!(f.u.dims(), [m, k]);
    assert_eq!(f.s.dims(), [k]);
    assert_eq!(f.vt.dims(), [k, n]);
    let unit = m.max(n) as f64 * T::epsilon().as_f64();
    let scale = ad
        .iter()
        .fold(0.0f64, |x, y| x.max(y.abs()))
        .max(f64::MIN_POSITIVE);
    let s: Vec<f64> = f.s.iter().map(|x| x.as_f64()).collect();
    for w in s.windows(2) {
        assert!(w[0] >= w[1], "s not descending: {s:?}");
    }
    assert!(s.iter().all(|&x| x >= 0.0));
    let u: Vec<f64> = f.u.iter().map(|x| x.as_f64()).collect();
    let vt: Vec<f64> = f.vt.iter().map(|x| x.as_f64()).collect();
    let mut us = u.clone();
    for i in 0..m {
        for l in 0..k {
            us[i * k + l] *= s[l];
        }
    }
    let err = max_diff(&mul(&us, m, k, &vt, n), &ad) / scale / unit;
    let eu = orth_cols(&u, m, k) / unit;
    let ev = orth_cols(&transpose(&vt, k, n), n, k) / unit;
    (s, err, eu, ev)
}

/// Checks the SVD identities of `a` to `tol_factor * max(m, n) * eps` and returns the
/// singular values (f64).
fn check_svd<T: Float>(a: &DMat<T>, tol_factor: f64) -> Vec<f64> {
    let [m, n] = a.dims();
    let (s, err, eu, ev) = svd_errors(a);
    assert!(
        err <= tol_factor,
        "({m}, {n}): |U S V^T - A| / |A| = {err:.3} n eps > {tol_factor} n eps"
    );
    assert!(
        eu <= tol_factor,
        "({m}, {n}): U not orthonormal: {eu:.3} n eps"
    );
    assert!(
        ev <= tol_factor,
        "({m}, {n}): V not orthonormal: {ev:.3} n eps"
    );
    s
}

#[test]
fn identities_over_sizes_f64() {
    for (t, &n) in SIZES.iter().enumerate() {
        let seed = 100 + t as u64;
        check_svd(&random::<f64>(n, n, seed), 8.0);
        check_svd(&random::<f64>(n + n / 3 + 1, n, seed + 1), 8.0);
        check_svd(&random::<f64>(n, n + n / 3 + 1, seed + 2), 8.0);
    }
}

#[test]
fn identities_f32() {
    for (t, &n) in [1usize, 2, 3, 31, 33, 64, 65].iter().enumerate() {
        check_svd(&random::<f32>(n, n, 200 + t as u64), 8.0);
        check_svd(&random::<f32>(n + 5, n, 300 + t as u64), 8.0);
        check_svd(&random::<f32>(n, n + 5, 400 + t as u64), 8.0);
    }
}

#[test]
fn singular_values_match_the_construction() {
    let sv = [10.0, 5.0, 2.5, 1.0, 0.5, 1e-3, 1e-8];
    let a = tensor::<f64>(9, 7, &with_singular_values(9, 7, &sv, 7));
    let s = check_svd(&a, 8.0);
    for (x, y) in s.iter().zip(sv) {
        assert!((x - y).abs() <= 1e-14 * 10.0 * 20.0, "{x} vs {y}");
    }
    let only = a.singular_values().unwrap();
    assert_eq!(only.dims(), [7]);
    for (x, y) in only.iter().zip(&s) {
        assert!((x - y).abs() <= 1e-13, "{x} vs {y}");
    }
}

#[test]
fn rank_deficient_and_zero() {
    // A = B C with inner size 3: rank 3.
    for &(m, n) in &[(40usize, 30usize), (30, 40), (65, 65)] {
        let b = random::<f64>(m, 3, 11);
        let c = random::<f64>(3, n, 12);
        let (_, _, bd) = f64s(&b);
        let (_, _, cd) = f64s(&c);
        let a = tensor::<f64>(m, n, &mul(&bd, m, 3, &cd, n));
        let s = check_svd(&a, 8.0);
        assert!(s[2] > 1e-3);
        assert!(s[3..].iter().all(|&x| x <= 1e-13 * s[0]), "{:?}", &s[..6]);
        assert_eq!(a.matrix_rank(), 3);
    }
    for &(m, n) in &[(5usize, 3usize), (3, 5), (33, 33)] {
        let z = DMat::<f64>::zeros_with((Dyn(m), Dyn(n)));
        let s = check_svd(&z, 8.0);
        assert!(s.iter().all(|&x| x == 0.0));
        assert_eq!(z.matrix_rank(), 0);
        assert_eq!(z.cond(), f64::INFINITY);
    }
}

#[test]
fn clustered_singular_values() {
    for &n in &[10usize, 33, 64] {
        let sv: Vec<f64> = (0..n).map(|i| 1.0 + 1e-10 * i as f64).rev().collect();
        let a = tensor::<f64>(n + 3, n, &with_singular_values(n + 3, n, &sv, 21));
        let s = check_svd(&a, 8.0);
        for (x, y) in s.iter().zip(&sv) {
            assert!((x - y).abs() <= 1e-13, "{x} vs {y}");
        }
        // A repeated value (identity-like block) too.
        let mut rep = vec![2.0; n];
        rep[n - 1] = 1.0;
        let a = tensor::<f64>(n, n, &with_singular_values(n, n, &rep, 22));
        let s = check_svd(&a, 8.0);
        assert!((s[0] - 2.0).abs() < 1e-13 && (s[n - 1] - 1.0).abs() < 1e-13);
    }
}

#[test]
fn graded_and_extreme_scales() {
    // Columns scaled over many orders of magnitude.
    let n = 20;
    let g = random::<f64>(n, n, 31);
    let a = Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| {
        g[[i, j]] * 10f64.powi(-(j as i32))
    });
    check_svd(&a, 8.0);
    // Entries near the overflow and underflow limits keep their singular values.
    for &scale in &[1e300, 1e-300] {
        let b = Tensor::from_fn_with((Dyn(6), Dyn(4)), |[i, j]| g[[i, j]] * scale);
        let s0 = g.narrow_rows(6).singular_values().unwrap();
        let s = b.singular_values().unwrap();
        for (x, y) in s.iter().zip(s0.iter()) {
            assert!(
                (x / scale - y).abs() <= 1e-13 * y.abs().max(1.0),
                "{x} vs {y}"
            );
        }
    }
}

trait NarrowRows {
    fn narrow_rows(&self, m: usize) -> DMat<f64>;
}
impl NarrowRows for DMat<f64> {
    fn narrow_rows(&self, m: usize) -> DMat<f64> {
        Tensor::from_fn_with((Dyn(m), Dyn(4)), |[i, j]| self[[i, j]])
    }
}

#[test]
fn static_shapes_and_views() {
    let a: Matrix<f64, 3, 2> = tensor![[1., 2.], [3., 4.], [5., 6.]];
    let f = a.svd().unwrap();
    // Shapes in the type: u (3, MinOf<3, 2>) = (3, 2).
    let u: Tensor<f64, (Const<3>, shaped::MinOf<Const<3>, Const<2>>)> = f.u.clone();
    assert_eq!(u.dims(), [3, 2]);
    // The transposed view decomposes without a copy; its singular values are the same.
    let ft = a.t().svd().unwrap();
    assert_eq!(ft.u.dims(), [2, 2]);
    assert_eq!(ft.vt.dims(), [2, 3]);
    for (x, y) in f.s.iter().zip(ft.s.iter()) {
        assert!((x - y).abs() < 1e-13);
    }
    let back = ft.reconstruct();
    for i in 0..2 {
        for j in 0..3 {
            assert!((back[[i, j]] - a[[j, i]]).abs() < 1e-13);
        }
    }
    // Empty matrices have no singular values.
    let e = DMat::<f64>::zeros_with((Dyn(0), Dyn(3)));
    let fe = e.svd().unwrap();
    assert_eq!(
        (fe.u.dims(), fe.s.dims(), fe.vt.dims()),
        ([0, 0], [0], [0, 3])
    );
}

#[test]
fn non_finite_input_is_an_error() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut a = random::<f64>(50, 40, 5);
        a.view_mut()[[17, 3]] = bad;
        assert!(matches!(a.svd(), Err(LinalgError::NonFinite { op: "svd" })));
        assert!(matches!(
            a.singular_values(),
            Err(LinalgError::NonFinite { .. })
        ));
        assert!(a.norm_nuc().is_nan() && a.norm_spectral().is_nan());
        assert!(a.cond().is_nan());
    }
    let mut a = random::<f32>(4, 4, 5);
    a.view_mut()[[0, 0]] = f32::NAN;
    assert!(a.svd().is_err());
}

#[test]
fn norms() {
    let a: Matrix<f64, 2, 3> = tensor![[1., -2., 0.], [3., 4., -1.]];
    assert_eq!(a.norm_op1(), 6.0);
    assert_eq!(a.norm_opinf(), 8.0);
    let s = a.singular_values().unwrap();
    assert!((a.norm_nuc() - (s[[0]] + s[[1]])).abs() < 1e-14);
    assert_eq!(a.norm_spectral(), s[[0]]);
    // ||A||_2^2 + ||A||_2'^2 = ||A||_F^2 for a rank-2 matrix.
    let fro2: f64 = a.iter().map(|x| x * x).sum();
    assert!((s[[0]] * s[[0]] + s[[1]] * s[[1]] - fro2).abs() < 1e-12);
    let v = a.view();
    assert_eq!(v.t().norm_op1(), 8.0);
}

// ---------------------------------------------------------------------------------------------
// Divide and conquer on the bidiagonal (the vector path from 17 columns on): sizes with
// several levels of recursion, and spectra that make its deflation work.

/// `check_svd` plus the comparison with the values-only path (implicit QR); prints
/// `max |U S V^T - A| / (n eps |A|)` and the orthogonality of U and V in units of `n eps`.
fn check_dc<T: Float>(a: &DMat<T>, label: &str) -> Vec<f64> {
    let [m, n] = a.dims();
    let (s, err, eu, ev) = svd_errors(a);
    for (what, x) in [("|U S V^T - A|", err), ("U orth", eu), ("V orth", ev)] {
        assert!(x <= 8.0, "{label} ({m} x {n}): {what} = {x:.3} n eps |A|");
    }
    let unit = m.max(n) as f64 * T::epsilon().as_f64();
    eprintln!("{label} ({m} x {n}): residual {err:.3} n eps |A|, U orth {eu:.3}, V orth {ev:.3}");
    let only = a.singular_values().unwrap();
    let smax = s[0].max(f64::MIN_POSITIVE);
    for (x, y) in only.iter().zip(&s) {
        let d = (x.as_f64() - y).abs();
        assert!(
            d <= 8.0 * unit * smax,
            "{label}: {x:?} (values only) vs {y} (svd)"
        );
    }
    s
}

#[test]
fn divide_and_conquer_random_shapes() {
    for (t, &n) in [100usize, 257, 400].iter().enumerate() {
        check_dc(&random::<f64>(n, n, 500 + t as u64), "random");
    }
    check_dc(&random::<f64>(2 * 257, 257, 510), "tall");
    check_dc(&random::<f64>(130, 260, 511), "wide");
    check_dc(&random::<f32>(257, 257, 512), "random f32");
    check_dc(&random::<f32>(200, 100, 513), "tall f32");
    check_dc(&random::<f32>(100, 200, 514), "wide f32");
}

#[test]
fn divide_and_conquer_repeated_and_clustered() {
    // An orthogonal matrix times a diagonal with many equal entries.
    for &n in &[100usize, 257] {
        let sv: Vec<f64> = (0..n)
            .map(|i| match i % 4 {
                0 | 1 => 3.0,
                2 => 1.0,
                _ => 0.25,
            })
            .collect();
        let mut sorted = sv.clone();
        sorted.sort_by(|a, b| b.partial_cmp(a).unwrap());
        let a = tensor::<f64>(n, n, &with_singular_values(n, n, &sorted, 40));
        let s = check_dc(&a, "repeated");
        for (x, y) in s.iter().zip(&sorted) {
            assert!((x - y).abs() <= 1e-12, "{x} vs {y}");
        }
        let a = tensor::<f32>(n, n, &with_singular_values(n, n, &sorted, 41));
        check_dc(&a, "repeated f32");
        // Clusters closer than the deflation tolerance and just above it.
        let sv: Vec<f64> = (0..n)
            .map(|i| 1.0 + 1e-15 * (i % 7) as f64 + 1e-9 * (i / 7) as f64)
            .rev()
            .collect();
        let mut sorted = sv.clone();
        sorted.sort_by(|a, b| b.partial_cmp(a).unwrap());
        let a = tensor::<f64>(n + 7, n, &with_singular_values(n + 7, n, &sorted, 42));
        let s = check_dc(&a, "clustered");
        for (x, y) in s.iter().zip(&sorted) {
            assert!((x - y).abs() <= 1e-12, "{x} vs {y}");
        }
    }
    // The identity: every z but one deflates at each merge.
    let n = 200;
    let a = Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| if i == j { 1.0 } else { 0.0 });
    let s = check_dc(&a, "identity");
    assert!(s.iter().all(|&x| (x - 1.0).abs() <= 1e-14));
}

#[test]
fn divide_and_conquer_rank_deficient_and_graded() {
    // Exact rank 10: many zero singular values.
    let (n, r) = (257usize, 10usize);
    let b = random::<f64>(n, r, 61);
    let c = random::<f64>(r, n, 62);
    let (_, _, bd) = f64s(&b);
    let (_, _, cd) = f64s(&c);
    let a = tensor::<f64>(n, n, &mul(&bd, n, r, &cd, n));
    let s = check_dc(&a, "rank 10");
    assert!(s[r - 1] > 1e-3 * s[0]);
    assert!(
        s[r..].iter().all(|&x| x <= 1e-13 * s[0]),
        "{:?}",
        &s[r - 1..r + 3]
    );
    // Many tiny singular values.
    let sv: Vec<f64> = (0..n)
        .map(|i| {
            if i < 50 {
                1.0 / (1.0 + i as f64)
            } else {
                1e-20
            }
        })
        .collect();
    let a = tensor::<f64>(n, n, &with_singular_values(n, n, &sv, 63));
    let s = check_dc(&a, "tiny");
    for (x, y) in s.iter().zip(&sv) {
        assert!((x - y).abs() <= 1e-13, "{x} vs {y}");
    }
    // Graded: singular values from 1 down to 1e-15.
    for &n in &[100usize, 400] {
        let sv: Vec<f64> = (0..n)
            .map(|i| 10f64.powf(-15.0 * i as f64 / (n - 1) as f64))
            .collect();
        let a = tensor::<f64>(n, n, &with_singular_values(n, n, &sv, 64));
        let s = check_dc(&a, "graded");
        for (x, y) in s.iter().zip(&sv) {
            assert!((x - y).abs() <= 1e-13, "{x} vs {y}");
        }
    }
    // Columns scaled over many orders of magnitude (a graded matrix, not just its spectrum).
    let g = random::<f64>(120, 100, 65);
    let a = Tensor::from_fn_with((Dyn(120), Dyn(100)), |[i, j]| {
        g[[i, j]] * 10f64.powf(-15.0 * j as f64 / 99.0)
    });
    check_dc(&a, "graded columns");
    // The zero matrix.
    let z = DMat::<f64>::zeros_with((Dyn(100), Dyn(100)));
    let s = check_dc(&z, "zero");
    assert!(s.iter().all(|&x| x == 0.0));
}

#[test]
fn divide_and_conquer_bidiagonal_with_zeros() {
    // An upper bidiagonal input is its own bidiagonal form (up to signs), so these zeros reach
    // the divide and conquer: zero superdiagonal entries split it, zero diagonal entries
    // give zero singular values (and a zero at the row where it splits).
    for &n in &[100usize, 257] {
        let mut r = shaped_rng(70 + n as u64);
        let mut d: Vec<f64> = (0..n).map(|_| r()).collect();
        let mut e: Vec<f64> = (0..n - 1).map(|_| r()).collect();
        for i in (0..n - 1).step_by(5) {
            e[i] = 0.0;
        }
        for i in (3..n).step_by(11) {
            d[i] = 0.0;
        }
        d[n / 2] = 0.0;
        d[n / 4] = 0.0;
        e[n / 2 - 1] = 0.0;
        let a = Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| {
            if i == j {
                d[i]
            } else if j == i + 1 {
                e[i]
            } else {
                0.0
            }
        });
        let s = check_dc(&a, "bidiagonal with zeros");
        // Each unreduced block (between zeros of e) with a zero on its diagonal is singular
        // (its rank is one less: the superdiagonal of the block is non-zero).
        let mut zeros = 0;
        let mut block_has_zero = false;
        for i in 0..n {
            block_has_zero |= d[i] == 0.0;
            if i + 1 == n || e[i] == 0.0 {
                zeros += usize::from(block_has_zero);
                block_has_zero = false;
            }
        }
        assert!(zeros > 5);
        assert!(
            s[n - zeros..].iter().all(|&x| x <= 1e-14),
            "{:?}",
            &s[n - zeros..]
        );
        // The transposed (lower bidiagonal) input goes through the wide path.
        let at = Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| a[[j, i]]);
        check_dc(&at, "lower bidiagonal");
    }
}

/// Uniform numbers in [-1, 1) from the shared generator.
fn shaped_rng(seed: u64) -> impl FnMut() -> f64 {
    let mut r = Rng::new(seed);
    move || r.next()
}

#[test]
fn divide_and_conquer_graded_and_tied_bidiagonals() {
    let n = 150;
    let bidiagonal = |d: &dyn Fn(usize) -> f64, e: &dyn Fn(usize) -> f64| {
        Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| {
            if i == j {
                d(i)
            } else if j == i + 1 {
                e(i)
            } else {
                0.0
            }
        })
    };
    // Graded: entries 2^-i, singular values from about 1 down to 1e-45.
    let a = bidiagonal(&|i| 0.5f64.powi(i as i32), &|i| 0.5f64.powi(i as i32));
    check_dc(&a, "graded bidiagonal");
    // Steeply graded: entries down to 1e-298, so the squares of a deep merge's values would
    // underflow unless each merge is scaled.
    let a = bidiagonal(&|i| 0.01f64.powi(i as i32), &|i| 0.01f64.powi(i as i32));
    let s = check_dc(&a, "steeply graded bidiagonal");
    assert!(s.iter().all(|x| x.is_finite()));
    // Small integers on the diagonal with a tiny coupling: many exactly tied poles.
    let a = bidiagonal(&|i| ((i * 7) % 4) as f64, &|i| 1e-3 * ((i * 5) % 3) as f64);
    check_dc(&a, "tied bidiagonal");
    // All ones: distinct but clustered singular values near 2.
    let a = bidiagonal(&|_| 1.0, &|_| 1.0);
    let s = check_dc(&a, "ones bidiagonal");
    // Known spectrum of the all-ones bidiagonal: 2 cos(k pi / (2 n + 1)), k = 1..n.
    for (k, x) in s.iter().enumerate() {
        let want = 2.0 * ((k + 1) as f64 * std::f64::consts::PI / (2 * n + 1) as f64).cos();
        assert!((x - want).abs() <= 1e-13, "{k}: {x} vs {want}");
    }
}

/// The blocked bidiagonalisation (panels of 16 columns from 128 columns on): square, tall and
/// wide shapes past several panels, and f32.
#[test]
fn identities_through_the_blocked_reduction() {
    check_svd(&random::<f64>(300, 300, 700), 8.0);
    check_svd(&random::<f64>(500, 300, 701), 8.0);
    check_svd(&random::<f64>(300, 500, 702), 8.0);
    for (t, &n) in [129usize, 145, 161].iter().enumerate() {
        check_svd(&random::<f32>(n, n, 710 + t as u64), 8.0);
        check_svd(&random::<f32>(n + 40, n, 720 + t as u64), 8.0);
    }
}

/// An exactly low-rank matrix whose bidiagonal ends in a long block of rounding-level
/// entries: the QR sweeps once stalled on that block (no convergence after 75 n + 100 sweeps
/// at n = 200 and 256). Off-diagonals below `eps |B|` now count as negligible.
#[test]
fn low_rank_integer_pattern_converges() {
    for n in [200usize, 256] {
        let data: Vec<f64> = (0..n * n)
            .map(|k| ((7 * (k / n) + 13 * (k % n)) % 17) as f64 - 8.0)
            .collect();
        let a = tensor::<f64>(n, n, &data);
        let s = check_svd(&a, 8.0);
        let only = a.singular_values().expect("singular values");
        for (x, y) in only.iter().zip(&s) {
            assert!((x - y).abs() <= 1e-12 * s[0], "{x} vs {y}");
        }
        // Rank at most 17 (17 distinct row patterns): the rest is rounding.
        assert!(s[17..].iter().all(|&x| x <= 1e-12 * s[0]), "{:?}", &s[..20]);
    }
}
