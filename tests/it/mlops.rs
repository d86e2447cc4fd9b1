//! numpy for ML code (issue 19): elementwise math with its stable numerics, softmax /
//! log_softmax / logsumexp at magnitudes of 1000, std, sort / argsort / topk with ties and
//! NaN, take / take_along_axis / stack, masks and `where_`, arange / linspace, the
//! triangular and diagonal parts, `ml::Standardizer`, and the run-time errors of the `try_`
//! forms. Each test checks values (reference numbers or identities), on owned tensors and on
//! strided views.

use shaped::ml::Standardizer;
use shaped::{Const, Dyn, Matrix, One, Tensor, Vector, tensor, try_where_, where_};

fn close(a: f64, b: f64, rtol: f64) -> bool {
    (a - b).abs() <= rtol * b.abs()
}

#[test]
fn sigmoid_and_softplus_are_stable_at_800() {
    let x: Vector<f64, 6> = tensor![-800., -37., 0., 20., 37., 800.];
    let s = x.sigmoid();
    assert_eq!(s[[0]], 0.0);
    assert_eq!(s[[5]], 1.0);
    assert_eq!(s[[2]], 0.5);
    // expit(-37) = e^-37 / (1 + e^-37) = 8.533047625744066e-17 (relative accuracy in the tail)
    assert!(
        close(s[[1]], 8.533_047_625_744_066e-17, 4e-16),
        "{}",
        s[[1]]
    );
    assert!(s.iter().all(|v| v.is_finite()));
    let p = x.softplus();
    assert_eq!(p[[5]], 800.0);
    assert_eq!(p[[0]], 0.0);
    assert!(close(p[[3]], 20.000_000_002_061_153, 1e-16), "{}", p[[3]]);
    assert!(close(p[[2]], 2f64.ln(), 1e-16));
    let tail = tensor![-40.0f64].softplus();
    assert!(
        close(tail[[0]], 4.248_354_255_291_589e-18, 4e-16),
        "{}",
        tail[[0]]
    );
    // f32 too
    let xf: Vector<f32, 2> = tensor![-800., 800.];
    assert_eq!(xf.sigmoid().as_slice(), &[0.0, 1.0]);
    assert_eq!(xf.softplus().as_slice(), &[0.0, 800.0]);
}

#[test]
fn log1p_and_expm1_keep_tiny_arguments() {
    let x: Vector<f64, 3> = tensor![1e-10, -1e-300, 5e-324];
    let l = x.log1p();
    assert!(close(l[[0]], 9.999_999_999_5e-11, 4e-16));
    assert_eq!(l[[1]], -1e-300);
    assert_eq!(l[[2]], 5e-324);
    let e = x.expm1();
    assert!(close(e[[0]], 1.000_000_000_05e-10, 4e-16));
    assert_eq!(e[[1]], -1e-300);
    // the naive forms lose everything
    assert_eq!((1.0 + 1e-20f64).ln(), 0.0);
    assert_eq!(tensor![1e-20f64].log1p()[[0]], 1e-20);
    assert_eq!(tensor![f64::NEG_INFINITY].expm1()[[0]], -1.0);
    assert_eq!(tensor![-1.0f64].log1p()[[0]], f64::NEG_INFINITY);
}

#[test]
fn elementwise_functions_follow_numpy_edges() {
    let x: Vector<f64, 5> = tensor![-2., -0.0, 0.0, 3., f64::NAN];
    assert_eq!(&x.signum().as_slice()[..4], &[-1., 0., 0., 1.]);
    assert!(x.signum()[[4]].is_nan());
    assert_eq!(&x.relu().as_slice()[..4], &[0., 0., 0., 3.]);
    assert!(x.relu()[[4]].is_nan());
    assert_eq!(&x.abs().as_slice()[..4], &[2., 0., 0., 3.]);
    assert_eq!(&x.square().as_slice()[..4], &[4., 0., 0., 9.]);
    let c = x.clip(-1., 1.);
    assert_eq!(&c.as_slice()[..4], &[-1., 0., 0., 1.]);
    assert!(c[[4]].is_nan());
    // lo > hi: every number becomes hi (numpy)
    assert_eq!(&x.clip(2., 1.).as_slice()[..4], &[1., 1., 1., 1.]);
    assert_eq!(x.powi(0).as_slice(), &[1.; 5]);
    assert_eq!(
        tensor![0.0f64, -0.0].powi(-1).as_slice(),
        &[f64::INFINITY, f64::NEG_INFINITY]
    );
    assert!(tensor![-8.0f64].powf(1. / 3.)[[0]].is_nan());
    assert_eq!(tensor![4.0f64].sqrt()[[0]], 2.0);
    assert_eq!(tensor![0.0f64].ln()[[0]], f64::NEG_INFINITY);
    assert_eq!(tensor![1e-20f64].tanh()[[0]], 1e-20);
    assert_eq!(tensor![710.0f64].exp()[[0]], f64::INFINITY);
    // views: a transpose maps in its own order
    let m: Matrix<f64, 2, 2> = tensor![[1., 4.], [9., 16.]];
    assert_eq!(m.t().sqrt().as_slice(), &[1., 3., 2., 4.]);
}

#[test]
fn maximum_minimum_pow_broadcast_and_propagate_nan() {
    let a = Tensor::<f64, (Const<2>, One)>::from_vec((Const, One), vec![1., f64::NAN]).unwrap();
    let b: Vector<f64, 3> = tensor![0., 2., 3.];
    let m = a.maximum(&b); // (2, One) with (3,) -> (2, 3)
    assert_eq!(m.dims(), [2, 3]);
    assert_eq!(&m.as_slice()[..3], &[1., 2., 3.]);
    assert!(m.as_slice()[3..].iter().all(|v| v.is_nan()));
    assert_eq!(&a.minimum(&b).as_slice()[..3], &[0., 1., 1.]);
    let p =
        tensor![0., f64::NAN, 1., -1., 10.].pow(&tensor![0., 0., f64::NAN, f64::INFINITY, 400.]);
    assert_eq!(p.as_slice(), &[1., 1., 1., 1., f64::INFINITY]);
    let x = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    let y = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),));
    assert_eq!(
        x.try_maximum(&y).unwrap_err().to_string(),
        "maximum: shapes (3,) and (4,) do not broadcast (sizes must be equal or 1, axis by axis from the last)"
    );
}

#[test]
fn softmax_is_stable_at_magnitude_1000() {
    let base: Vector<f64, 3> = tensor![0., 1., 2.];
    let e: Vec<f64> = base.iter().map(|v| v.exp()).collect();
    let z: f64 = e.iter().sum();
    for shift in [1000.0, -1000.0, 0.0] {
        let x = base.map(|v| v + shift);
        let p = x.softmax::<0>();
        for k in 0..3 {
            assert!(close(p[[k]], e[k] / z, 4e-16), "shift {shift}: {}", p[[k]]);
        }
        let lp = x.log_softmax::<0>();
        for k in 0..3 {
            assert!((lp[[k]] - (base[[k]] - z.ln())).abs() < 1e-15);
        }
        let lse = x.logsumexp::<0>();
        assert!(close(lse[[]], shift + z.ln(), 4e-16), "{}", lse[[]]);
    }
    // -1000..-1003 does not underflow to 0/0
    let low: Vector<f64, 4> = tensor![-1000., -1001., -1002., -1003.];
    assert!((low.softmax::<0>().sum() - 1.0).abs() < 1e-15);
    // along axis 0 of a matrix, and through a transposed view (the same lanes)
    let m: Matrix<f64, 2, 3> = tensor![[1000., 0., -5.], [1000., 1., 5.]];
    let by_col = m.softmax::<0>();
    assert_eq!(by_col[[0, 0]], 0.5);
    let t = m.t().softmax::<1>();
    for i in 0..2 {
        for j in 0..3 {
            assert_eq!(t[[j, i]], by_col[[i, j]]);
        }
    }
    // scipy's rules for non-finite lanes
    let lanes: Matrix<f64, 3, 2> = tensor![
        [0., f64::NEG_INFINITY],
        [f64::INFINITY, 0.],
        [f64::NEG_INFINITY, f64::NEG_INFINITY]
    ];
    let s = lanes.softmax::<1>();
    assert_eq!(&s.as_slice()[..2], &[1., 0.]);
    assert!(s.as_slice()[2..].iter().all(|v| v.is_nan()));
    let ls = lanes.log_softmax::<1>();
    assert!(ls[[1, 0]].is_nan());
    assert_eq!(ls[[1, 1]], f64::NEG_INFINITY);
    let lse = lanes.logsumexp_keepdim::<1>();
    assert_eq!(lse.dims(), [3, 1]);
    assert_eq!(lse.as_slice(), &[0., f64::INFINITY, f64::NEG_INFINITY]);
}

#[test]
fn cross_entropy_by_take_along_axis() {
    // logits (B, C) and labels (B,): loss = -mean(log_softmax[b, y_b])
    let logits: Matrix<f64, 3, 4> = tensor![
        [2.0, 1.0, 0.1, -1.0],
        [0.5, 2.5, 0.3, 0.0],
        [1000.0, 0.0, 0.0, 999.0]
    ];
    let labels: Vector<usize, 3> = tensor![0, 1, 3];
    let lp = logits.log_softmax::<1>();
    let picked = lp.take_along_axis::<1, _>(&labels.clone().unsqueeze::<1>()); // (3, One) -> (3, One)
    assert_eq!(picked.dims(), [3, 1]);
    let loss = -picked.mean();
    let mut expect = 0.0;
    for (b, &y) in labels.iter().enumerate() {
        let row: Vec<f64> = (0..4).map(|c| logits[[b, c]]).collect();
        let m = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        // (x_y - m) - log(sum exp(x - m)): m + log(..) first would round at the scale of m
        let ls = row.iter().map(|v| (v - m).exp()).sum::<f64>().ln();
        expect -= (row[y] - m) - ls;
    }
    expect /= 3.0;
    assert!(close(loss, expect, 1e-15), "{loss} vs {expect}");
    // argmax_axis agrees with the top-1 of topk
    let (_, top1) = logits.topk::<1, 1>();
    assert_eq!(top1.as_slice(), logits.argmax_axis::<1>().as_slice());
}

#[test]
fn std_is_two_pass_and_follows_numpy_divisors() {
    let x: Matrix<f64, 2, 4> = tensor![[1e6 + 1., 1e6 + 2., 1e6 + 3., 1e6 + 4.], [7., 7., 7., 7.]];
    let s = x.std::<1>();
    assert!(close(s[[0]], 1.25f64.sqrt(), 1e-12), "{}", s[[0]]);
    assert_eq!(s[[1]], 0.0);
    let s1 = x.std_ddof::<1>(1);
    assert!(close(s1[[0]], (5.0f64 / 3.0).sqrt(), 1e-12));
    // n = ddof: NaN; n < ddof: inf for a non-constant lane; empty: NaN
    let one: Vector<f64, 1> = tensor![3.];
    assert!(one.std_ddof::<0>(1)[[]].is_nan());
    assert_eq!(tensor![1.0f64, 2.].std_ddof::<0>(3)[[]], f64::INFINITY);
    let empty = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(0),));
    assert!(empty.std::<0>()[[]].is_nan());
    assert_eq!(x.std_keepdim::<0>().dims(), [1, 4]);
}

#[test]
fn cumulative_ops_and_flip() {
    let x: Matrix<i64, 2, 3> = tensor![[1, 2, 3], [4, 5, 6]];
    assert_eq!(x.cumsum::<1>().as_slice(), &[1, 3, 6, 4, 9, 15]);
    assert_eq!(x.cumprod::<0>().as_slice(), &[1, 2, 3, 4, 10, 18]);
    assert_eq!(x.t().cumsum::<1>().as_slice(), &[1, 5, 2, 7, 3, 9]);
    assert_eq!(x.flip::<1>().flip::<1>().as_slice(), x.as_slice());
    assert_eq!(x.flip::<0>().as_slice(), &[4, 5, 6, 1, 2, 3]);
    let c = tensor![1., f64::INFINITY, f64::NEG_INFINITY, 1.].cumsum::<0>();
    assert_eq!(&c.as_slice()[..2], &[1., f64::INFINITY]);
    assert!(c[[2]].is_nan() && c[[3]].is_nan());
}

#[test]
fn sort_and_argsort_are_stable_with_nan_last() {
    let x: Vector<f64, 7> = tensor![3., f64::NAN, -0.0, 1., 0.0, f64::NAN, 1.];
    let s = x.sort::<0>();
    assert_eq!(&s.as_slice()[..5], &[0., 0., 1., 1., 3.]);
    assert!(s[[5]].is_nan() && s[[6]].is_nan());
    // equal keys (-0.0 and 0.0, the two 1s) and the NaNs keep their input order
    assert_eq!(x.argsort::<0>().as_slice(), &[2, 4, 3, 6, 0, 1, 5]);
    let m: Matrix<i32, 2, 3> = tensor![[3, 1, 2], [0, 0, -1]];
    assert_eq!(m.argsort::<1>().as_slice(), &[1, 2, 0, 2, 0, 1]);
    assert_eq!(m.argsort::<0>().as_slice(), &[1, 1, 1, 0, 0, 0]);
    assert_eq!(m.t().sort::<0>().as_slice(), &[1, -1, 2, 0, 3, 0]);
    // argsort then take_along_axis is sort
    let idx = m.argsort::<1>();
    assert_eq!(
        m.take_along_axis::<1, _>(&idx).as_slice(),
        m.sort::<1>().as_slice()
    );
}

#[test]
fn topk_descending_ties_low_index_nan_last() {
    let x: Vector<f64, 7> = tensor![1., f64::NAN, 5., 5., -2., f64::NAN, 3.];
    let (v, i) = x.topk::<0, 3>();
    let _: &Tensor<usize, (Const<3>,)> = &i;
    assert_eq!(v.as_slice(), &[5., 5., 3.]);
    assert_eq!(i.as_slice(), &[2, 3, 6]);
    let (v7, i7) = x.topk::<0, 7>();
    assert_eq!(i7.as_slice(), &[2, 3, 6, 0, 4, 1, 5]);
    assert!(v7[[5]].is_nan() && v7[[6]].is_nan());
    let (_, none) = x.topk::<0, 0>();
    assert_eq!(none.numel(), 0);
    // (B, N) -> (B, Const<K>), against a full sort, for several sizes
    for n in [1usize, 2, 7, 33, 64, 65] {
        let data = Tensor::<f64, (Dyn, Dyn)>::from_fn_with((Dyn(3), Dyn(n)), |[b, j]| {
            ((j * 37 + b * 11) % 17) as f64
        });
        let Ok((v, i)) = data.try_topk::<1, 2>() else {
            assert!(n < 2);
            continue;
        };
        let _: &Tensor<f64, (Dyn, Const<2>)> = &v;
        let order = data.map(|v| -v).argsort::<1>();
        for b in 0..3 {
            for k in 0..2 {
                assert_eq!(i[[b, k]], order[[b, k]], "n {n}");
                assert_eq!(v[[b, k]], data[[b, i[[b, k]]]]);
            }
        }
    }
    let d = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    assert_eq!(
        d.try_topk::<0, 4>().unwrap_err().to_string(),
        "topk: k = 4 exceeds the length 3 of axis 0 of shape (3,)"
    );
}

#[test]
fn argmin_axis_points_at_the_first_minimum_or_nan() {
    let x: Matrix<f64, 2, 4> = tensor![[3., 1., 1., 0.5], [2., f64::NAN, -1., f64::NAN]];
    assert_eq!(x.argmin_axis::<1>().as_slice(), &[3, 1]);
    assert_eq!(x.argmax_axis::<1>().as_slice(), &[0, 1]);
    assert_eq!(x.argmin_keepdim::<0>().dims(), [1, 4]);
}

#[test]
fn take_rows_and_columns_and_check_range() {
    let x =
        Tensor::<i32, (Dyn, Const<3>)>::from_fn_with((Dyn(4), Const), |[i, j]| (10 * i + j) as i32);
    let idx: Vector<usize, 3> = tensor![3, 0, 3];
    let rows = x.take::<0, _>(&idx);
    let _: &Tensor<i32, (Const<3>, Const<3>)> = &rows;
    assert_eq!(rows.as_slice(), &[30, 31, 32, 0, 1, 2, 30, 31, 32]);
    let cols = x.t().take::<0, _>(&tensor![2]); // from a transposed view: (1, 4)
    assert_eq!(cols.as_slice(), &[2, 12, 22, 32]);
    let empty = Tensor::<usize, (Dyn,)>::zeros_with((Dyn(0),));
    assert_eq!(x.take::<0, _>(&empty).dims(), [0, 3]);
    assert_eq!(
        x.try_take::<1, _>(&tensor![1, 3]).unwrap_err().to_string(),
        "take: index 3 is out of range for axis 1 of length 3 in shape (4, 3)"
    );
}

#[test]
fn take_along_axis_broadcasts_other_axes() {
    let x: Matrix<f64, 3, 2> = tensor![[1., 2.], [3., 4.], [5., 6.]];
    // (3, 2) by (2, One) along axis 0 -> (2, 2): rows 2 and 0 of every column
    let idx = Tensor::<usize, (Const<2>, One)>::from_vec((Const, One), vec![2, 0]).unwrap();
    let r = x.take_along_axis::<0, _>(&idx);
    assert_eq!(r.dims(), [2, 2]);
    assert_eq!(r.as_slice(), &[5., 6., 1., 2.]);
    let bad = Tensor::<usize, (Dyn, Dyn)>::from_vec((Dyn(1), Dyn(1)), vec![9]).unwrap();
    let xd = x.clone().into_dyn();
    assert!(
        xd.try_take_along_axis::<0, _>(&bad)
            .unwrap_err()
            .to_string()
            .contains("index 9")
    );
}

#[test]
fn stack_adds_a_static_axis() {
    let a: Matrix<i32, 2, 2> = tensor![[1, 2], [3, 4]];
    let b: Matrix<i32, 2, 2> = tensor![[5, 6], [7, 8]];
    let c: Matrix<i32, 2, 2> = tensor![[9, 10], [11, 12]];
    let s0: Tensor<i32, (Const<3>, Const<2>, Const<2>)> = Tensor::stack::<0, _>(&[&a, &b, &c]);
    assert_eq!(s0.as_slice(), &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    let s1: Tensor<i32, (Const<2>, Const<3>, Const<2>)> = Tensor::stack::<1, _>(&[&a, &b, &c]);
    assert_eq!(s1.as_slice(), &[1, 2, 5, 6, 9, 10, 3, 4, 7, 8, 11, 12]);
    let s2: Tensor<i32, (Const<2>, Const<2>, Const<2>)> = Tensor::stack::<2, _>(&[a.t(), b.t()]);
    assert_eq!(s2.as_slice(), &[1, 5, 3, 7, 2, 6, 4, 8]);
    let x = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(2),));
    let y = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    assert_eq!(
        Tensor::try_stack::<0, _>(&[&x, &y])
            .unwrap_err()
            .to_string(),
        "stack: shapes (2,) and (3,) differ"
    );
}

#[test]
fn masks_compare_with_ieee_rules_and_select() {
    let a: Vector<f64, 5> = tensor![1., -0.0, f64::NAN, f64::INFINITY, 2.];
    let b: Vector<f64, 5> = tensor![2., 0.0, f64::NAN, f64::INFINITY, 2.];
    assert_eq!(a.lt(&b).as_slice(), &[true, false, false, false, false]);
    assert_eq!(a.eq_elem(&b).as_slice(), &[false, true, false, true, true]);
    assert_eq!(a.ge(&b).as_slice(), &[false, true, false, true, true]);
    assert_eq!(a.gt(&b).count(), 0);
    assert_eq!(
        a.gt_scalar(1.).as_slice(),
        &[false, false, false, true, true]
    );
    assert_eq!(
        a.eq_scalar(0.).as_slice(),
        &[false, true, false, false, false]
    );
    assert!(a.le(&b).any());
    assert!(!a.le(&b).all());
    // where_ selects and never blends: the NaN of the branch not taken stays out
    let m = a.lt(&b);
    let r = where_(&m, &a, &Tensor::<f64, ()>::full(0.));
    assert_eq!(r.as_slice(), &[1., 0., 0., 0., 0.]);
    // three shapes broadcast: (2, One) mask, (3,) and () branches
    let mask: Tensor<bool, (Const<2>, One)> = Tensor::from_fn(|[i, _]: [usize; 2]| i == 0);
    let w = where_(&mask, &tensor![1, 2, 3], &Tensor::<i32, ()>::full(-1));
    assert_eq!(w.dims(), [2, 3]);
    assert_eq!(w.as_slice(), &[1, 2, 3, -1, -1, -1]);
    let md = Tensor::<bool, (Dyn,)>::from_vec((Dyn(2),), vec![true, false]).unwrap();
    let xd = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    assert!(try_where_(&md, &xd, &xd).is_err());
    // bool tensors are built and read like any tensor
    assert_eq!(md.iter().copied().collect::<Vec<_>>(), vec![true, false]);
    assert_eq!(format!("{md:?}"), "Tensor(2,) [true, false]");
}

#[test]
fn arange_and_linspace_follow_numpy_lengths() {
    let a = Tensor::arange(1.0f64, 1.3, 0.1);
    assert_eq!(a.dims(), [4]); // ceil(0.3 / 0.1) in f64 is 4
    assert!((a[[3]] - 1.3).abs() < 1e-15);
    assert_eq!(Tensor::arange(10.0f64, 0., -1.5).dims(), [7]);
    assert_eq!(Tensor::arange(0.0f64, -1., 1.).dims(), [0]);
    assert!(Tensor::try_arange(0.0f64, 1., 0.).is_err());
    let l = Tensor::linspace(0.0f64, 1., 11);
    assert_eq!(l[[10]], 1.0);
    assert_eq!(l[[5]], 0.5);
    assert_eq!(Tensor::linspace(2.0f64, 3., 1).as_slice(), &[2.0]);
    assert_eq!(Tensor::linspace(2.0f64, 3., 0).numel(), 0);
    assert_eq!(
        Tensor::linspace_no_endpoint(0.0f64, 1., 2).as_slice(),
        &[0., 0.5]
    );
    assert_eq!(
        Vector::<f32, 5>::linspace_static(0., 1.).as_slice(),
        &[0., 0.25, 0.5, 0.75, 1.]
    );
}

#[test]
fn triangles_diagonals_and_trace() {
    let x = Tensor::<f64, (Dyn, Dyn)>::from_fn_with((Dyn(3), Dyn(4)), |[i, j]| (4 * i + j) as f64);
    let (lo, up) = (x.tril(0), x.triu(1));
    // tril(k) + triu(k + 1) = x
    assert_eq!((&lo + &up).as_slice(), x.as_slice());
    assert_eq!(x.tril(-5).sum(), 0.0);
    assert_eq!(x.diag(0).as_slice(), &[0., 5., 10.]);
    assert_eq!(x.diag(-2).as_slice(), &[8.]);
    assert_eq!(x.trace(), 15.0);
    assert_eq!(x.trace_offset(1), 1. + 6. + 11.);
    // diag of a vector and back
    let v: Vector<f64, 3> = tensor![1., 2., 3.];
    for k in [-2isize, 0, 1] {
        let m = v.diag(k);
        assert_eq!(m.dims(), [3 + k.unsigned_abs(); 2]);
        assert_eq!(m.diag(k).as_slice(), v.as_slice());
        assert_eq!(m.sum(), 6.0);
    }
}

#[test]
fn standardizer_fits_train_rows_and_scales_others() {
    let train: Matrix<f64, 4, 3> =
        tensor![[1., 10., 5.], [2., 20., 5.], [3., 30., 5.], [4., 40., 5.]];
    let sc = Standardizer::fit(&train).unwrap();
    assert_eq!(sc.mean().as_slice(), &[2.5, 25., 5.]);
    let sd = 1.25f64.sqrt();
    assert_eq!(sc.scale().as_slice(), &[sd, 10. * sd, 1.0]); // zero variance: scale 1
    let z = sc.transform(&train);
    // the same as the one-shot form
    assert_eq!(z.as_slice(), train.standardize().as_slice());
    let test =
        Tensor::<f64, (Dyn, Const<3>)>::from_vec((Dyn(1), Const), vec![2.5, 35., 6.]).unwrap();
    let zt = sc.transform(&test);
    assert_eq!(zt.as_slice(), &[0., 10. / (10. * sd), 1.]);
    let back = sc.inverse_transform(&zt);
    for (a, b) in back.iter().zip(test.iter()) {
        assert!((a - b).abs() < 1e-12);
    }
    let empty = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(2)));
    assert!(Standardizer::fit(&empty).is_err());
    let dsc = Standardizer::fit(&train.clone().into_dyn()).unwrap();
    let wrong = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(2)));
    assert_eq!(
        dsc.try_transform(&wrong).unwrap_err().to_string(),
        "Standardizer::transform: rows of shape (2, 2) have 2 columns but the standardizer was fitted on 3"
    );
}

#[test]
fn axis_iterators_yield_typed_views() {
    let x =
        Tensor::<i32, (Dyn, Const<3>)>::from_fn_with((Dyn(2), Const), |[i, j]| (10 * i + j) as i32);
    let rows: Vec<Vec<i32>> = x.rows().map(|r| r.iter().copied().collect()).collect();
    assert_eq!(rows, vec![vec![0, 1, 2], vec![10, 11, 12]]);
    let cols: Vec<i32> = x
        .axis_iter::<1>()
        .map(|c| {
            let _: &shaped::TensorView<'_, i32, (Dyn,)> = &c;
            c.sum()
        })
        .collect();
    assert_eq!(cols, vec![10, 12, 14]);
    assert_eq!(x.axis_iter::<0>().next_back().unwrap()[[0]], 10);
    // rank 3: sub-views of rank 2, from a permuted view
    let t =
        Tensor::<usize, (Const<2>, Const<3>, Const<4>)>::from_fn(|[a, b, c]| 100 * a + 10 * b + c);
    let p = t.permute::<shaped::Axes3<2, 0, 1>>(); // (4, 2, 3)
    for (c, m) in p.axis_iter::<0>().enumerate() {
        assert_eq!(m.dims(), [2, 3]);
        assert_eq!(m[[1, 2]], 120 + c);
    }
    // mutable rows of an owned tensor; columns through for_each_axis_mut
    let mut y = x.clone();
    for (i, mut r) in y.rows_mut().enumerate() {
        r.for_each_mut(|v| *v += i as i32);
    }
    assert_eq!(y.as_slice(), &[0, 1, 2, 11, 12, 13]);
    assert!(y.try_axis_iter_mut::<1>().is_err());
    y.for_each_axis_mut::<1>(|j, mut c| c.for_each_mut(|v| *v = j as i32));
    assert_eq!(y.as_slice(), &[0, 1, 2, 0, 1, 2]);
    // the columns of a transposed view are disjoint rows in memory
    let mut z: Matrix<i32, 2, 2> = tensor![[1, 2], [3, 4]];
    let mut zt = z.view_mut().t_mut();
    for (j, mut c) in zt.axis_iter_mut::<1>().enumerate() {
        c.for_each_mut(|v| *v *= 1 + j as i32);
    }
    assert_eq!(z.as_slice(), &[1, 2, 6, 8]);
}

#[test]
fn multi_axis_slices_keep_static_lengths() {
    let x = Tensor::<i32, (Const<4>, Const<5>)>::from_fn(|[i, j]| (10 * i + j) as i32);
    let a = x.slice((1..3, shaped::Span::<2>(2)));
    let _: &shaped::TensorView<'_, i32, (Dyn, Const<2>)> = &a;
    assert_eq!(a.to_tensor().as_slice(), &[12, 13, 22, 23]);
    let b = x.slice((.., 4..));
    let _: &shaped::TensorView<'_, i32, (Const<4>, Dyn)> = &b;
    assert_eq!(b.to_tensor().as_slice(), &[4, 14, 24, 34]);
    // a slice of a transposed view
    let xt = x.t();
    let c = xt.slice((..=1, ..2));
    assert_eq!(c.to_tensor().as_slice(), &[0, 10, 1, 11]);
    let e = x.slice((2..2, ..));
    assert_eq!(e.dims(), [0, 5]);
    assert_eq!(
        x.try_slice((.., shaped::Span::<3>(3)))
            .unwrap_err()
            .to_string(),
        "slice: the range of axis 1 does not fit its length 5 in shape (4, 5)"
    );
    let mut m = x.clone();
    m.slice_mut((3.., ..)).for_each_mut(|v| *v = -1);
    assert_eq!(m.as_slice()[15..], [-1; 5]);
}

#[test]
fn axis_ops_on_empty_shapes() {
    let x = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(5)));
    let (v, i) = x.topk::<0, 0>(); // (0, 5)
    assert_eq!((v.dims(), i.dims()), ([0, 5], [0, 5]));
    let e = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(3), Dyn(0)));
    assert_eq!(e.softmax::<1>().dims(), [3, 0]);
    assert_eq!(e.sort::<0>().dims(), [3, 0]);
    assert_eq!(e.cumsum::<1>().dims(), [3, 0]);
    assert_eq!(e.logsumexp::<1>().as_slice(), &[f64::NEG_INFINITY; 3]);
    let t = e.t();
    assert_eq!(t.argsort::<1>().dims(), [0, 3]);
}
