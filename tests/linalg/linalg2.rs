//! numpy.linalg parity (issue 16, real part): stacked linalg equals the loop of its 2-D
//! calls; the full SVD and the complete QR have orthogonal square factors and reproduce the
//! matrix; `kron` obeys the mixed-product identity; `matrix_power(-n) matrix_power(n) = I`;
//! `multi_dot` equals the left-to-right product; products and norms on small cases by hand.

use crate::linalg_a_util::{DMat, Rng, random, spd};
use crate::linalg_b_util::{max_diff, orth_cols};
use shaped::{
    AnyDim, Const, Dyn, Float, LinalgError, Matrix, NormOrd, One, Tensor, Tensor3, Vector,
    multi_dot, tensor, try_multi_dot,
};

type Stack<T> = Tensor<T, (Dyn, Dyn, Dyn)>;

fn f64s<T: Float>(x: impl IntoIterator<Item = T>) -> Vec<f64> {
    x.into_iter().map(|v| v.as_f64()).collect()
}

/// A (b, m, n) stack of random members (member i drawn with seed `seed + i`).
fn random_stack<T: Float>(b: usize, m: usize, n: usize, seed: u64) -> Stack<T> {
    let mut data = Vec::new();
    for i in 0..b {
        data.extend(random::<T>(m, n, seed + i as u64).into_vec());
    }
    Tensor::from_vec((Dyn(b), Dyn(m), Dyn(n)), data).unwrap()
}

/// Member `i` of a rank-3 stack, row-major.
fn mem<T: Float, A: AnyDim, B: AnyDim, C: AnyDim>(t: &Tensor<T, (A, B, C)>, i: usize) -> Vec<T> {
    t.view().select::<0>(i).iter().copied().collect()
}

fn member<T: Float>(s: &Stack<T>, i: usize) -> DMat<T> {
    s.view().select::<0>(i).to_tensor()
}

/// `max |a - b|` over equal-length sequences, with NaN and infinities equal to themselves.
fn close<T: Float>(a: &[T], b: &[T], tol: f64) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.as_f64(), y.as_f64());
        assert!(
            x == y || (x.is_nan() && y.is_nan()) || (x - y).abs() <= tol * (1.0 + y.abs()),
            "{x} vs {y}"
        );
    }
}

fn batched_equals_loop<T: Float>() {
    let tol = 64.0 * T::epsilon().as_f64();
    for &(b, n) in &[(0, 3), (1, 1), (3, 4), (5, 9), (2, 33)] {
        let a = random_stack::<T>(b, n, n, 10 + n as u64);
        let rhs = random::<T>(n, 2, 99);
        let v = Tensor::<T, (Dyn,)>::from_vec((Dyn(n),), random::<T>(n, 1, 98).into_vec()).unwrap();
        let xs = random_stack::<T>(b, n, 3, 77);
        let (xm, xv, xb) = (
            a.solve(&rhs).unwrap(),
            a.solve(&v).unwrap(),
            a.solve(&xs).unwrap(),
        );
        assert_eq!(xm.dims(), [b, n, 2]);
        assert_eq!(xv.dims(), [b, n]);
        assert_eq!(xb.dims(), [b, n, 3]);
        let inv = a.inv().unwrap();
        let det = a.det();
        let (sign, logdet) = a.slogdet();
        let svd = a.svd().unwrap();
        let qr = a.qr().unwrap();
        let pinv = a.pinv().unwrap();
        let rank = a.matrix_rank();
        let spds: Vec<DMat<T>> = (0..b).map(|i| spd::<T>(n, 40 + i as u64)).collect();
        let s = Tensor::from_vec(
            (Dyn(b), Dyn(n), Dyn(n)),
            spds.iter().flat_map(|m| m.as_slice().to_vec()).collect(),
        )
        .unwrap();
        let chol = s.cholesky().unwrap();
        let eig = s.eigh().unwrap();
        for i in 0..b {
            let m = member(&a, i);
            close(&mem(&xm, i), m.solve(&rhs).unwrap().as_slice(), tol);
            close(
                xv.view()
                    .select::<0>(i)
                    .iter()
                    .copied()
                    .collect::<Vec<_>>()
                    .as_slice(),
                m.solve(&v).unwrap().as_slice(),
                tol,
            );
            close(
                &mem(&xb, i),
                m.solve(member(&xs, i)).unwrap().as_slice(),
                tol,
            );
            close(&mem(&inv, i), m.inv().unwrap().as_slice(), tol);
            close(&[det[[i]]], &[m.det()], tol);
            let (s1, l1) = m.slogdet();
            close(&[sign[[i]], logdet[[i]]], &[s1, l1], tol);
            let f = m.svd().unwrap();
            close(&mem(&svd.u, i), f.u.as_slice(), tol);
            close(
                svd.s.view().select::<0>(i).to_tensor().as_slice(),
                f.s.as_slice(),
                tol,
            );
            close(&mem(&svd.vt, i), f.vt.as_slice(), tol);
            let q = m.qr().unwrap();
            close(&mem(&qr.q, i), q.q.as_slice(), tol);
            close(&mem(&qr.r, i), q.r.as_slice(), tol);
            close(&mem(&pinv, i), m.pinv().unwrap().as_slice(), tol);
            assert_eq!(rank[[i]], m.matrix_rank());
            close(
                &mem(&chol, i),
                spds[i].cholesky().unwrap().l().as_slice(),
                tol,
            );
            let e = spds[i].eigh().unwrap();
            close(
                eig.values.view().select::<0>(i).to_tensor().as_slice(),
                e.values.as_slice(),
                tol,
            );
            close(&mem(&eig.vectors, i), e.vectors.as_slice(), tol);
        }
    }
}

#[test]
fn batched_results_equal_the_loop_of_unbatched_ones() {
    batched_equals_loop::<f64>();
    batched_equals_loop::<f32>();
}

#[test]
fn stacked_solve_broadcasts_a_one_batch_and_fails_whole_on_one_singular_member() {
    let a: Tensor3<f64, 2, 2, 2> = tensor![[[2., 0.], [0., 4.]], [[1., 1.], [0., 1.]]];
    let b: Tensor<f64, (One, Const<2>, Const<1>)> =
        Tensor::from_vec((One, Const, Const), vec![2., 4.]).unwrap();
    let x: Tensor<f64, (Const<2>, Const<2>, Const<1>)> = a.solve(&b).unwrap();
    assert_eq!(x.as_slice(), &[1., 1., -2., 4.]);
    // A `One` stack of matrices stretches against a (2, ..) right-hand side.
    let a1: Tensor<f64, (One, Const<2>, Const<2>)> =
        Tensor::from_vec((One, Const, Const), vec![2., 0., 0., 4.]).unwrap();
    let b2: Tensor3<f64, 2, 2, 1> = tensor![[[2.], [4.]], [[4.], [8.]]];
    let x2: Tensor<f64, (Const<2>, Const<2>, Const<1>)> = a1.solve(&b2).unwrap();
    assert_eq!(x2.as_slice(), &[1., 1., 2., 2.]);
    // Dyn batches that do not broadcast.
    let ad = random_stack::<f64>(3, 2, 2, 1);
    let bd = random_stack::<f64>(2, 2, 1, 2);
    assert!(matches!(ad.solve(&bd), Err(LinalgError::Shape(_))));
    // One singular member: solve and inv fail, det is 0 for it.
    let s: Tensor3<f64, 2, 2, 2> = tensor![[[1., 0.], [0., 1.]], [[1., 2.], [2., 4.]]];
    assert!(matches!(
        s.solve(&tensor![1., 1.]),
        Err(LinalgError::Singular { .. })
    ));
    assert!(matches!(s.inv(), Err(LinalgError::Singular { .. })));
    assert_eq!(s.det().as_slice(), &[1., 0.]);
    let (sign, l) = s.slogdet();
    assert_eq!((sign[[1]], l[[1]]), (0., f64::NEG_INFINITY));
}

fn full_svd_identities<T: Float>() {
    let eps = T::epsilon().as_f64();
    for &(m, n) in &[
        (0, 3),
        (3, 0),
        (1, 4),
        (4, 1),
        (5, 3),
        (3, 5),
        (7, 7),
        (33, 17),
        (17, 65),
    ] {
        let a = random::<T>(m, n, (m * 100 + n) as u64);
        let f = a.svd_full().unwrap();
        assert_eq!(
            (f.u.dims(), f.vt.dims(), f.s.dims()),
            ([m, m], [n, n], [m.min(n)])
        );
        let unit = 64.0 * (m.max(n).max(1)) as f64 * eps;
        assert!(
            orth_cols(&f64s(f.u.iter().copied()), m, m) <= unit,
            "U of {m}x{n}"
        );
        assert!(
            orth_cols(&f64s(f.vt.t().iter().copied()), n, n) <= unit,
            "Vt of {m}x{n}"
        );
        let back = f.reconstruct();
        let scale = a.norm_linf().as_f64().max(1.0);
        assert!(max_diff(&f64s(back.iter().copied()), &f64s(a.iter().copied())) <= unit * scale);
        // U Sigma Vt with the whole factors.
        let mut sig = vec![T::ZERO; m * n];
        for (i, &s) in f.s.iter().enumerate() {
            sig[i * n + i] = s;
        }
        let sig = Tensor::from_vec((Dyn(m), Dyn(n)), sig).unwrap();
        let usv = f.u.matmul(&sig).matmul(&f.vt);
        assert!(max_diff(&f64s(usv.iter().copied()), &f64s(a.iter().copied())) <= unit * scale);
        // The leading factors are the thin SVD's.
        let thin = a.svd().unwrap();
        close(f.s.as_slice(), thin.s.as_slice(), 0.0);
    }
}

#[test]
fn full_svd_factors_are_orthogonal_and_reproduce_the_matrix() {
    full_svd_identities::<f64>();
    full_svd_identities::<f32>();
}

fn complete_qr_identities<T: Float>() {
    let eps = T::epsilon().as_f64();
    for &(m, n) in &[
        (0, 2),
        (2, 0),
        (1, 1),
        (5, 3),
        (3, 5),
        (20, 7),
        (65, 33),
        (33, 65),
    ] {
        let a = random::<T>(m, n, (m * 31 + n) as u64);
        let f = a.qr_complete().unwrap();
        assert_eq!((f.q.dims(), f.r.dims()), ([m, m], [m, n]));
        let unit = 64.0 * (m.max(n).max(1)) as f64 * eps;
        assert!(
            orth_cols(&f64s(f.q.iter().copied()), m, m) <= unit,
            "Q of {m}x{n}"
        );
        for i in 0..m {
            for j in 0..n.min(i) {
                assert_eq!(f.r[[i, j]], T::ZERO, "R[{i}, {j}] of {m}x{n}");
            }
        }
        let back = f.q.matmul(&f.r);
        let scale = a.norm_linf().as_f64().max(1.0);
        assert!(max_diff(&f64s(back.iter().copied()), &f64s(a.iter().copied())) <= unit * scale);
    }
}

#[test]
fn complete_qr_has_an_orthogonal_q_and_a_trapezoidal_r() {
    complete_qr_identities::<f64>();
    complete_qr_identities::<f32>();
}

#[test]
#[allow(clippy::type_complexity)]
fn kron_obeys_the_mixed_product_identity() {
    // (A x B)(C x D) = (A C) x (B D)
    let a = random::<f64>(2, 3, 1);
    let b = random::<f64>(4, 2, 2);
    let c = random::<f64>(3, 5, 3);
    let d = random::<f64>(2, 3, 4);
    let lhs = a.kron(&b).matmul(c.kron(&d).into_shape::<(Dyn, Dyn)>());
    let rhs = a.matmul(&c).kron(&b.matmul(&d));
    assert_eq!(lhs.dims(), [8, 15]);
    close(lhs.as_slice(), rhs.as_slice(), 1e-13);
    // Static shapes: the output dims are products.
    let i2 = Matrix::<f64, 2, 2>::eye();
    let k: Tensor<
        f64,
        (
            shaped::ProdOf<(Const<2>, Const<2>)>,
            shaped::ProdOf<(Const<2>, Const<2>)>,
        ),
    > = i2.kron(&i2);
    assert_eq!(
        k.try_into_shape::<(Const<4>, Const<4>)>().unwrap(),
        Matrix::<f64, 4, 4>::eye()
    );
}

fn power_identity<T: Float>() {
    for n in [1usize, 2, 5, 17] {
        let a = random::<T>(n, n, 7 + n as u64)
            + DMat::<T>::eye_with((Dyn(n), Dyn(n))) * T::of(n as f64);
        for p in [0, 1, 2, 3, 7] {
            let prod = a
                .matrix_power(-p)
                .unwrap()
                .matmul(a.matrix_power(p).unwrap());
            let eye = DMat::<T>::eye_with((Dyn(n), Dyn(n)));
            // A^-p A^p loses about cond(A^p) ~ cond(A)^p ulps; A = R + n I keeps cond(A) small.
            let tol = 1e3 * T::epsilon().as_f64() * (n * (p as usize + 1)) as f64;
            close(prod.as_slice(), eye.as_slice(), tol);
        }
    }
    let z = DMat::<T>::zeros_with((Dyn(3), Dyn(3)));
    assert_eq!(
        z.matrix_power(0).unwrap(),
        DMat::<T>::eye_with((Dyn(3), Dyn(3)))
    );
    assert!(matches!(
        z.matrix_power(-1),
        Err(LinalgError::Singular { .. })
    ));
    let wide = DMat::<T>::zeros_with((Dyn(2), Dyn(3)));
    assert!(matches!(wide.matrix_power(2), Err(LinalgError::Shape(_))));
}

#[test]
fn matrix_power_of_minus_n_times_n_is_the_identity() {
    power_identity::<f64>();
    power_identity::<f32>();
}

#[test]
fn multi_dot_equals_the_left_to_right_product() {
    let a = random::<f64>(10, 30, 1);
    let b = random::<f64>(30, 5, 2);
    let c = random::<f64>(5, 60, 3);
    let d = random::<f64>(60, 2, 4);
    let want = a.matmul(&b).matmul(&c).matmul(&d);
    close(
        multi_dot((&a, &b, &c, &d)).as_slice(),
        want.as_slice(),
        1e-12,
    );
    close(
        multi_dot((&a, &b)).as_slice(),
        a.matmul(&b).as_slice(),
        1e-12,
    );
    let x =
        Tensor::<f64, (Dyn,)>::from_vec((Dyn(10),), random::<f64>(10, 1, 5).into_vec()).unwrap();
    let y = Tensor::<f64, (Dyn,)>::from_vec((Dyn(2),), random::<f64>(2, 1, 6).into_vec()).unwrap();
    let s = multi_dot((&x, &a, &b, &c, &d, &y));
    let want_s = x.dot(&want.matvec(&y));
    close(s.as_slice(), &[want_s], 1e-12);
    let bad = random::<f64>(4, 2, 7);
    let e = try_multi_dot((&a, &bad, &c)).unwrap_err();
    assert!(
        e.to_string().contains("operand 0 (10, 30) has 30 columns"),
        "{e}"
    );
}

#[test]
fn products_by_hand() {
    let x: Vector<f64, 3> = tensor![1., 2., 3.];
    let y: Vector<f64, 3> = tensor![4., 5., 6.];
    assert_eq!(x.cross(&y).as_slice(), &[-3., 6., -3.]);
    // Rows of 3-vectors, a one-row operand stretching; Dyn row counts that do not broadcast.
    let rows: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [0., 0., 1.]];
    let yy = Tensor::<f64, (One, Const<3>)>::from_vec((One, Const), vec![4., 5., 6.]).unwrap();
    assert_eq!(rows.cross(&yy).as_slice(), &[-3., 6., -3., -5., 4., 0.]);
    let (r2, r3) = (random::<f64>(2, 3, 1), random::<f64>(3, 3, 2));
    assert!(r2.try_cross(&r3).is_err());
    assert_eq!(x.inner(&y).as_slice(), &[32.]);
    assert_eq!(x.vdot(&y), 32.0);
    let a: Tensor3<f64, 2, 3, 4> =
        Tensor::from_fn(|[i, j, k]: [usize; 3]| (i * 12 + j * 4 + k) as f64);
    let b: Tensor3<f64, 3, 4, 2> = Tensor::from_fn(|[i, j, k]: [usize; 3]| (i + j + k) as f64);
    let c: Matrix<f64, 2, 2> = a.tensordot::<2, _>(&b);
    let d = a
        .tensordot_axes::<(Dyn, Dyn), _>(&b, &[1, 2], &[0, 1])
        .unwrap();
    assert_eq!(c.as_slice(), d.as_slice());
    let e: Tensor<f64, (Const<2>, Const<3>, Const<3>, Const<2>)> =
        a.tensordot::<1, _>(&Tensor3::<f64, 4, 3, 2>::ones());
    assert_eq!(e[[1, 2, 0, 1]], (12 + 8..12 + 8 + 4).sum::<usize>() as f64);
    assert!(
        Tensor::<f64, (Dyn,)>::ones_with((Dyn(4),))
            .try_cross(&x.into_shape::<(Dyn,)>())
            .is_err()
    );
}

#[test]
fn norms_with_numpy_orders() {
    let x: Vector<f64, 4> = tensor![3., -4., 0., 1e300];
    assert_eq!(x.vector_norm(0.0), 3.0);
    assert_eq!(x.vector_norm(f64::INFINITY), 1e300);
    assert_eq!(x.vector_norm(f64::NEG_INFINITY), 0.0);
    assert_eq!(x.vector_norm(-1.0), 0.0);
    assert!((x.vector_norm(2.0) / 1e300 - 1.0).abs() < 1e-15);
    assert!((x.vector_norm(3.0) / 1e300 - 1.0).abs() < 1e-15); // no overflow
    let small: Vector<f64, 2> = tensor![3., 4.];
    assert!((small.vector_norm(0.5) - (3f64.sqrt() + 2.0).powi(2)).abs() < 1e-12);
    let a: Matrix<f64, 2, 3> = tensor![[1., -2., 3.], [-4., 5., -6.]];
    assert_eq!(a.matrix_norm(NormOrd::P(1.0)), 9.0);
    assert_eq!(a.matrix_norm(NormOrd::P(-1.0)), 5.0);
    assert_eq!(a.matrix_norm(NormOrd::P(f64::INFINITY)), 15.0);
    assert_eq!(a.matrix_norm(NormOrd::P(f64::NEG_INFINITY)), 6.0);
    let s = a.singular_values().unwrap();
    assert!((a.matrix_norm(NormOrd::P(-2.0)) - s[[1]]).abs() < 1e-13);
    assert!(a.try_matrix_norm(NormOrd::P(3.0)).is_err());
    let q: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    let inv = q.inv().unwrap();
    for p in [
        NormOrd::Fro,
        NormOrd::Nuc,
        NormOrd::P(1.0),
        NormOrd::P(f64::INFINITY),
    ] {
        let want = q.matrix_norm(p) * inv.matrix_norm(p);
        assert!((q.cond_with(p) - want).abs() < 1e-12 * want);
    }
    assert!((q.cond_with(NormOrd::P(2.0)) - q.cond()).abs() < 1e-12);
    assert!((q.cond_with(NormOrd::P(-2.0)) * q.cond() - 1.0).abs() < 1e-12);
    let zero = Matrix::<f64, 2, 2>::zeros();
    assert_eq!(zero.cond_with(NormOrd::P(1.0)), f64::INFINITY);
}

#[test]
fn empty_and_nonfinite_edges() {
    let e = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(0),));
    assert_eq!(e.vector_norm(2.0), 0.0);
    assert_eq!(e.vector_norm(f64::INFINITY), 0.0);
    assert!(e.try_vector_norm(f64::NEG_INFINITY).is_err());
    let nan =
        Tensor::<f64, (Dyn, Dyn, Dyn)>::from_vec((Dyn(2), Dyn(1), Dyn(1)), vec![1., f64::NAN])
            .unwrap();
    assert!(nan.det()[[1]].is_nan());
    assert!(matches!(nan.inv(), Err(LinalgError::NonFinite { .. })));
    assert!(nan.svd_result_is_err());
}

trait SvdErr {
    fn svd_result_is_err(&self) -> bool;
}
impl SvdErr for Tensor<f64, (Dyn, Dyn, Dyn)> {
    fn svd_result_is_err(&self) -> bool {
        self.svd().is_err()
    }
}

#[test]
fn rng_is_deterministic() {
    let (mut a, mut b) = (Rng::new(5), Rng::new(5));
    assert_eq!(a.next(), b.next());
}
