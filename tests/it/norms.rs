//! Dot products, norms (overflow/underflow safety included), row normalisation and cosine
//! similarity; properties: `norm_l2` is scale-equivariant, `normalize_rows` gives unit rows.

use proptest::prelude::*;
use shaped::prelude::*;

#[test]
fn dot_products() {
    let x: Vector<f64, 3> = tensor![1., 2., 3.];
    let y: Vector<f64, 3> = tensor![4., -5., 6.];
    assert_eq!(x.dot(&y), 12.0);
    assert_eq!(x.dot(&y.view()), 12.0);
    let m: Matrix<f64, 3, 3> = tensor![[1., 0., 0.], [2., 0., 0.], [3., 0., 0.]];
    assert_eq!(m.col(0).dot(&y), 12.0); // a strided column
    let long = Tensor::<f64, (Dyn,)>::from_fn_with((Dyn(21),), |[i]| i as f64);
    assert_eq!(
        long.dot(&long),
        (0..21).map(|i| (i * i) as f64).sum::<f64>()
    );
    assert_eq!(tensor![1, 2, 3].dot(&tensor![1, 1, 1]), 6);
    let nan: Vector<f64, 2> = tensor![f64::NAN, 1.0];
    assert!(nan.dot(&x.narrow::<0, 2>(0)).is_nan());
}

#[test]
#[should_panic(expected = "dot: shapes (3,) and (2,) differ")]
fn dot_of_dyn_lengths_that_differ_panics() {
    let a = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    let b = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(2),));
    let _ = a.dot(&b);
}

#[test]
fn vector_norms() {
    let x: Vector<f64, 4> = tensor![1., -2., 2., -4.];
    assert_eq!(x.norm_l1(), 9.0);
    assert_eq!(x.norm_l2(), 5.0);
    assert_eq!(x.norm_linf(), 4.0);
    let m: Matrix<f64, 2, 2> = tensor![[1., 2.], [2., 4.]];
    assert_eq!(m.norm_fro(), 5.0);
    assert_eq!(m.t().norm_fro(), 5.0);
    let e = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(0),));
    assert_eq!((e.norm_l1(), e.norm_l2(), e.norm_linf()), (0.0, 0.0, 0.0));
}

#[test]
fn norm_l2_neither_overflows_nor_underflows() {
    for scale in [1e150, 1e200, 1e300, 1e-150, 1e-200, 1e-300, 1e-310, 5e-324] {
        let x = tensor![3.0 * scale, 4.0 * scale];
        let want = 5.0 * scale;
        // 3 * 5e-324 etc. round: compare with the norm of the stored values, done in f64 by
        // scaling both up by 2^600 (exact).
        let up = 2f64.powi(600);
        let (a, b) = (x[[0]] * up, x[[1]] * up);
        let exact = (a * a + b * b).sqrt() / up;
        let got = x.norm_l2();
        assert!(
            (got - exact).abs() <= 4.0 * f64::EPSILON * exact,
            "scale {scale:e}: got {got:e}, want {exact:e} (~{want:e})"
        );
        let m =
            Tensor::<f64, (Dyn, Dyn)>::from_vec((Dyn(1), Dyn(2)), vec![x[[0]], x[[1]]]).unwrap();
        assert_eq!(m.norm_l2_axis::<1>()[[0]], got);
        assert_eq!(m.t().norm_fro(), got);
    }
    let big = tensor![f64::MAX, f64::MAX];
    assert_eq!(big.norm_l2(), f64::MAX * 2f64.sqrt());
    assert_eq!(tensor![1e30f32, 1e30].norm_l2(), 1e30 * 2f32.sqrt());
    assert_eq!(tensor![1.0, f64::INFINITY].norm_l2(), f64::INFINITY);
    assert!(tensor![f64::INFINITY, f64::NAN].norm_l2().is_nan());
    assert!(tensor![1.0, f64::NAN].norm_linf().is_nan());
}

#[test]
fn per_axis_norms() {
    let x: Matrix<f64, 2, 3> = tensor![[3., 0., -4.], [0., 5., 12.]];
    assert_eq!(x.norm_l2_axis::<1>().as_slice(), &[5., 13.]);
    assert_eq!(x.norm_l1_axis::<1>().as_slice(), &[7., 17.]);
    assert_eq!(x.norm_linf_axis::<1>().as_slice(), &[4., 12.]);
    assert_eq!(x.norm_l2_axis::<0>().as_slice(), &[3., 5., 4f64.hypot(12.)]);
    assert_eq!(x.norm_l1_keepdim::<0>().dims(), [1, 3]);
    assert_eq!(x.norm_linf_keepdim::<0>().as_slice(), &[3., 5., 12.]);
    let k = x.norm_l2_keepdim::<1>();
    assert_eq!(k.dims(), [2, 1]);
    let unit = &x / &k;
    assert_eq!(unit.as_slice(), &[0.6, 0., -0.8, 0., 5. / 13., 12. / 13.]);
    assert_eq!(x.t().norm_l2_axis::<0>().as_slice(), &[5., 13.]);
}

#[test]
fn normalize_rows_like_numpy() {
    let x: Matrix<f64, 3, 2> = tensor![[3., 4.], [0., 0.], [1e200, 1e200]];
    let u = x.normalize_rows(1e-8);
    assert!((u[[0, 0]] - 3.0 / (5.0 + 1e-8)).abs() < 1e-16);
    assert_eq!(u.row(1).to_tensor().as_slice(), &[0., 0.]);
    assert!((u[[2, 0]] - 0.5f64.sqrt()).abs() < 1e-15);
    // on a transposed view: the rows of the transpose are the columns
    let v = x.t().normalize_rows(0.0);
    assert_eq!(v.dims(), [2, 3]);
    assert!((v.row(0).to_tensor().norm_l2() - 1.0).abs() < 1e-15);
}

#[test]
fn cosine_similarity_of_all_pairs() {
    let x: Matrix<f64, 2, 3> = tensor![[1., 0., 0.], [1., 1., 0.]];
    let y: Matrix<f64, 3, 3> = tensor![[0., 2., 0.], [5., 0., 0.], [-1., -1., 0.]];
    let s: Matrix<f64, 2, 3> = x.cosine_similarity(&y, 0.0);
    let want = [0., 1., -0.5f64.sqrt(), 0.5f64.sqrt(), 0.5f64.sqrt(), -1.];
    for (a, b) in s.iter().zip(want) {
        assert!((a - b).abs() < 1e-15, "{a} vs {b}");
    }
    // against itself: the diagonal is 1
    let g = x.cosine_similarity(&x, 0.0);
    assert!((g[[0, 0]] - 1.0).abs() < 1e-15 && (g[[1, 1]] - 1.0).abs() < 1e-15);
    // huge rows do not overflow
    let h = &x * 1e300;
    assert!((h.cosine_similarity(&h, 0.0)[[0, 1]] - 0.5f64.sqrt()).abs() < 1e-15);
    // Dyn row lengths that differ
    let d = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(4)));
    assert!(x.try_cosine_similarity(&d, 1e-8).is_err());
    // (N, D) with (M, D) where M is dynamic
    let e = y.clone().into_dyn();
    let s2 = x.cosine_similarity(&e, 0.0);
    assert_eq!(s2.dims(), [2, 3]);
}

fn vector() -> impl Strategy<Value = Tensor<f64, (Dyn,)>> {
    proptest::collection::vec(-1e3f64..1e3, 1..40)
        .prop_map(|v| Tensor::from_vec((Dyn(v.len()),), v).unwrap())
}

fn rows() -> impl Strategy<Value = Tensor<f64, (Dyn, Dyn)>> {
    (1usize..8, 1usize..8).prop_flat_map(|(r, c)| {
        proptest::collection::vec(-1e3f64..1e3, r * c)
            .prop_map(move |v| Tensor::from_vec((Dyn(r), Dyn(c)), v).unwrap())
    })
}

proptest! {
    #[test]
    fn norm_l2_is_scale_equivariant(x in vector(), e in -300i32..300, c in 0.5f64..2.0) {
        let k = c * 10f64.powi(e);
        let n = x.norm_l2();
        let scaled = (&x * k).norm_l2();
        let want = k * n;
        // the scaled entries may have lost bits to subnormal rounding: allow for that
        let floor = f64::MIN_POSITIVE * f64::EPSILON * 4.0 * x.dims()[0] as f64;
        prop_assert!((scaled - want).abs() <= 1e-14 * want + floor,
            "k = {:e}: {:e} vs {:e}", k, scaled, want);
    }

    #[test]
    fn normalize_rows_gives_unit_rows(x in rows()) {
        let u = x.normalize_rows(0.0);
        let norms = u.norm_l2_axis::<1>();
        let [r, _] = x.dims();
        for i in 0..r {
            let n0 = x.row(i).to_tensor().norm_l2();
            if n0 > 0.0 {
                prop_assert!((norms[[i]] - 1.0).abs() <= 1e-14);
            }
        }
    }

    #[test]
    fn cosine_similarity_is_symmetric_and_bounded(x in rows()) {
        let s = x.cosine_similarity(&x, 1e-12);
        let [n, _] = s.dims();
        for i in 0..n {
            for j in 0..n {
                prop_assert!((s[[i, j]] - s[[j, i]]).abs() <= 1e-14);
                prop_assert!(s[[i, j]].abs() <= 1.0 + 1e-14);
            }
        }
    }
}
