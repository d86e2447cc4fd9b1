//! The type layer and the containers: construction, views, layout changes, conversions.

use approx::{assert_abs_diff_eq, assert_relative_eq};
use proptest::prelude::*;
use shaped::{
    AnyDim, Axes3, Const, DMatrix, Dyn, Matrix, One, ProdOf, Shape, Tensor, Tensor3, TensorView,
    TensorViewMut, Vector, tensor,
};

fn dmatrix(m: usize, n: usize, data: &[f64]) -> DMatrix<f64> {
    Tensor::from_vec((Dyn(m), Dyn(n)), data[..m * n].to_vec()).unwrap()
}

/// Dims up to 7 (including 0) and enough data for any of them.
fn dims_and_data(rank: usize) -> impl Strategy<Value = (Vec<usize>, Vec<f64>)> {
    proptest::collection::vec(0usize..=7, rank).prop_flat_map(|dims| {
        let n: usize = dims.iter().product();
        (Just(dims), proptest::collection::vec(-1e3f64..1e3, n))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn reshape_round_trip((dims, data) in dims_and_data(3)) {
        let x = Tensor::from_vec((Dyn(dims[0]), Dyn(dims[1]), Dyn(dims[2])), data.clone()).unwrap();
        let flat = x.clone().reshape_with((Dyn(dims[0] * dims[1]), Dyn(dims[2])));
        prop_assert_eq!(flat.as_slice(), &data[..]);
        let back = flat.reshape_with((Dyn(dims[0]), Dyn(dims[1]), Dyn(dims[2])));
        prop_assert_eq!(&back, &x);
        let f = x.clone().flatten();
        prop_assert_eq!(f.shape().0.size(), data.len());
        prop_assert_eq!(f.as_slice(), &data[..]);
    }

    #[test]
    fn transpose_twice_is_identity((dims, data) in dims_and_data(2)) {
        let a = dmatrix(dims[0], dims[1], &data);
        let at = a.t();
        prop_assert_eq!(at.dims(), [dims[1], dims[0]]);
        for i in 0..dims[0] {
            for j in 0..dims[1] {
                prop_assert_eq!(at[[j, i]], a[[i, j]]);
            }
        }
        prop_assert_eq!(at.t().to_tensor(), a.clone());
        prop_assert_eq!(at.t(), a.view());
    }

    #[test]
    fn into_dyn_then_back(xs in proptest::collection::vec(-1.0f64..1.0, 12)) {
        let m = Matrix::<f64, 3, 4>::from_vec((Const, Const), xs.clone()).unwrap();
        let d = m.clone().into_dyn();
        prop_assert_eq!(d.dims(), [3, 4]);
        let back = d.clone().try_into_shape::<(Const<3>, Const<4>)>().unwrap();
        prop_assert_eq!(&back, &m);
        let half = d.try_into_shape::<(Dyn, Const<4>)>().unwrap();
        prop_assert_eq!(half.shape().0, Dyn(3));
    }

    #[test]
    fn views_agree_with_owned_copies(
        (dims, data) in dims_and_data(3),
        a in 0usize..8, b in 0usize..8, pick in 0usize..8,
    ) {
        let x = Tensor::from_vec((Dyn(dims[0]), Dyn(dims[1]), Dyn(dims[2])), data).unwrap();
        let at = |i: usize, j: usize, k: usize| x.as_slice()[(i * dims[1] + j) * dims[2] + k];

        // permute (2, 0, 1): out[k, i, j] = x[i, j, k]
        let p = x.permute::<Axes3<2, 0, 1>>();
        let owned = p.to_tensor();
        prop_assert_eq!(owned.dims(), [dims[2], dims[0], dims[1]]);
        for k in 0..dims[2] { for i in 0..dims[0] { for j in 0..dims[1] {
            prop_assert_eq!(owned[[k, i, j]], at(i, j, k));
            prop_assert_eq!(p[[k, i, j]], at(i, j, k));
        }}}
        prop_assert_eq!(p.iter().count(), x.numel());

        // a slice of the permuted view, then a select: views of views
        let (lo, hi) = (a.min(b).min(dims[0]), a.max(b).min(dims[0]));
        let s = p.slice_axis::<1>(lo..hi);
        prop_assert_eq!(s.dims(), [dims[2], hi - lo, dims[1]]);
        let s_owned = s.to_tensor();
        for k in 0..dims[2] { for i in 0..hi - lo { for j in 0..dims[1] {
            prop_assert_eq!(s_owned[[k, i, j]], at(i + lo, j, k));
        }}}
        if pick < dims[2] {
            let sel = s.select::<0>(pick).to_tensor(); // (hi - lo, dims[1])
            for i in 0..hi - lo { for j in 0..dims[1] {
                prop_assert_eq!(sel[[i, j]], at(i + lo, j, pick));
            }}
        } else {
            prop_assert!(s.try_select::<0>(pick).is_err());
        }
    }
}

#[test]
fn constructors() {
    assert_eq!(Matrix::<f64, 2, 2>::eye().as_slice(), &[1., 0., 0., 1.]);
    assert_eq!(Matrix::<i32, 2, 3>::eye().as_slice(), &[1, 0, 0, 0, 1, 0]);
    assert_eq!(Vector::<f32, 3>::full(2.5).as_slice(), &[2.5; 3]);
    let z = Tensor::<f64, (Dyn, Const<0>)>::zeros_with((Dyn(4), Const));
    assert_eq!(z.numel(), 0);
    assert_eq!(z.iter().count(), 0);
    let s: Tensor<f64, ()> = Tensor::from(3.0);
    assert_eq!(s[[]], 3.0);
    assert_eq!(s.dims(), [0usize; 0]);
    let t: Tensor3<i32, 2, 2, 1> = tensor![[[1], [2]], [[3], [4]]];
    assert_eq!(t[[1, 0, 0]], 3);
}

#[test]
fn from_vec_reports_both_counts() {
    let err = Tensor::<f64, (Dyn, Const<3>)>::from_vec((Dyn(2), Const), vec![0.0; 7]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "from_vec: shape (2, 3) holds 6 elements but the data has 7"
    );
    assert_eq!(err.lhs(), &[2, 3]);
}

#[test]
fn try_into_shape_names_the_sizes() {
    let d = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(100), Dyn(4)));
    let err = d.try_into_shape::<(Const<4>, Dyn)>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "try_into_shape: shape (100, 4) does not fit the type's shape (4, _) (`_` is any size)"
    );
}

#[test]
fn try_reshape_dynamic_source() {
    let x = Tensor::<f64, (Dyn,)>::from_vec((Dyn(6),), (0..6).map(f64::from).collect()).unwrap();
    let m = x.clone().try_reshape::<(Const<3>, Const<2>)>().unwrap();
    assert_eq!(m[[2, 1]], 5.0);
    assert!(x.try_reshape::<(Const<4>, Const<2>)>().is_err());
}

#[test]
#[should_panic(expected = "reshape: cannot reshape (5,) (5 elements) into (2, 3) (6 elements)")]
fn reshape_panics_at_run_time_for_dyn_sources() {
    let x = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(5),));
    let _ = x.reshape::<(Const<2>, Const<3>)>();
}

#[test]
#[should_panic(expected = "index [2, 0] is out of bounds for a tensor of shape (2, 3)")]
fn index_out_of_bounds_names_index_and_shape() {
    let m = Matrix::<f64, 2, 3>::zeros();
    let _ = m[[2, 0]];
}

#[test]
fn views_of_one_by_one_and_empty() {
    let one: Matrix<f64, 1, 1> = tensor![[7.0]];
    assert_eq!(one.t()[[0, 0]], 7.0);
    assert!(one.t().is_standard_layout());
    let e = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(3)));
    let et = e.t();
    assert_eq!(et.dims(), [3, 0]);
    assert_eq!(et.to_tensor().numel(), 0);
    assert_eq!(e.slice_axis::<1>(1..3).dims(), [0, 2]);
    let m = Matrix::<i32, 3, 3>::from_fn(|[i, j]| (3 * i + j) as i32);
    let empty = m.slice_axis::<0>(3..3);
    assert_eq!(empty.dims(), [0, 3]);
    assert_eq!(empty.iter().count(), 0);
}

#[test]
fn strided_views_from_slices() {
    let data: Vec<i32> = (0..12).collect();
    // every other element of a 6-vector, as a (2, 3) column-major view
    let v = TensorView::from_slice_strided(&data, (Dyn(2), Dyn(3)), [1, 4]).unwrap();
    assert_eq!(v.to_tensor().as_slice(), &[0, 4, 8, 1, 5, 9]);
    assert!(!v.is_standard_layout());
    let err = TensorView::from_slice_strided(&data, (Dyn(3), Dyn(3)), [1, 5]).unwrap_err();
    assert!(
        err.to_string()
            .contains("reaches element 12 but the data has 12"),
        "{err}"
    );
    // broadcast-like stride 0
    let b = TensorView::from_slice_strided(&data, (Dyn(3), Dyn(2)), [0, 1]).unwrap();
    assert_eq!(b.to_tensor().as_slice(), &[0, 1, 0, 1, 0, 1]);
}

#[test]
fn mutable_views_write_through() {
    let mut m = Matrix::<i32, 2, 3>::zeros();
    m.view_mut()
        .t_mut()
        .select_mut::<0>(2)
        .for_each_mut(|x| *x = 5); // column 2
    assert_eq!(m.as_slice(), &[0, 0, 5, 0, 0, 5]);
    let mut data = [0.0f64; 4];
    let mut v = TensorViewMut::from_slice(&mut data, (Dyn(2), Dyn(2))).unwrap();
    v.assign(&Matrix::<f64, 2, 2>::eye().into_dyn());
    assert_eq!(data, [1.0, 0.0, 0.0, 1.0]);
}

#[test]
fn narrow_and_select_types() {
    let m = Matrix::<usize, 4, 5>::from_fn(|[i, j]| 10 * i + j);
    let n: TensorView<'_, usize, (Const<2>, Const<5>)> = m.narrow::<0, 2>(1);
    assert_eq!(n[[1, 4]], 24);
    let col: TensorView<'_, usize, (Const<4>,)> = m.col(3);
    assert_eq!(col.to_tensor().as_slice(), &[3, 13, 23, 33]);
    let r = std::panic::catch_unwind(|| m.narrow::<1, 3>(3).numel());
    assert!(r.is_err());
}

#[test]
fn approx_compares_tensors_and_views() {
    let a: Matrix<f64, 2, 2> = tensor![[1.0, 2.0], [3.0, 4.0]];
    let b: Matrix<f64, 2, 2> = tensor![[1.0 + 1e-12, 3.0], [2.0, 4.0]];
    assert_abs_diff_eq!(a, b.t(), epsilon = 1e-9);
    assert_relative_eq!(a.t(), b, max_relative = 1e-9);
    assert!(!approx::abs_diff_eq!(a, b, epsilon = 1e-9));
    let d1 = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(2),));
    let d2 = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    assert!(
        d1 != d2,
        "tensors of different run-time sizes are not equal"
    );
}

#[test]
fn small_tensors_stay_inline() {
    assert!(Matrix::<f64, 4, 4>::zeros().is_inline());
    assert!(!Matrix::<f64, 4, 5>::zeros().is_inline());
    let big = Tensor::<f32, (Dyn,)>::from_vec((Dyn(100),), vec![1.0; 100]).unwrap();
    let small = big.reshape_with((Dyn(10), Dyn(10)));
    assert_eq!(small.iter().sum::<f32>(), 100.0);
}

#[test]
fn shape_types_compute_as_documented() {
    assert_eq!(<(Dyn, Const<4>) as Shape>::STATIC_NUMEL, None);
    assert_eq!(<(One, Const<4>, Const<2>) as Shape>::STATIC_NUMEL, Some(8));
    assert_eq!(<ProdOf<(Const<3>, Const<5>)> as AnyDim>::STATIC, Some(15));
    assert_eq!((Dyn(2), Const::<3>).row_major_strides(), [3, 1]);
    assert_eq!(<(Dyn, Const<3>)>::static_dims(), vec![None, Some(3)]);
}
