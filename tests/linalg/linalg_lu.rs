//! LU with partial pivoting and what rests on it: `P A = L U` over many sizes, solve, det,
//! slogdet, inv, singular and non-finite input.

// `&tensor` arguments read as numpy-like expressions here; the borrow is deliberate.
#![allow(clippy::needless_borrows_for_generic_args)]

use crate::linalg_a_util as util;

use shaped::{Const, Dyn, LinalgError, Matrix, Tensor, Vector, tensor};
use util::{DMat, SIZES, mul, random, rel_diff};

fn check_plu<T: shaped::Float>(n: usize, tol: f64) {
    let a = random::<T>(n, n, n as u64);
    let lu = a.lu().unwrap();
    let (l, u) = (lu.l(), lu.u());
    let pa: DMat<T> = Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| a[[lu.perm()[i], j]]);
    let err = rel_diff(&mul(&l, &u), &pa);
    assert!(err < tol * n as f64, "n = {n}: |PA - LU| = {err:e}");
    // Partial pivoting keeps |L| <= 1, and L is unit lower triangular.
    for i in 0..n {
        assert_eq!(l[[i, i]], T::ONE);
        for j in 0..n {
            assert!(l[[i, j]].abs() <= T::ONE);
            if j > i {
                assert_eq!(l[[i, j]], T::ZERO);
                assert_eq!(u[[j, i]], T::ZERO);
            }
        }
    }
    let mut p = lu.perm().to_vec();
    p.sort_unstable();
    assert!(
        p.iter().enumerate().all(|(i, &x)| i == x),
        "perm is a permutation"
    );
}

#[test]
fn plu_reconstructs_a_over_sizes_f64_and_f32() {
    for n in SIZES {
        check_plu::<f64>(n, 1e-14);
        check_plu::<f32>(n, 1e-5);
    }
}

#[test]
fn solve_has_small_residual_for_vectors_and_matrices() {
    for n in SIZES {
        let a = random::<f64>(n, n, 100 + n as u64);
        let b = random::<f64>(n, 3, 200 + n as u64);
        let x = a.solve(&b).unwrap();
        let err = rel_diff(&mul(&a, &x), &b);
        assert!(err < 1e-9, "n = {n}: residual {err:e}");
        let bv: Tensor<f64, (Dyn,)> = Tensor::from_fn_with((Dyn(n),), |[i]| b[[i, 0]]);
        let xv = a.solve(&bv).unwrap();
        for i in 0..n {
            assert!((xv[[i]] - x[[i, 0]]).abs() <= 1e-12 * (1.0 + x[[i, 0]].abs()));
        }
    }
}

#[test]
fn inverse_times_a_is_identity_and_det_matches_slogdet() {
    for n in [1, 2, 3, 31, 33, 64, 65] {
        let a = random::<f64>(n, n, 300 + n as u64);
        let ai = a.inv().unwrap();
        let eye = DMat::<f64>::eye_with((Dyn(n), Dyn(n)));
        assert!(rel_diff(&mul(&a, &ai), &eye) < 1e-9);
        let (s, l) = a.slogdet();
        let d = a.det();
        assert_eq!(s, d.signum());
        assert!((l - d.abs().ln()).abs() < 1e-9 * (1.0 + l.abs()));
    }
}

#[test]
fn det_of_known_matrices() {
    let a: Matrix<f64, 3, 3> = tensor![[2., 0., 0.], [0., 3., 0.], [0., 0., 4.]];
    assert_eq!(a.det(), 24.0);
    let swap: Matrix<f64, 2, 2> = tensor![[0., 1.], [1., 0.]];
    assert_eq!(swap.det(), -1.0);
    // det(A^T) = det(A) through a transposed view, without a copy.
    let b = random::<f64>(5, 5, 7);
    assert!((b.t().det() - b.det()).abs() < 1e-12);
    // The empty matrix has determinant 1.
    assert_eq!(DMat::<f64>::zeros_with((Dyn(0), Dyn(0))).det(), 1.0);
}

#[test]
fn singular_matrices_are_reported_as_design_section_6_says() {
    let s: Matrix<f64, 3, 3> = tensor![[1., 2., 3.], [2., 4., 6.], [1., 1., 1.]];
    assert!(matches!(
        s.solve(&tensor![1., 2., 3.]),
        Err(LinalgError::Singular { .. })
    ));
    assert!(matches!(s.inv(), Err(LinalgError::Singular { .. })));
    let lu = s.lu().expect("lu of a singular matrix succeeds");
    assert!(lu.is_singular());
    assert_eq!(s.det(), 0.0);
    assert_eq!(s.slogdet(), (0.0, f64::NEG_INFINITY));
    let z = DMat::<f64>::zeros_with((Dyn(4), Dyn(4)));
    assert!(matches!(
        z.solve(&DMat::zeros_with((Dyn(4), Dyn(1)))),
        Err(LinalgError::Singular { pivot: 0, .. })
    ));
    assert_eq!(z.det(), 0.0);
}

#[test]
fn non_finite_input_is_an_error_or_nan_promptly() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut a = random::<f64>(65, 65, 9);
        a[[40, 3]] = bad;
        let b = random::<f64>(65, 1, 10);
        assert!(matches!(
            a.solve(&b),
            Err(LinalgError::NonFinite { op: "solve" })
        ));
        assert!(matches!(a.lu(), Err(LinalgError::NonFinite { .. })));
        assert!(matches!(a.inv(), Err(LinalgError::NonFinite { .. })));
        assert!(a.det().is_nan());
        let (s, l) = a.slogdet();
        assert!(s.is_nan() && l.is_nan());
        // NaN in the right-hand side only.
        let good = random::<f64>(3, 3, 11);
        let mut bb = random::<f64>(3, 1, 12);
        bb[[1, 0]] = bad;
        assert!(matches!(
            good.solve(&bb),
            Err(LinalgError::NonFinite { .. })
        ));
    }
}

#[test]
fn dyn_shape_mismatches_are_errors_that_name_both_shapes() {
    let a = DMat::<f64>::zeros_with((Dyn(3), Dyn(4)));
    let e = a
        .solve(&Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),)))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "solve: the matrix (3, 4) is not square (3 rows, 4 columns)"
    );
    assert!(a.try_det().is_err());
    let sq = random::<f64>(3, 3, 1);
    let e = sq
        .solve(&Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),)))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "solve: lhs (3, 3) has 3 rows but rhs (4,) has 4 rows"
    );
}

#[test]
#[should_panic(expected = "det: the matrix (2, 3) is not square")]
fn det_panics_on_a_non_square_dyn_matrix() {
    DMat::<f64>::zeros_with((Dyn(2), Dyn(3))).det();
}

#[test]
fn static_and_mixed_shapes_solve() {
    let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    let x: Vector<f64, 2> = a.solve(&tensor![5., 6.]).unwrap();
    assert!((x[[0]] + 4.).abs() < 1e-12 && (x[[1]] - 4.5).abs() < 1e-12);
    // A Dyn right-hand side against a static matrix, and a static one against a Dyn matrix.
    let bd = Tensor::<f64, (Dyn,)>::from_vec((Dyn(2),), vec![5., 6.]).unwrap();
    assert_eq!(a.solve(&bd).unwrap().as_slice(), x.as_slice());
    let ad = a.clone().into_dyn();
    let xs: Tensor<f64, (Const<2>,)> = ad.solve(&tensor![5., 6.]).unwrap();
    assert_eq!(xs.as_slice(), x.as_slice());
    // Solving with the transpose through a view.
    let xt = a.t().solve(&tensor![5., 6.]).unwrap();
    let at: Matrix<f64, 2, 2> = tensor![[1., 3.], [2., 4.]];
    assert_eq!(
        xt.as_slice(),
        at.solve(&tensor![5., 6.]).unwrap().as_slice()
    );
}
