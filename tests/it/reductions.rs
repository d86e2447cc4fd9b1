//! Reductions over all elements and per axis: values, NaN propagation, empty inputs, strided
//! views, and the identity `sum_axis` then `sum` equals `sum`.

use proptest::prelude::*;
use shaped::One;
use shaped::prelude::*;

fn t234() -> Tensor3<f64, 2, 3, 4> {
    Tensor3::from_fn(|[i, j, k]| (100 * i + 10 * j + k) as f64)
}

#[test]
fn whole_tensor_reductions() {
    let a: Matrix<f64, 2, 3> = tensor![[1., 5., 3.], [4., 2., 6.]];
    assert_eq!(a.sum(), 21.0);
    assert_eq!(a.mean(), 3.5);
    assert_eq!(a.max(), 6.0);
    assert_eq!(a.min(), 1.0);
    assert_eq!(a.argmax(), 5);
    assert_eq!(a.argmin(), 0);
    assert_eq!(a.t().argmax(), 5); // row-major order of the transpose: 1 4 5 2 3 6
    assert_eq!(a.t().argmin(), 0);
    assert!((a.var() - 35.0 / 12.0).abs() < 1e-15);
    assert!((a.var_ddof(1) - 3.5).abs() < 1e-15);
    assert_eq!(tensor![[3, -1], [7, 2]].sum(), 11);
    // more than one chunk of the unrolled sum, and a remainder
    let v = Tensor::<f64, (Dyn,)>::from_fn_with((Dyn(37),), |[i]| i as f64);
    assert_eq!(v.sum(), 666.0);
}

#[test]
fn max_min_argmax_propagate_nan() {
    let a: Matrix<f64, 2, 2> = tensor![[1., f64::NAN], [3., f64::NAN]];
    assert!(a.max().is_nan());
    assert!(a.min().is_nan());
    assert_eq!(a.argmax(), 1);
    let m = a.max_axis::<0>();
    assert_eq!(m[[0]], 3.0);
    assert!(m[[1]].is_nan());
    let first: Vector<f64, 3> = tensor![f64::NAN, 1., 2.];
    assert!(first.max().is_nan());
    assert_eq!(first.argmax(), 0);
}

#[test]
fn empty_reductions() {
    let e = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(3)));
    assert_eq!(e.sum(), 0.0);
    assert!(e.mean().is_nan());
    let err = e.try_max().unwrap_err();
    assert_eq!(
        err.to_string(),
        "max: the tensor of shape (0, 3) is empty, and max has no identity"
    );
    assert!(e.try_min().is_err());
    assert!(e.try_argmax().is_err());
    // reducing the non-empty axis leaves an empty result, which is fine
    assert_eq!(e.max_axis::<1>().dims(), [0]);
    assert_eq!(e.sum_axis::<0>().as_slice(), &[0., 0., 0.]);
}

#[test]
#[should_panic(expected = "max: the tensor of shape (0,) is empty")]
fn empty_max_panics() {
    let _ = Tensor::<f32, (Dyn,)>::zeros_with((Dyn(0),)).max();
}

#[test]
#[should_panic(expected = "max_axis: axis 0 of shape (0, 2) is empty")]
fn empty_axis_max_panics() {
    let _ = Tensor::<f32, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(2))).max_axis::<0>();
}

/// The reference: sum over axis `ax` by explicit loops.
fn sum_over(x: &Tensor3<f64, 2, 3, 4>, ax: usize) -> Vec<f64> {
    let d = x.dims();
    let mut out = Vec::new();
    let rest: Vec<usize> = (0..3).filter(|&k| k != ax).collect();
    for p in 0..d[rest[0]] {
        for q in 0..d[rest[1]] {
            let mut s = 0.0;
            for r in 0..d[ax] {
                let mut idx = [0; 3];
                idx[rest[0]] = p;
                idx[rest[1]] = q;
                idx[ax] = r;
                s += x[idx];
            }
            out.push(s);
        }
    }
    out
}

#[test]
fn per_axis_sums_on_every_axis() {
    let x = t234();
    let s0: Matrix<f64, 3, 4> = x.sum_axis::<0>();
    let s1: Matrix<f64, 2, 4> = x.sum_axis::<1>();
    let s2: Matrix<f64, 2, 3> = x.sum_axis::<2>();
    assert_eq!(s0.as_slice(), sum_over(&x, 0).as_slice());
    assert_eq!(s1.as_slice(), sum_over(&x, 1).as_slice());
    assert_eq!(s2.as_slice(), sum_over(&x, 2).as_slice());
    let k1: Tensor<f64, (shaped::Const<2>, One, shaped::Const<4>)> = x.sum_keepdim::<1>();
    assert_eq!(k1.dims(), [2, 1, 4]);
    assert_eq!(k1.as_slice(), s1.as_slice());
}

#[test]
fn per_axis_reductions_on_a_permuted_view() {
    let x = t234();
    let p = x.permute::<Axes3<2, 0, 1>>(); // (4, 2, 3), strided
    let s = p.sum_axis::<0>(); // (2, 3): sums over the old axis 2
    assert_eq!(s.as_slice(), sum_over(&x, 2).as_slice());
    let m = p.max_axis::<2>(); // (4, 2): max over the old axis 1 = the j = 2 entries
    assert_eq!(m[[3, 1]], 123.0);
    let a = p.argmax_axis::<1>(); // (4, 3): over the old axis 0: always 1
    assert!(a.iter().all(|&i| i == 1));
    let mn = p.min_keepdim::<0>();
    assert_eq!(mn.dims(), [1, 2, 3]);
    assert_eq!(mn[[0, 1, 2]], 120.0);
    let mean = p.mean_axis::<0>();
    assert_eq!(mean[[1, 1]], 111.5);
    let var = p.var_axis::<0>(); // of k = 0..4: 1.25
    assert!(var.iter().all(|&v| (v - 1.25).abs() < 1e-12));
    let var1 = p.var_ddof_axis::<0>(1);
    assert!(var1.iter().all(|&v| (v - 5.0 / 3.0).abs() < 1e-12));
    assert_eq!(p.var_keepdim::<0>().dims(), [1, 2, 3]);
    assert_eq!(p.argmax_keepdim::<2>().dims(), [4, 2, 1]);
    assert_eq!(p.mean_keepdim::<2>().dims(), [4, 2, 1]);
    assert_eq!(p.max_keepdim::<1>().dims(), [4, 1, 3]);
    assert_eq!(p.min_axis::<1>()[[2, 2]], 22.0);
}

#[test]
fn mean_keepdim_centres_columns() {
    let x: Matrix<f64, 3, 2> = tensor![[1., 10.], [2., 20.], [6., 60.]];
    let xc = &x - &x.mean_keepdim::<0>();
    let col_sums = xc.sum_axis::<0>();
    assert!(col_sums.norm_linf() < 1e-12);
    assert_eq!(xc[[2, 1]], 30.0);
}

fn tensor3() -> impl Strategy<Value = Tensor<f64, (Dyn, Dyn, Dyn)>> {
    (1usize..5, 1usize..5, 1usize..5).prop_flat_map(|(a, b, c)| {
        proptest::collection::vec(-100f64..100.0, a * b * c)
            .prop_map(move |v| Tensor::from_vec((Dyn(a), Dyn(b), Dyn(c)), v).unwrap())
    })
}

proptest! {
    #[test]
    fn sum_axis_then_sum_is_sum(x in tensor3()) {
        let total = x.sum();
        let tol = 1e-12 * (1.0 + x.norm_l1());
        prop_assert!((x.sum_axis::<0>().sum() - total).abs() <= tol);
        prop_assert!((x.sum_axis::<1>().sum() - total).abs() <= tol);
        prop_assert!((x.sum_axis::<2>().sum() - total).abs() <= tol);
        prop_assert!((x.sum_keepdim::<1>().sum() - total).abs() <= tol);
        // max over an axis, then max, is the max
        prop_assert_eq!(x.max_axis::<1>().max(), x.max());
        prop_assert_eq!(x.min_axis::<2>().min(), x.min());
    }

    #[test]
    fn argmax_points_at_the_max(x in tensor3()) {
        let k = x.argmax();
        prop_assert_eq!(x.as_slice()[k], x.max());
    }
}
