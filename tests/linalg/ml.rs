//! PCA, low-rank approximation and standardisation: variances against a direct
//! computation, transform and inverse_transform, Eckart-Young errors, K checked at run time.

use crate::linalg_b_util::*;
use shaped::{Const, Dyn, LinalgError, Matrix, Tensor, tensor};

#[test]
fn pca_matches_the_covariance() {
    let (n, d) = (60, 5);
    let raw = random::<f64>(n, d, 91);
    // Features with different spreads and offsets.
    let x = Tensor::from_fn_with((Dyn(n), Const::<5>), |[i, j]| {
        raw[[i, j]] * (j + 1) as f64 + 10.0 * j as f64 + raw[[i, 0]] * 0.5
    });
    let p = x.pca::<3>().unwrap();
    assert_eq!(p.components.dims(), [3, 5]);
    // mean
    for j in 0..d {
        let m: f64 = (0..n).map(|i| x[[i, j]]).sum::<f64>() / n as f64;
        assert!((p.mean[[j]] - m).abs() < 1e-12);
    }
    // Each component is an eigenvector of the covariance with eigenvalue its variance.
    let mut cov = vec![0.0; d * d];
    for a in 0..d {
        for b in 0..d {
            cov[a * d + b] = (0..n)
                .map(|i| (x[[i, a]] - p.mean[[a]]) * (x[[i, b]] - p.mean[[b]]))
                .sum::<f64>()
                / (n - 1) as f64;
        }
    }
    let total: f64 = (0..d).map(|a| cov[a * d + a]).sum();
    for k in 0..3 {
        let c: Vec<f64> = (0..d).map(|j| p.components[[k, j]]).collect();
        let cc = mul(&cov, d, d, &c, 1);
        let var = p.explained_variance[[k]];
        for j in 0..d {
            assert!(
                (cc[j] - var * c[j]).abs() < 1e-10,
                "component {k} is not an eigenvector"
            );
        }
        assert!((p.explained_variance_ratio[[k]] - var / total).abs() < 1e-12);
        let s = p.singular_values[[k]];
        assert!((s * s / (n - 1) as f64 - var).abs() < 1e-10);
        // Sign rule: the largest entry is positive.
        let big = c
            .iter()
            .fold(0.0f64, |b, &v| if v.abs() > b.abs() { v } else { b });
        assert!(big > 0.0);
    }
    // transform then inverse_transform with all components is the identity.
    let full = x.pca::<5>().unwrap();
    let z = full.transform(&x);
    assert_eq!(z.dims(), [n, 5]);
    let back = full.inverse_transform(&z);
    for i in 0..n {
        for j in 0..d {
            assert!((back[[i, j]] - x[[i, j]]).abs() < 1e-10);
        }
    }
    // The projections are uncorrelated, with the component variances.
    let z3 = p.transform(&x);
    for a in 0..3 {
        for b in 0..3 {
            let c: f64 = (0..n).map(|i| z3[[i, a]] * z3[[i, b]]).sum::<f64>() / (n - 1) as f64;
            let want = if a == b {
                p.explained_variance[[a]]
            } else {
                0.0
            };
            assert!((c - want).abs() < 1e-9, "cov(z{a}, z{b}) = {c}");
        }
    }
}

#[test]
fn pca_dyn_and_errors() {
    let x = random::<f64>(10, 4, 3);
    let p = x.pca_dyn(2).unwrap();
    assert_eq!(p.components.dims(), [2, 4]);
    let q = x.pca::<2>().unwrap();
    assert_eq!(
        p.explained_variance.as_slice(),
        q.explained_variance.as_slice()
    );
    assert!(matches!(x.pca_dyn(5), Err(LinalgError::Shape(_))));
    assert!(matches!(x.pca::<5>(), Err(LinalgError::Shape(_))));
    let few = random::<f64>(3, 8, 4);
    assert!(few.pca_dyn(4).is_err(), "K > N samples");
    let mut bad = x.clone();
    bad.view_mut()[[2, 2]] = f64::NAN;
    assert!(matches!(bad.pca_dyn(1), Err(LinalgError::NonFinite { .. })));
    let other = random::<f64>(3, 5, 4);
    assert!(p.try_transform(&other).is_err());
}

#[test]
fn low_rank_errors_are_eckart_young() {
    for &(m, n) in &[(12usize, 9usize), (9, 12), (33, 33)] {
        let a = random::<f64>(m, n, 77);
        let s = a.singular_values().unwrap();
        for k in [0, 1, 3, m.min(n)] {
            let ak = a.low_rank_dyn(k).unwrap();
            let diff = Tensor::from_fn_with((Dyn(m), Dyn(n)), |[i, j]| a[[i, j]] - ak[[i, j]]);
            let fro = diff.iter().map(|v| v * v).sum::<f64>().sqrt();
            let want_fro = s.as_slice()[k..].iter().map(|v| v * v).sum::<f64>().sqrt();
            assert!(
                (fro - want_fro).abs() < 1e-12,
                "k = {k}: {fro} vs {want_fro}"
            );
            let two = diff.norm_spectral();
            let want_two = s.as_slice().get(k).copied().unwrap_or(0.0);
            assert!(
                (two - want_two).abs() < 1e-12,
                "k = {k}: {two} vs {want_two}"
            );
            assert!(ak.matrix_rank() == k);
        }
        assert!(matches!(
            a.low_rank_dyn(m.min(n) + 1),
            Err(LinalgError::Shape(_))
        ));
    }
    let a: Matrix<f64, 3, 3> = tensor![[4., 0., 0.], [0., 2., 0.], [0., 0., 1.]];
    let a2 = a.low_rank::<2>().unwrap();
    assert!((a2[[1, 1]] - 2.0).abs() < 1e-15 && a2[[2, 2]].abs() < 1e-15);
}

#[test]
fn standardize_gives_zero_mean_unit_variance() {
    let x = random::<f64>(40, 3, 8);
    let x = Tensor::from_fn_with((Dyn(40), Dyn(4)), |[i, j]| {
        if j == 3 { 7.0 } else { x[[i, j]] * 100.0 + 5.0 }
    });
    let z = x.standardize();
    for j in 0..3 {
        let m: f64 = (0..40).map(|i| z[[i, j]]).sum::<f64>() / 40.0;
        let v: f64 = (0..40).map(|i| (z[[i, j]] - m).powi(2)).sum::<f64>() / 40.0;
        assert!(m.abs() < 1e-14 && (v - 1.0).abs() < 1e-12);
    }
    assert!(
        (0..40).all(|i| z[[i, 3]] == 0.0),
        "a constant column becomes zeros"
    );
}
