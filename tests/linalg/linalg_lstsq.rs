//! Least squares, pseudo-inverse, rank and condition number: normal equations, minimum norm
//! for wide and rank-deficient matrices, Moore-Penrose conditions, numpy's residual rule.

use crate::linalg_b_util::*;
use shaped::{Const, Dyn, LinalgError, Matrix, Tensor, Vector, tensor};

/// `max |A^T (b - A x)|` relative to `|A|^2 |x| + |A| |b|`.
fn normal_equations(a: &[f64], m: usize, n: usize, x: &[f64], b: &[f64], r: usize) -> f64 {
    let ax = mul(a, m, n, x, r);
    let res: Vec<f64> = b.iter().zip(&ax).map(|(p, q)| p - q).collect();
    let g = mul(&transpose(a, m, n), n, m, &res, r);
    let an = a.iter().fold(0.0f64, |s, v| s.max(v.abs())) * (m as f64).sqrt();
    let xn = x.iter().fold(0.0f64, |s, v| s.max(v.abs()));
    let bn = b.iter().fold(0.0f64, |s, v| s.max(v.abs()));
    g.iter().fold(0.0f64, |s, v| s.max(v.abs())) / (an * an * xn + an * bn).max(1e-300)
}

#[test]
fn normal_equations_over_sizes() {
    for (t, &n) in SIZES.iter().enumerate() {
        let m = n + n / 2 + 1;
        let a = random::<f64>(m, n, 700 + t as u64);
        let b = random::<f64>(m, 2, 800 + t as u64);
        let f = a.lstsq(&b).unwrap();
        assert_eq!(f.rank, n);
        assert_eq!(f.x.dims(), [n, 2]);
        let (_, _, ad) = f64s(&a);
        let (_, _, bd) = f64s(&b);
        let (_, _, xd) = f64s(&f.x);
        let e = normal_equations(&ad, m, n, &xd, &bd, 2);
        assert!(
            e < 1e-13 * m as f64,
            "n = {n}: normal equations off by {e:e}"
        );
        // Residuals: squared norms of b - A x, reported since rank = n < m.
        assert_eq!(f.residuals.len(), 2);
        let ax = mul(&ad, m, n, &xd, 2);
        for c in 0..2 {
            let r2: f64 = (0..m)
                .map(|i| (bd[i * 2 + c] - ax[i * 2 + c]).powi(2))
                .sum();
            assert!((f.residuals[c] - r2).abs() <= 1e-12 * r2.max(1.0));
        }
    }
}

#[test]
fn minimum_norm_for_wide_and_rank_deficient() {
    for &(m, n, r) in &[
        (5usize, 9usize, 5usize),
        (12, 8, 3),
        (30, 30, 7),
        (8, 20, 2),
    ] {
        let b1 = random::<f64>(m, r, 51);
        let c1 = random::<f64>(r, n, 52);
        let (_, _, bd) = f64s(&b1);
        let (_, _, cd) = f64s(&c1);
        let ad = mul(&bd, m, r, &cd, n);
        let a = tensor::<f64>(m, n, &ad);
        let y = random::<f64>(m, 1, 53);
        let yv = Tensor::from_fn_with((Dyn(m),), |[i]| y[[i, 0]]);
        let f = a.lstsq(&yv).unwrap();
        assert_eq!(f.rank, r);
        assert!(
            f.residuals.is_empty(),
            "rank < n: numpy reports no residuals"
        );
        let xd: Vec<f64> = f.x.iter().copied().collect();
        let (_, _, yd) = f64s(&y);
        assert!(normal_equations(&ad, m, n, &xd, &yd, 1) < 1e-12);
        // Minimum norm: x lies in the row space of A, i.e. x = pinv(A) y, and adding a null
        // vector only makes it longer.
        let p = a.pinv().unwrap();
        assert_eq!(p.dims(), [n, m]);
        let (_, _, pd) = f64s(&p);
        let xp = mul(&pd, n, m, &yd, 1);
        assert!(max_diff(&xp, &xd) < 1e-10, "x differs from pinv(A) y");
        let s = a.singular_values().unwrap();
        assert!(s.as_slice()[..r].iter().all(|&v| v > 1e-6));
        assert_eq!(a.matrix_rank(), r);
        if r < m.min(n) {
            assert!(a.cond() > 1e12, "rank-deficient: cond = {}", a.cond());
        }
    }
}

#[test]
fn moore_penrose_conditions() {
    for &(m, n) in &[(7usize, 4usize), (4, 7), (33, 33), (65, 20)] {
        let a = random::<f64>(m, n, 61);
        let p = a.pinv().unwrap();
        let (_, _, ad) = f64s(&a);
        let (_, _, pd) = f64s(&p);
        let apa = mul(&mul(&ad, m, n, &pd, m), m, m, &ad, n);
        let pap = mul(&mul(&pd, n, m, &ad, n), n, n, &pd, m);
        let pn = pd.iter().fold(0.0f64, |s, v| s.max(v.abs()));
        assert!(max_diff(&apa, &ad) < 1e-11, "A P A != A");
        assert!(max_diff(&pap, &pd) < 1e-11 * pn.max(1.0), "P A P != P");
    }
}

#[test]
fn static_shapes_rules_and_errors() {
    let a: Matrix<f64, 3, 2> = tensor![[1., 0.], [1., 1.], [1., 2.]];
    let y: Vector<f64, 3> = tensor![1., 3., 6.];
    let f = a.lstsq(&y).unwrap();
    let _: &Tensor<f64, (Const<2>,)> = &f.x;
    assert_eq!(f.singular_values.dims(), [2]);
    assert_eq!(f.residuals.len(), 1);
    // Square full rank: exact solve, no residuals (numpy: m > n only).
    let sq: Matrix<f64, 2, 2> = tensor![[2., 1.], [1., 3.]];
    let g = sq.lstsq(&tensor![3., 5.]).unwrap();
    assert!(g.residuals.is_empty());
    assert!((g.x[[0]] - 0.8).abs() < 1e-14 && (g.x[[1]] - 1.4).abs() < 1e-14);
    // The cut-off decides the rank.
    let near: Matrix<f64, 2, 2> = tensor![[1., 0.], [0., 1e-9]];
    assert_eq!(near.lstsq(&tensor![1., 1.]).unwrap().rank, 2);
    assert_eq!(near.lstsq_with(&tensor![1., 1.], 1e-6).unwrap().rank, 1);
    assert_eq!(near.matrix_rank_with(1e-6), 1);
    assert!((near.cond() - 1e9).abs() < 1e-3);
    // Zero matrix: x = 0, rank 0.
    let z = DMat::<f64>::zeros_with((Dyn(4), Dyn(3)));
    let b = Tensor::from_fn_with((Dyn(4),), |[i]| i as f64);
    let fz = z.lstsq(&b).unwrap();
    assert_eq!(fz.rank, 0);
    assert!(fz.x.iter().all(|&v| v == 0.0));
    assert!(z.pinv().unwrap().iter().all(|&v| v == 0.0));
    // Dyn row mismatch is a shape error naming both shapes.
    let a = random::<f64>(4, 3, 1);
    let wrong = Tensor::from_fn_with((Dyn(5),), |_| 1.0);
    match a.lstsq(&wrong) {
        Err(LinalgError::Shape(e)) => {
            assert_eq!(e.lhs(), &[4, 3]);
            assert_eq!(e.rhs(), Some(&[5usize][..]));
        }
        other => panic!("expected a shape error, got {other:?}"),
    }
    // Non-finite input, in A or in b.
    let mut bad = random::<f64>(6, 3, 2);
    bad.view_mut()[[1, 1]] = f64::NAN;
    let b6 = Tensor::from_fn_with((Dyn(6),), |_| 1.0);
    assert!(matches!(bad.lstsq(&b6), Err(LinalgError::NonFinite { .. })));
    assert!(matches!(bad.pinv(), Err(LinalgError::NonFinite { .. })));
    assert!(bad.try_matrix_rank().is_err());
    assert!(std::panic::catch_unwind(|| bad.matrix_rank()).is_err());
    let good = random::<f64>(6, 3, 2);
    let mut binf = b6.clone();
    binf.view_mut()[[0]] = f64::INFINITY;
    assert!(matches!(
        good.lstsq(&binf),
        Err(LinalgError::NonFinite { .. })
    ));
}
