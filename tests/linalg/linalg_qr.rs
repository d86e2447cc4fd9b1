//! Thin Householder QR: `A = Q R` with orthonormal Q and upper-triangular R over square, tall
//! and wide shapes, rank-deficient and zero matrices; `project`.

// `&tensor` arguments read as numpy-like expressions here; the borrow is deliberate.
#![allow(clippy::needless_borrows_for_generic_args)]

use crate::linalg_a_util as util;

use shaped::{Const, Dyn, LinalgError, Matrix, MinOf, Tensor, tensor};
use util::{DMat, SIZES, mul, orthonormality_error, random, rel_diff};

fn check_qr<T: shaped::Float>(a: &DMat<T>, tol: f64) {
    let [m, n] = a.dims();
    let qr = a.qr().unwrap();
    let k = m.min(n);
    assert_eq!(qr.q.dims(), [m, k]);
    assert_eq!(qr.r.dims(), [k, n]);
    let q = qr.q.clone().into_dyn();
    let r = qr.r.clone().into_dyn();
    for i in 0..k {
        for j in 0..i.min(n) {
            assert_eq!(r[[i, j]], T::ZERO);
        }
    }
    let e = orthonormality_error(&q);
    assert!(e < tol * (m.max(1) as f64), "{m}x{n}: |Q^T Q - I| = {e:e}");
    let e = rel_diff(&mul(&q, &r), a);
    assert!(e < tol * (m.max(1) as f64), "{m}x{n}: |A - QR| = {e:e}");
}

#[test]
fn qr_square_tall_wide_over_sizes() {
    for n in SIZES {
        for (m, nn) in [
            (n, n),
            (n + 7, n),
            (n, n + 5),
            (2 * n + 1, n),
            (n, 2 * n + 1),
        ] {
            check_qr::<f64>(&random(m, nn, (m * 1000 + nn) as u64), 1e-15);
        }
        check_qr::<f32>(&random(n + 3, n, n as u64), 1e-6);
    }
}

#[test]
fn qr_of_rank_deficient_and_zero_matrices() {
    // Rank 1: every column a multiple of the first.
    let c = random::<f64>(40, 1, 3);
    let a: DMat<f64> =
        Tensor::from_fn_with((Dyn(40), Dyn(6)), |[i, j]| c[[i, 0]] * (j as f64 - 2.5));
    check_qr(&a, 1e-15);
    let z = DMat::<f64>::zeros_with((Dyn(7), Dyn(4)));
    check_qr(&z, 1e-15);
    let qr = z.qr().unwrap();
    assert!(qr.r.iter().all(|&x| x == 0.0));
    check_qr(&DMat::<f64>::zeros_with((Dyn(0), Dyn(3))), 1e-15);
    check_qr(&DMat::<f64>::zeros_with((Dyn(3), Dyn(0))), 1e-15);
}

#[test]
fn qr_static_shapes_have_min_of_k() {
    let a: Matrix<f64, 4, 2> = tensor![[1., 2.], [3., 4.], [5., 6.], [7., 8.]];
    let qr = a.qr().unwrap();
    let q: Tensor<f64, (Const<4>, MinOf<Const<4>, Const<2>>)> = qr.q;
    assert_eq!(q.dims(), [4, 2]);
    assert!((qr.r[[0, 0]].abs() - 84f64.sqrt()).abs() < 1e-12);
}

#[test]
fn qr_non_finite_is_an_error() {
    let mut a = random::<f64>(5, 3, 1);
    a[[4, 2]] = f64::NAN;
    assert_eq!(a.qr().unwrap_err(), LinalgError::NonFinite { op: "qr" });
}

#[test]
fn project_is_idempotent_and_leaves_an_orthogonal_residual() {
    for (m, n) in [(10, 3), (65, 33), (129, 64), (5, 8)] {
        let a = random::<f64>(m, n, (m + n) as u64);
        let y = random::<f64>(m, 2, 9);
        let p = a.project(&y).unwrap();
        let pp = a.project(&p).unwrap();
        assert!(rel_diff(&pp, &p) < 1e-12, "{m}x{n}: P P y = P y");
        // A^T (y - P y) = 0
        let res: DMat<f64> = Tensor::from_fn_with((Dyn(m), Dyn(2)), |[i, j]| y[[i, j]] - p[[i, j]]);
        let atr = mul(&a.t(), &res);
        assert!(atr.iter().all(|x| x.abs() < 1e-12), "{m}x{n}");
    }
}

#[test]
fn project_onto_a_rank_deficient_column_space() {
    // Three columns spanning only the plane z = 0 of R^3.
    let a: Matrix<f64, 3, 3> = tensor![[1., 2., 3.], [1., 2., 3.5], [0., 0., 0.]];
    let p = a.project(&tensor![1., 2., 3.]).unwrap();
    assert!((p[[0]] - 1.).abs() < 1e-12 && (p[[1]] - 2.).abs() < 1e-12 && p[[2]].abs() < 1e-12);
    let rank1: Matrix<f64, 3, 2> = tensor![[1., 2.], [1., 2.], [0., 0.]];
    let p = rank1.project(&tensor![1., 3., 5.]).unwrap();
    assert!((p[[0]] - 2.).abs() < 1e-12 && (p[[1]] - 2.).abs() < 1e-12 && p[[2]].abs() < 1e-12);
}

/// QR of views that are not contiguous (a transpose, a column range): the input is read
/// through its strides, and the factors match those of an owned copy.
#[test]
fn qr_of_strided_views() {
    let a = random::<f64>(70, 45, 11);
    let owned_t: DMat<f64> = Tensor::from_fn_with((Dyn(45), Dyn(70)), |[i, j]| a[[j, i]]);
    let from_view = a.t().qr().unwrap();
    let from_owned = owned_t.qr().unwrap();
    assert_eq!(from_view.q.as_slice(), from_owned.q.as_slice());
    assert_eq!(from_view.r.as_slice(), from_owned.r.as_slice());
    let cols = a.slice_axis::<1>(5..38);
    let owned_c: DMat<f64> = Tensor::from_fn_with((Dyn(70), Dyn(33)), |[i, j]| a[[i, j + 5]]);
    let (fv, fo) = (cols.qr().unwrap(), owned_c.qr().unwrap());
    assert_eq!(fv.q.as_slice(), fo.q.as_slice());
    assert_eq!(fv.r.as_slice(), fo.r.as_slice());
    check_qr(&owned_c, 1e-15);
}
