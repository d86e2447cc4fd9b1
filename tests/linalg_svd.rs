//! Thin SVD: `A = U diag(s) V^T`, orthonormal U and V, s descending, over the sizes
//! in square, tall and wide shapes, f64 and f32; rank-deficient, zero and clustered spectra;
//! views; NaN and infinite input.

mod linalg_b_util;

use linalg_b_util::*;
use shaped::{Const, Dyn, Float, LinalgError, Matrix, Tensor, tensor};

/// Checks the SVD identities of `a` and returns the singular values (f64).
fn check_svd<T: Float>(a: &DMat<T>, tol_factor: f64) -> Vec<f64> {
    let (m, n, ad) = f64s(a);
    let k = m.min(n);
    let f = a.svd().expect("svd");
    assert_eq!(f.u.dims(), [m, k]);
    assert_eq!(f.s.dims(), [k]);
    assert_eq!(f.vt.dims(), [k, n]);
    let eps = T::epsilon().as_f64();
    let scale = ad
        .iter()
        .fold(0.0f64, |x, y| x.max(y.abs()))
        .max(f64::MIN_POSITIVE);
    let tol = tol_factor * (m.max(n) as f64) * eps;
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
    let back = mul(&us, m, k, &vt, n);
    let err = max_diff(&back, &ad) / scale;
    assert!(
        err <= tol,
        "({m}, {n}): |U S V^T - A| / |A| = {err:e} > {tol:e}"
    );
    let eu = orth_cols(&u, m, k);
    assert!(eu <= tol, "({m}, {n}): U not orthonormal: {eu:e}");
    let ev = orth_cols(&transpose(&vt, k, n), n, k);
    assert!(ev <= tol, "({m}, {n}): V not orthonormal: {ev:e}");
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
