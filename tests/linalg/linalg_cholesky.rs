//! Cholesky: `A = L L^T` over many sizes, solves, non-SPD and non-finite input, triangular
//! solves.

// `&tensor` arguments read as numpy-like expressions here; the borrow is deliberate.
#![allow(clippy::needless_borrows_for_generic_args)]

use crate::linalg_a_util as util;

use shaped::{Dyn, LinalgError, Lower, Matrix, Tensor, Upper, tensor};
use util::{DMat, SIZES, mul, random, rel_diff, spd};

fn check_llt<T: shaped::Float>(n: usize, tol: f64) {
    let a = spd::<T>(n, n as u64);
    let c = a.cholesky().unwrap();
    let l = c.l();
    for i in 0..n {
        assert!(l[[i, i]] > T::ZERO, "positive diagonal");
        for j in i + 1..n {
            assert_eq!(l[[i, j]], T::ZERO, "exact zeros above the diagonal");
        }
    }
    let err = rel_diff(&mul(l, &l.t()), &a);
    assert!(err < tol, "n = {n}: |A - L L^T| = {err:e}");
}

#[test]
fn llt_reconstructs_a_over_sizes_f64_and_f32() {
    for n in SIZES {
        check_llt::<f64>(n, 1e-13);
        check_llt::<f32>(n, 1e-5);
    }
}

#[test]
fn cholesky_solve_agrees_with_lu_solve() {
    for n in SIZES {
        let a = spd::<f64>(n, 50 + n as u64);
        let b = random::<f64>(n, 2, 60 + n as u64);
        let x = a.cholesky().unwrap().solve(&b).unwrap();
        assert!(rel_diff(&mul(&a, &x), &b) < 1e-12, "n = {n}");
        assert!(rel_diff(&x, &a.solve(&b).unwrap()) < 1e-10, "n = {n}");
    }
}

#[test]
fn only_the_lower_triangle_is_read() {
    let mut a = spd::<f64>(6, 3);
    let l0 = a.cholesky().unwrap().into_l();
    a[[0, 5]] = f64::NAN;
    a[[1, 4]] = 1e9;
    assert_eq!(a.cholesky().unwrap().into_l(), l0);
}

#[test]
fn not_positive_definite_names_the_pivot() {
    let a: Matrix<f64, 3, 3> = tensor![[4., 2., 0.], [2., 1., 0.], [0., 0., 1.]];
    assert_eq!(
        a.cholesky().unwrap_err(),
        LinalgError::NotPositiveDefinite {
            op: "cholesky",
            pivot: 1
        }
    );
    let neg: Matrix<f64, 2, 2> = tensor![[-1., 0.], [0., 1.]];
    assert!(matches!(
        neg.cholesky(),
        Err(LinalgError::NotPositiveDefinite { pivot: 0, .. })
    ));
    let z = DMat::<f64>::zeros_with((Dyn(5), Dyn(5)));
    assert!(matches!(
        z.cholesky(),
        Err(LinalgError::NotPositiveDefinite { pivot: 0, .. })
    ));
    // Indefinite at a block boundary.
    let mut b = spd::<f64>(70, 4);
    b[[64, 64]] = -100.0;
    assert!(matches!(
        b.cholesky(),
        Err(LinalgError::NotPositiveDefinite { pivot: 64, .. })
    ));
}

#[test]
fn non_finite_input_is_an_error() {
    for bad in [f64::NAN, f64::INFINITY] {
        let mut a = spd::<f64>(40, 5);
        a[[30, 2]] = bad;
        assert_eq!(
            a.cholesky().unwrap_err(),
            LinalgError::NonFinite { op: "cholesky" }
        );
    }
}

#[test]
fn triangular_solves_lower_and_upper() {
    for n in [1, 2, 3, 33, 65, 129] {
        let a = random::<f64>(n, n, 70 + n as u64);
        // Diagonally dominant triangles.
        let l: DMat<f64> = Tensor::from_fn_with((Dyn(n), Dyn(n)), |[i, j]| match i.cmp(&j) {
            std::cmp::Ordering::Greater => a[[i, j]],
            std::cmp::Ordering::Equal => 2.0 + a[[i, j]].abs(),
            std::cmp::Ordering::Less => 0.0,
        });
        // 17 right-hand sides: from 32 rows on, the solve recurses with GEMM updates.
        for r in [3, 17] {
            let b = random::<f64>(n, r, 80 + n as u64);
            let x = l.solve_triangular(&b, Lower).unwrap();
            assert!(rel_diff(&mul(&l, &x), &b) < 1e-12);
            let u = l.t();
            let y = u.solve_triangular(&b, Upper).unwrap();
            assert!(rel_diff(&mul(&u, &y), &b) < 1e-12);
        }
    }
    let s: Matrix<f64, 2, 2> = tensor![[1., 0.], [5., 0.]];
    assert_eq!(
        s.solve_triangular(&tensor![1., 1.], Lower).unwrap_err(),
        LinalgError::Singular {
            op: "solve_triangular",
            pivot: 1
        }
    );
}
