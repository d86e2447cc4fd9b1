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

// ---------------------------------------------------------------------------------------------
// solve over two batch dims, kron of mixed ranks, cross over broadcast leading dims, vector
// norms over two axes.

type T4<T> = Tensor<T, (Dyn, Dyn, Dyn, Dyn)>;

/// A Dyn tensor of sizes `d` (rank 1 to 4) with random entries.
fn random_dyn<T: Float>(d: &[usize], seed: u64) -> Vec<T> {
    let n: usize = d.iter().product();
    random::<T>(n, 1, seed).into_vec()
}

fn t4<T: Float>(d: [usize; 4], seed: u64) -> T4<T> {
    Tensor::from_vec(
        (Dyn(d[0]), Dyn(d[1]), Dyn(d[2]), Dyn(d[3])),
        random_dyn(&d, seed),
    )
    .unwrap()
}

/// The index of output batch index `i` in a batch dim of size `size` (a size of 1 stretches).
fn pick(size: usize, i: usize) -> usize {
    if size == 1 { 0 } else { i }
}

fn two_batch_solve_equals_loop<T: Float>() {
    let tol = 64.0 * T::epsilon().as_f64();
    // (a's batch dims, b's batch dims (as rank 4), n, r): equal batches, a stretching on
    // either side in either dim, and empty batches.
    let cases: &[([usize; 2], [usize; 2], usize, usize)] = &[
        ([2, 3], [2, 3], 4, 2),
        ([3, 1], [1, 3], 4, 2),
        ([1, 2], [3, 1], 3, 1),
        ([2, 2], [1, 1], 5, 3),
        ([1, 1], [2, 3], 2, 1),
        ([0, 2], [1, 2], 3, 1),
        ([2, 1], [2, 0], 1, 1),
    ];
    for (c, &(ab, bb, n, r)) in cases.iter().enumerate() {
        let seed = 100 * c as u64;
        let a = t4::<T>([ab[0], ab[1], n, n], seed);
        let b = t4::<T>([bb[0], bb[1], n, r], seed + 1);
        let x = a.solve(&b).unwrap();
        let o1 = if ab[0] == 1 { bb[0] } else { ab[0] };
        let o2 = if ab[1] == 1 { bb[1] } else { ab[1] };
        assert_eq!(x.dims(), [o1, o2, n, r], "case {c}");
        // b of rank 3 (C2, N, R): the same for every B1.
        let b3 = Tensor::<T, (Dyn, Dyn, Dyn)>::from_vec(
            (Dyn(bb[1]), Dyn(n), Dyn(r)),
            random_dyn(&[bb[1], n, r], seed + 2),
        )
        .unwrap();
        let x3 = a.solve(&b3).unwrap();
        assert_eq!(x3.dims(), [ab[0], o2, n, r], "case {c}");
        // b of rank 1 and 2: one right-hand side for every member.
        let v = Tensor::<T, (Dyn,)>::from_vec((Dyn(n),), random_dyn(&[n], seed + 3)).unwrap();
        let m = random::<T>(n, r, seed + 4);
        let (xv, xm) = (a.solve(&v).unwrap(), a.solve(&m).unwrap());
        assert_eq!(xv.dims(), [ab[0], ab[1], n]);
        assert_eq!(xm.dims(), [ab[0], ab[1], n, r]);
        for i1 in 0..o1 {
            for i2 in 0..o2 {
                let ai = a
                    .view()
                    .select::<0>(pick(ab[0], i1))
                    .select::<0>(pick(ab[1], i2))
                    .to_tensor();
                let bi = b
                    .view()
                    .select::<0>(pick(bb[0], i1))
                    .select::<0>(pick(bb[1], i2))
                    .to_tensor();
                let got: Vec<T> = x
                    .view()
                    .select::<0>(i1)
                    .select::<0>(i2)
                    .iter()
                    .copied()
                    .collect();
                close(&got, ai.solve(&bi).unwrap().as_slice(), tol);
                let b3i = b3.view().select::<0>(pick(bb[1], i2)).to_tensor();
                if i1 < ab[0] {
                    let got3: Vec<T> = x3
                        .view()
                        .select::<0>(i1)
                        .select::<0>(i2)
                        .iter()
                        .copied()
                        .collect();
                    close(&got3, ai.solve(&b3i).unwrap().as_slice(), tol);
                }
                if i1 < ab[0] && i2 < ab[1] {
                    let gv: Vec<T> = xv
                        .view()
                        .select::<0>(i1)
                        .select::<0>(i2)
                        .iter()
                        .copied()
                        .collect();
                    close(&gv, ai.solve(&v).unwrap().as_slice(), tol);
                    let gm: Vec<T> = xm
                        .view()
                        .select::<0>(i1)
                        .select::<0>(i2)
                        .iter()
                        .copied()
                        .collect();
                    close(&gm, ai.solve(&m).unwrap().as_slice(), tol);
                }
            }
        }
    }
}

#[test]
fn solve_over_two_batch_dims_equals_the_loop_of_2d_solves() {
    two_batch_solve_equals_loop::<f64>();
    two_batch_solve_equals_loop::<f32>();
}

#[test]
fn solve_over_two_batch_dims_types_and_errors() {
    // Static: a (3, One, 2, 2) with b (One, 4, 2, 1) is (3, 4, 2, 1) in the type.
    let a = Tensor::<f64, (Const<3>, One, Const<2>, Const<2>)>::from_vec(
        Default::default(),
        vec![2., 0., 0., 4., 1., 0., 0., 1., 1., 1., 0., 1.],
    )
    .unwrap();
    let b = Tensor::<f64, (One, Const<4>, Const<2>, Const<1>)>::from_vec(
        Default::default(),
        vec![2., 4., 0., 4., 1., 1., -2., 8.],
    )
    .unwrap();
    let x: Tensor<f64, (Const<3>, Const<4>, Const<2>, Const<1>)> = a.solve(&b).unwrap();
    // Member (0, j) is diag(2, 4): x = (b0 / 2, b1 / 4); member (2, j) is [[1, 1], [0, 1]]:
    // x = (b0 - b1, b1).
    let row0: Vec<f64> = x.view().select::<0>(0).iter().copied().collect();
    assert_eq!(row0, [1., 1., 0., 1., 0.5, 0.25, -1., 2.]);
    let row2: Vec<f64> = x.view().select::<0>(2).iter().copied().collect();
    assert_eq!(row2, [-2., 4., -4., 4., 0., 1., -10., 8.]);
    // Dyn: batch dims that do not broadcast, rows that differ, members not square.
    let shape = |e: Result<T4<f64>, LinalgError>| match e {
        Err(LinalgError::Shape(s)) => s.to_string(),
        other => panic!("expected a shape error, got {other:?}"),
    };
    let msg = shape(t4::<f64>([3, 2, 4, 4], 1).solve(&t4::<f64>([2, 2, 4, 1], 2)));
    assert!(
        msg.contains("(3, 2, 4, 4)") && msg.contains("(2, 2, 4, 1)"),
        "{msg}"
    );
    let msg = shape(t4::<f64>([3, 2, 4, 4], 1).solve(&t4::<f64>([3, 3, 4, 1], 2)));
    assert!(msg.contains("broadcast"), "{msg}");
    let msg = shape(t4::<f64>([1, 1, 4, 4], 1).solve(&t4::<f64>([1, 1, 3, 1], 2)));
    assert!(msg.contains("rows"), "{msg}");
    let msg = shape(t4::<f64>([1, 1, 4, 3], 1).solve(&t4::<f64>([1, 1, 4, 1], 2)));
    assert!(msg.contains("not square"), "{msg}");
    // One singular member fails the whole call; NaN is reported as such.
    let mut s = vec![1., 0., 0., 1., 1., 2., 2., 4.];
    let sing = T4::<f64>::from_vec((Dyn(1), Dyn(2), Dyn(2), Dyn(2)), s.clone()).unwrap();
    assert!(matches!(
        sing.solve(&tensor![1., 1.]),
        Err(LinalgError::Singular { .. })
    ));
    s[0] = f64::NAN;
    let nan = T4::<f64>::from_vec((Dyn(1), Dyn(2), Dyn(2), Dyn(2)), s).unwrap();
    assert!(matches!(
        nan.solve(&tensor![1., 1.]),
        Err(LinalgError::NonFinite { .. })
    ));
}

/// numpy's `kron` by its definition, on row-major data: the shorter operand padded with
/// leading 1s, `out[o] = a[o / db] b[o % db]` axis by axis.
fn kron_by_loop(a: &[f64], da: &[usize], b: &[f64], db: &[usize]) -> (Vec<usize>, Vec<f64>) {
    let r = da.len().max(db.len());
    let pad = |d: &[usize]| [vec![1; r - d.len()], d.to_vec()].concat();
    let (da, db) = (pad(da), pad(db));
    let dout: Vec<usize> = (0..r).map(|k| da[k] * db[k]).collect();
    let flat = |idx: &[usize], d: &[usize]| idx.iter().zip(d).fold(0, |f, (i, n)| f * n + i);
    let total: usize = dout.iter().product();
    let mut out = Vec::with_capacity(total);
    for lin in 0..total {
        let mut o = vec![0; r];
        let mut rest = lin;
        for k in (0..r).rev() {
            o[k] = rest % dout[k];
            rest /= dout[k];
        }
        let i: Vec<usize> = (0..r).map(|k| o[k] / db[k]).collect();
        let j: Vec<usize> = (0..r).map(|k| o[k] % db[k]).collect();
        out.push(a[flat(&i, &da)] * b[flat(&j, &db)]);
    }
    (dout, out)
}

#[test]
#[allow(clippy::type_complexity)]
fn kron_of_mixed_ranks_equals_the_definition() {
    fn check<SA: shaped::linalg::KronShape<SB>, SB: shaped::Shape>(da: &[usize], db: &[usize]) {
        let (va, vb) = (random_dyn::<f64>(da, 5), random_dyn::<f64>(db, 6));
        let a = Tensor::<f64, SA>::from_vec(SA::try_from_dims(da).unwrap(), va.clone()).unwrap();
        let b = Tensor::<f64, SB>::from_vec(SB::try_from_dims(db).unwrap(), vb.clone()).unwrap();
        let k = a.kron(&b);
        let (dims, want) = kron_by_loop(&va, da, &vb, db);
        assert_eq!(k.dims().as_ref(), dims.as_slice(), "{da:?} x {db:?}");
        assert_eq!(
            k.iter().copied().collect::<Vec<_>>(),
            want,
            "{da:?} x {db:?}"
        );
    }
    type D1 = (Dyn,);
    type D2 = (Dyn, Dyn);
    type D3 = (Dyn, Dyn, Dyn);
    type D4 = (Dyn, Dyn, Dyn, Dyn);
    check::<D3, D2>(&[2, 1, 3], &[2, 2]);
    check::<D2, D3>(&[3, 2], &[2, 1, 3]);
    check::<D1, D3>(&[3], &[2, 2, 2]);
    check::<D4, D1>(&[2, 1, 2, 3], &[2]);
    check::<D2, D4>(&[2, 3], &[1, 2, 2, 1]);
    check::<D3, D3>(&[2, 0, 3], &[1, 2, 2]);
    check::<D2, D2>(&[2, 3], &[3, 2]);
    check::<D1, D1>(&[4], &[3]);
    // Static: the padded axis keeps the longer operand's dim, the others are products.
    let a = Tensor3::<f64, 2, 1, 3>::ones();
    let b = Matrix::<f64, 2, 2>::eye();
    let k: Tensor<
        f64,
        (
            Const<2>,
            shaped::ProdOf<(Const<1>, Const<2>)>,
            shaped::ProdOf<(Const<3>, Const<2>)>,
        ),
    > = a.kron(&b);
    assert_eq!(k.dims(), [2, 2, 6]);
    // A block of the identity's kron with ones: ones(3) x I(2) on the last two axes.
    assert_eq!(
        k.view().select::<0>(1).iter().copied().collect::<Vec<_>>(),
        [1., 0., 1., 0., 1., 0., 0., 1., 0., 1., 0., 1.]
    );
}

#[test]
fn cross_broadcast_equals_the_rowwise_cross() {
    type D2 = (Dyn, Dyn);
    type D3 = (Dyn, Dyn, Dyn);
    // (2, 1, 3) x (4, 3) -> (2, 4, 3): out[i, j] = a[i, 0] x b[j].
    let a = Tensor::<f64, D3>::from_vec((Dyn(2), Dyn(1), Dyn(3)), random_dyn(&[6], 7)).unwrap();
    let b = Tensor::<f64, D2>::from_vec((Dyn(4), Dyn(3)), random_dyn(&[12], 8)).unwrap();
    let c = a.try_cross_broadcast(&b).unwrap();
    assert_eq!(c.dims(), [2, 4, 3]);
    for i in 0..2 {
        for j in 0..4 {
            let ai = a.view().select::<0>(i).select::<0>(0).to_tensor();
            let bj = b.view().select::<0>(j).to_tensor();
            let got: Vec<f64> = c
                .view()
                .select::<0>(i)
                .select::<0>(j)
                .iter()
                .copied()
                .collect();
            assert_eq!(got, ai.try_cross(&bj).unwrap().as_slice());
        }
    }
    // A transposed (strided) operand and a plain vector: (3,) x (3, 5)^T.
    let m = Tensor::<f64, D2>::from_vec((Dyn(3), Dyn(5)), random_dyn(&[15], 9)).unwrap();
    let mt = m.t();
    let v = tensor![1., -2., 0.5];
    let c2 = v.try_cross_broadcast(&mt).unwrap();
    assert_eq!(c2.dims(), [5, 3]);
    for j in 0..5 {
        let row = mt.select::<0>(j).to_tensor();
        let got: Vec<f64> = c2.view().select::<0>(j).iter().copied().collect();
        assert_eq!(got, v.try_cross(&row).unwrap().as_slice());
    }
    // Anticommutative: b x a = -(a x b), over the broadcast.
    let back = b.try_cross_broadcast(&a).unwrap();
    assert!(back.iter().zip(c.iter()).all(|(x, y)| *x == -*y));
    // Static: a `One` leading axis stretches in the type.
    let s = Tensor::<f64, (One, Const<3>)>::from_vec((One, Const), vec![0., 0., 1.]).unwrap();
    let t = Tensor3::<f64, 2, 2, 3>::ones();
    let st: Tensor<f64, (Const<2>, Const<2>, Const<3>)> = s.cross_broadcast(&t);
    assert_eq!(&st.as_slice()[..3], &[-1., 1., 0.]);
    // Dyn errors: a last dim other than 3, leading dims that do not broadcast.
    let four = Tensor::<f64, D2>::ones_with((Dyn(2), Dyn(4)));
    let e = a.try_cross_broadcast(&four).unwrap_err().to_string();
    assert!(e.contains("length 3") && e.contains("(2, 4)"), "{e}");
    let three = Tensor::<f64, D2>::ones_with((Dyn(3), Dyn(3)));
    let e = Tensor::<f64, D2>::ones_with((Dyn(2), Dyn(3)))
        .try_cross_broadcast(&three)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("broadcast") && e.contains("(2, 3)") && e.contains("(3, 3)"),
        "{e}"
    );
}

fn norm_axes_equal_reshaped<T: Float>() {
    let tol = 16.0 * T::epsilon().as_f64();
    let d = [2, 3, 4, 5];
    let x = T4::<T>::from_vec((Dyn(2), Dyn(3), Dyn(4), Dyn(5)), random_dyn(&d, 11)).unwrap();
    for ord in [2.0, 1.0, 0.0, 3.0, -1.5, f64::INFINITY, f64::NEG_INFINITY] {
        let ord = T::of(ord);
        // Axes 1 and 3: permuted to (2, 4, 3, 5), then (2, 4, 15).
        let got = x.vector_norm_axes::<1, 3>(ord);
        assert_eq!(got.dims(), [2, 4]);
        let p = x.permute::<shaped::Axes4<0, 2, 1, 3>>().to_tensor();
        let want = p
            .reshape_with((Dyn(2), Dyn(4), Dyn(15)))
            .vector_norm_axis::<2>(ord);
        close(got.as_slice(), want.as_slice(), tol);
        // Adjacent axes 1 and 2: a plain reshape to (2, 12, 5).
        let got = x.vector_norm_axes::<1, 2>(ord);
        let want = x
            .clone()
            .reshape_with((Dyn(2), Dyn(12), Dyn(5)))
            .vector_norm_axis::<1>(ord);
        close(got.as_slice(), want.as_slice(), tol);
        // Both axes of a matrix: the norm of all elements.
        let m = random::<T>(3, 4, 12);
        let all = m.vector_norm_axes::<0, 1>(ord);
        close(all.as_slice(), &[m.vector_norm(ord)], tol);
    }
    // -inf over empty axes is an error naming the shape; other orders give 0.
    let e = T4::<T>::zeros_with((Dyn(2), Dyn(0), Dyn(3), Dyn(1)));
    let msg = e
        .try_vector_norm_axes::<1, 2>(T::neg_infinity())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("(2, 0, 3, 1)"), "{msg}");
    let z = e.try_vector_norm_axes::<1, 2>(T::of(2.0)).unwrap();
    assert_eq!(z.dims(), [2, 1]);
    assert!(z.iter().all(|v| *v == T::ZERO));
}

#[test]
fn vector_norm_over_two_axes_equals_the_norm_of_the_reshaped_tensor() {
    norm_axes_equal_reshaped::<f64>();
    norm_axes_equal_reshaped::<f32>();
}

/// The stacked solve factors members up to 16 in place, with constant sizes up to 8: every
/// size from 1 to 17 (both sides of both thresholds), one and three right-hand sides, a
/// transposed (strided) stack, against the 2-D solve, det and inv.
#[test]
fn stacked_solve_of_every_small_size_equals_the_2d_solve() {
    let tol = 1e-12;
    for n in 1..=17 {
        let a = random_stack::<f64>(5, n, n, 300 + n as u64);
        let at = a.view().permute::<shaped::Axes3<0, 2, 1>>();
        for r in [1, 3] {
            let b = random_stack::<f64>(5, n, r, 400 + n as u64);
            let (x, xt) = (a.solve(&b).unwrap(), at.solve(&b).unwrap());
            for i in 0..5 {
                let m = member(&a, i);
                close(&mem(&x, i), m.solve(member(&b, i)).unwrap().as_slice(), tol);
                let mt = m.t().to_tensor();
                close(
                    &mem(&xt, i),
                    mt.solve(member(&b, i)).unwrap().as_slice(),
                    tol,
                );
            }
        }
        let (det, inv, dett) = (a.det(), a.inv().unwrap(), at.det());
        for i in 0..5 {
            let m = member(&a, i);
            close(&[det[[i]]], &[m.det()], tol);
            close(&[dett[[i]]], &[m.det()], tol);
            close(&mem(&inv, i), m.inv().unwrap().as_slice(), tol);
        }
    }
    // A zero pivot in a small member: the exact singular case is reported, det is 0.
    let s: Tensor3<f64, 1, 3, 3> = tensor![[[1., 2., 3.], [2., 4., 6.], [1., 0., 1.]]];
    assert!(matches!(
        s.solve(&tensor![1., 1., 1.]),
        Err(LinalgError::Singular { .. })
    ));
    assert_eq!(s.det().as_slice(), &[0.]);
}
