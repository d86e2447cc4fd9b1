//! Symmetric eigendecomposition: `A V = V diag(w)`, `V^T V = I`, `w` ascending, over the
//! issue's sizes in f64 and f32; clustered and repeated eigenvalues, zero and diagonal
//! matrices; only the lower triangle is read; NaN and infinite input.

use crate::linalg_b_util::*;
use shaped::{Dyn, Float, LinalgError, Matrix, Tensor, tensor};

fn symmetric<T: Float>(n: usize, seed: u64) -> DMat<T> {
    let r = random::<f64>(n, n, seed);
    Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| T::of(r[[i, j]] + r[[j, i]]))
}

/// Checks the eigen identities of the symmetric `a`; returns the eigenvalues.
fn check_eigh<T: Float>(a: &DMat<T>) -> Vec<f64> {
    let (n, _, ad) = f64s(a);
    let f = a.eigh().expect("eigh");
    let eps = T::epsilon().as_f64();
    let scale = ad
        .iter()
        .fold(0.0f64, |x, y| x.max(y.abs()))
        .max(f64::MIN_POSITIVE);
    let tol = 8.0 * (n.max(1) as f64) * eps;
    let w: Vec<f64> = f.values.iter().map(|x| x.as_f64()).collect();
    for p in w.windows(2) {
        assert!(p[0] <= p[1], "not ascending: {w:?}");
    }
    let v: Vec<f64> = f.vectors.iter().map(|x| x.as_f64()).collect();
    let av = mul(&ad, n, n, &v, n);
    let mut vw = v.clone();
    for i in 0..n {
        for j in 0..n {
            vw[i * n + j] *= w[j];
        }
    }
    let err = max_diff(&av, &vw) / scale;
    assert!(
        err <= tol,
        "n = {n}: |A V - V diag(w)| / |A| = {err:e} > {tol:e}"
    );
    let ev = orth_cols(&v, n, n);
    assert!(ev <= tol, "n = {n}: V not orthonormal: {ev:e}");
    // The eigenvalues alone agree with the full decomposition.
    let only = a.eigvalsh().unwrap();
    for (x, y) in only.iter().zip(&w) {
        assert!((x.as_f64() - y).abs() <= tol * scale, "{x} vs {y}");
    }
    w
}

#[test]
fn identities_over_sizes() {
    for (t, &n) in SIZES.iter().enumerate() {
        check_eigh(&symmetric::<f64>(n, 500 + t as u64));
    }
    for (t, &n) in [1usize, 2, 3, 31, 32, 33, 64, 65].iter().enumerate() {
        check_eigh(&symmetric::<f32>(n, 600 + t as u64));
    }
}

#[test]
fn known_spectra_clustered_and_repeated() {
    for &n in &[5usize, 33, 64] {
        let q = orthogonal(n, 41);
        for w in [
            (0..n).map(|i| i as f64 - 2.0).collect::<Vec<_>>(),
            (0..n).map(|i| 1.0 + 1e-10 * i as f64).collect(),
            (0..n).map(|i| if i < n / 2 { -1.0 } else { 3.0 }).collect(),
        ] {
            let mut a = vec![0.0; n * n];
            for i in 0..n {
                for j in 0..n {
                    a[i * n + j] = (0..n).map(|l| q[i * n + l] * w[l] * q[j * n + l]).sum();
                }
            }
            // exactly symmetric input
            for i in 0..n {
                for j in 0..i {
                    a[j * n + i] = a[i * n + j];
                }
            }
            let got = check_eigh(&tensor::<f64>(n, n, &a));
            let mut want = w.clone();
            want.sort_by(|x, y| x.partial_cmp(y).unwrap());
            for (x, y) in got.iter().zip(&want) {
                assert!((x - y).abs() <= 1e-13 * 4.0, "{x} vs {y}");
            }
        }
    }
}

#[test]
fn zero_diagonal_and_static() {
    let z = DMat::<f64>::zeros_with((Dyn(7), Dyn(7)));
    assert!(check_eigh(&z).iter().all(|&x| x == 0.0));
    let d: Matrix<f64, 3, 3> = tensor![[3., 0., 0.], [0., -1., 0.], [0., 0., 2.]];
    let f = d.eigh().unwrap();
    assert_eq!(f.values.as_slice(), &[-1.0, 2.0, 3.0]);
    assert_eq!(f.vectors.dims(), [3, 3]);
    // Only the lower triangle is read (numpy's UPLO = 'L').
    let lower: Matrix<f64, 2, 2> = tensor![[2., 99.], [1., 2.]];
    let w = lower.eigvalsh().unwrap();
    assert!((w[[0]] - 1.0).abs() < 1e-14 && (w[[1]] - 3.0).abs() < 1e-14);
    let back = lower.eigh().unwrap().reconstruct();
    assert!((back[[0, 1]] - 1.0).abs() < 1e-14);
}

#[test]
fn errors() {
    let ns = DMat::<f64>::zeros_with((Dyn(2), Dyn(3)));
    assert!(matches!(ns.eigh(), Err(LinalgError::Shape(_))));
    for bad in [f64::NAN, f64::INFINITY] {
        let mut a = symmetric::<f64>(40, 3);
        a.view_mut()[[20, 10]] = bad;
        assert!(matches!(
            a.eigh(),
            Err(LinalgError::NonFinite { op: "eigh" })
        ));
    }
    // Above the diagonal nothing is read, not even to check it: NaN there is ignored.
    let mut a = symmetric::<f64>(40, 3);
    let want = a.eigvalsh().unwrap();
    for j in 1..40 {
        a.view_mut()[[0, j]] = f64::NAN;
    }
    a.view_mut()[[17, 30]] = f64::INFINITY;
    assert_eq!(a.eigvalsh().unwrap(), want);
    check_eigh(&a.eigh().unwrap().reconstruct());
    // Extreme scales are handled.
    let a = Tensor::from_fn_with((Dyn(4), Dyn(4)), |[i, j]| {
        if i == j { 1e300 * (i + 1) as f64 } else { 0.0 }
    });
    let w = a.eigvalsh().unwrap();
    assert_eq!(w.as_slice(), &[1e300, 2e300, 3e300, 4e300]);
}

/// The symmetric matrix `Q diag(w) Q^T` (exactly symmetric) for a random orthogonal `Q`.
fn with_spectrum(w: &[f64], seed: u64) -> DMat<f64> {
    let n = w.len();
    let q = orthogonal(n, seed);
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let x: f64 = (0..n).map(|l| q[i * n + l] * w[l] * q[j * n + l]).sum();
            a[i * n + j] = x;
            a[j * n + i] = x;
        }
    }
    tensor::<f64>(n, n, &a)
}

/// A symmetric tridiagonal matrix with diagonal `d` and off-diagonal `e`.
fn tridiagonal(d: &[f64], e: &[f64]) -> DMat<f64> {
    let n = d.len();
    Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| {
        if i == j {
            d[i]
        } else if i == j + 1 {
            e[j]
        } else if j == i + 1 {
            e[i]
        } else {
            0.0
        }
    })
}

// From 33 rows on, the vectors come from divide and conquer (several levels of it at these
// sizes); these cases make its deflation, root finding and Gu-Eisenstat vectors do real work.
#[test]
fn divide_and_conquer_sizes_and_f32() {
    for (t, &n) in [100usize, 257, 400].iter().enumerate() {
        check_eigh(&symmetric::<f64>(n, 700 + t as u64));
    }
    check_eigh(&symmetric::<f32>(150, 710));
}

#[test]
fn divide_and_conquer_repeated_and_clustered() {
    let n = 150;
    let cases: Vec<Vec<f64>> = vec![
        // Three values, each many times: deflation by rotation everywhere.
        (0..n).map(|i| [-1.0, 0.5, 2.0][i % 3]).collect(),
        // One simple eigenvalue above a cluster of n - 1 ones (identity plus rank one).
        (0..n).map(|i| if i == 0 { 5.0 } else { 1.0 }).collect(),
        // Tight clusters whose members differ by 1e-12 and 1e-9.
        (0..n)
            .map(|i| (i / 10) as f64 + 1e-12 * (i % 10) as f64 + 1e-9 * (i % 3) as f64)
            .collect(),
        // Graded: 1 down to 1e-15, and a few of each sign.
        (0..n)
            .map(|i| {
                10f64.powf(-15.0 * i as f64 / (n - 1) as f64) * if i % 4 == 0 { -1.0 } else { 1.0 }
            })
            .collect(),
    ];
    for (t, w) in cases.iter().enumerate() {
        let got = check_eigh(&with_spectrum(w, 800 + t as u64));
        let mut want = w.clone();
        want.sort_by(|x, y| x.partial_cmp(y).unwrap());
        for (x, y) in got.iter().zip(&want) {
            assert!((x - y).abs() <= 1e-12, "case {t}: {x} vs {y}");
        }
    }
}

#[test]
fn divide_and_conquer_structured_tridiagonals() {
    // Wilkinson's W+ of order 2m + 1: pairs of eigenvalues agreeing to many digits.
    for m in [50usize, 100] {
        let n = 2 * m + 1;
        let d: Vec<f64> = (0..n).map(|i| (m as f64 - i as f64).abs()).collect();
        check_eigh(&tridiagonal(&d, &vec![1.0; n - 1]));
    }
    // Glued Wilkinson matrices: blocks of W+ of order 21 joined by couplings of 1e-10.
    let (blocks, b) = (6, 21);
    let n = blocks * b;
    let d: Vec<f64> = (0..n).map(|i| (10.0 - (i % b) as f64).abs()).collect();
    let e: Vec<f64> = (0..n - 1)
        .map(|i| if (i + 1) % b == 0 { 1e-10 } else { 1.0 })
        .collect();
    check_eigh(&tridiagonal(&d, &e));
    // A diagonal matrix (every coupling zero: all of each merge deflates), the zero matrix,
    // and a tridiagonal with zeros at its cuts.
    let d: Vec<f64> = (0..97).map(|i| ((i * 37) % 97) as f64 - 40.0).collect();
    let w = check_eigh(&tridiagonal(&d, &vec![0.0; 96]));
    let mut want = d.clone();
    want.sort_by(|x, y| x.partial_cmp(y).unwrap());
    // Exact up to the scaling of the input by its largest magnitude.
    for (x, y) in w.iter().zip(&want) {
        assert!((x - y).abs() <= 1e-14 * 56.0, "{x} vs {y}");
    }
    assert!(
        check_eigh(&DMat::<f64>::zeros_with((Dyn(90), Dyn(90))))
            .iter()
            .all(|&x| x == 0.0)
    );
    let e: Vec<f64> = (0..127)
        .map(|i| if i % 16 == 15 { 0.0 } else { 0.5 })
        .collect();
    check_eigh(&tridiagonal(&vec![1.0; 128], &e));
    // Constant diagonal and off-diagonal (the 1-D Laplacian): eigenvalues known in closed form.
    let n = 120;
    let w = check_eigh(&tridiagonal(&vec![2.0; n], &vec![-1.0; n - 1]));
    for (k, x) in w.iter().enumerate() {
        let want = 2.0 - 2.0 * (std::f64::consts::PI * (k + 1) as f64 / (n + 1) as f64).cos();
        assert!((x - want).abs() <= 1e-13, "laplacian {k}: {x} vs {want}");
    }
}

/// The blocked tridiagonalisation (panels of 16 columns from 128 columns on), past several
/// panels, in f64 and f32.
#[test]
fn identities_through_the_blocked_reduction() {
    check_eigh(&symmetric::<f64>(300, 730));
    for (t, &n) in [129usize, 145, 161].iter().enumerate() {
        check_eigh(&symmetric::<f32>(n, 740 + t as u64));
    }
}
