//! Elementwise operators, broadcasting, `map`/`zip_map`, and the axis shape ops
//! (`unsqueeze`, `squeeze`, `concat`).

use proptest::prelude::*;
use shaped::prelude::*;
use shaped::{Const, One};

fn m23() -> Matrix<f64, 2, 3> {
    tensor![[1., 2., 3.], [4., 5., 6.]]
}

#[test]
#[allow(clippy::op_ref)] // each operand kind (`&TensorView` included) has its own impl to test
fn every_operand_kind_gives_the_same_sum() {
    let a = m23();
    let b = Matrix::<f64, 2, 3>::from_fn(|[i, j]| (10 * i + j) as f64);
    let want: Vec<f64> = a.iter().zip(b.iter()).map(|(x, y)| x + y).collect();
    let mut bm = b.clone();
    let bvm = bm.view_mut();
    let results = [
        a.clone() + b.clone(),
        a.clone() + &b,
        a.clone() + b.view(),
        &a + &b,
        &a + b.view(),
        a.view() + b.view(),
        a.view() + &b.view(),
        &a.view() + &b,
        &a + &bvm,
        &a.view() + b.clone(),
    ];
    for r in &results {
        assert_eq!(r.as_slice(), want.as_slice());
    }
}

#[test]
fn the_four_operators_elementwise() {
    let a = m23();
    let b: Matrix<f64, 2, 3> = tensor![[2., 4., 8.], [1., 2., 4.]];
    assert_eq!((&a + &b).as_slice(), &[3., 6., 11., 5., 7., 10.]);
    assert_eq!((&a - &b).as_slice(), &[-1., -2., -5., 3., 3., 2.]);
    assert_eq!((&a * &b).as_slice(), &[2., 8., 24., 4., 10., 24.]);
    assert_eq!((&a / &b).as_slice(), &[0.5, 0.5, 0.375, 4., 2.5, 1.5]);
}

#[test]
fn lower_rank_operand_aligns_with_trailing_axes() {
    // (N, D) + (D,)
    let x = m23();
    let bias: Vector<f64, 3> = tensor![10., 20., 30.];
    let y: Matrix<f64, 2, 3> = &x + &bias;
    assert_eq!(y.as_slice(), &[11., 22., 33., 14., 25., 36.]);
    // and on the left: (D,) - (N, D)
    let z: Matrix<f64, 2, 3> = &bias - &x;
    assert_eq!(z.as_slice(), &[9., 18., 27., 6., 15., 24.]);
    // rank 3 against rank 1
    let t = Tensor3::<i32, 2, 2, 3>::from_fn(|[i, j, k]| (100 * i + 10 * j + k) as i32);
    let v: Vector<i32, 3> = tensor![1, 1, 1];
    let u = &t + &v;
    assert_eq!(u.dims(), [2, 2, 3]);
    assert_eq!(u[[1, 1, 2]], 113);
}

#[test]
fn one_axes_stretch_both_ways() {
    let col = Tensor::<f64, (Const<3>, One)>::from_fn(|[i, _]| i as f64);
    let row = Tensor::<f64, (One, Const<4>)>::from_fn(|[_, j]| j as f64);
    let table: Matrix<f64, 3, 4> = &col * &row;
    for i in 0..3 {
        for j in 0..4 {
            assert_eq!(table[[i, j]], (i * j) as f64);
        }
    }
    // One against One stays One.
    let s: Tensor<f64, (One, One)> =
        Tensor::<f64, (One, One)>::ones() + Tensor::<f64, (One, One)>::ones();
    assert_eq!(s.as_slice(), &[2.0]);
}

#[test]
fn dyn_axis_of_size_one_stretches_at_run_time() {
    let x = Tensor::<f64, (Dyn, Dyn)>::from_fn_with((Dyn(2), Dyn(3)), |[i, j]| (3 * i + j) as f64);
    let r = Tensor::<f64, (Dyn, Dyn)>::from_fn_with((Dyn(1), Dyn(3)), |[_, j]| j as f64);
    let c = Tensor::<f64, (Dyn, Dyn)>::from_fn_with((Dyn(2), Dyn(1)), |[i, _]| 10.0 * i as f64);
    assert_eq!((&x - &r).as_slice(), &[0., 0., 0., 3., 3., 3.]);
    assert_eq!((&c + &r).as_slice(), &[0., 1., 2., 10., 11., 12.]);
    // static and dynamic mixed: the result keeps the static side
    let s: Matrix<f64, 2, 3> = &m23() + &r;
    assert_eq!(s.as_slice(), &[1., 3., 5., 4., 6., 8.]);
}

#[test]
#[should_panic(expected = "add: shapes (2, 3) and (4,) do not broadcast")]
fn dyn_mismatch_panics_naming_both_shapes() {
    let x = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    let y = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),));
    let _ = &x + &y;
}

#[test]
#[should_panic(expected = "a `Const<1>` axis does not stretch")]
fn const_one_meeting_a_larger_dyn_panics() {
    let x = Tensor::<f64, (Const<1>,)>::zeros();
    let y = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    let _ = &x + &y;
}

#[test]
fn strided_operands_from_transposes() {
    let a = m23();
    let b = Matrix::<f64, 3, 2>::from_fn(|[i, j]| (i + 10 * j) as f64);
    let s: Matrix<f64, 3, 2> = a.t() + &b;
    for i in 0..3 {
        for j in 0..2 {
            assert_eq!(s[[i, j]], a[[j, i]] + b[[i, j]]);
        }
    }
    // both sides transposed, and broadcasting a transposed column against a row
    let p = a.t() * b.t().t();
    assert_eq!(p[[2, 1]], a[[1, 2]] * b[[2, 1]]);
    let col = a.t().col(0).unsqueeze::<1>(); // (3, One) view, strided
    let q: Matrix<f64, 3, 2> = col - b.view();
    assert_eq!(q[[2, 1]], a[[0, 2]] - b[[2, 1]]);
}

#[test]
fn owned_left_operand_smaller_than_result() {
    // The owned (3,) cannot hold the (2, 3) result: a fresh tensor is made.
    let v: Vector<f64, 3> = tensor![1., 2., 3.];
    let r: Matrix<f64, 2, 3> = v + m23();
    assert_eq!(r.as_slice(), &[2., 4., 6., 5., 7., 9.]);
}

#[test]
fn scalars_on_either_side() {
    let a = m23();
    assert_eq!((&a * 2.0).as_slice(), &[2., 4., 6., 8., 10., 12.]);
    assert_eq!((2.0 * &a).as_slice(), &[2., 4., 6., 8., 10., 12.]);
    assert_eq!((1.0 - a.view()).as_slice(), &[0., -1., -2., -3., -4., -5.]);
    assert_eq!((a.t() / 2.0).as_slice(), &[0.5, 2., 1., 2.5, 1.5, 3.]);
    assert_eq!((12.0 / a.clone()).as_slice(), &[12., 6., 4., 3., 2.4, 2.]);
    let i: Matrix<i32, 2, 2> = tensor![[1, 2], [3, 4]];
    assert_eq!((10 - &i).as_slice(), &[9, 8, 7, 6]);
    assert_eq!((i.clone() * 3).as_slice(), &[3, 6, 9, 12]);
    let f = tensor![1.5f32, 2.5];
    assert_eq!((2.0f32 * f).as_slice(), &[3.0, 5.0]);
    let u: Vector<u8, 2> = tensor![1u8, 2];
    assert_eq!((3u8 + u).as_slice(), &[4, 5]);
    assert_eq!((-a).as_slice(), &[-1., -2., -3., -4., -5., -6.]);
}

#[test]
fn assignment_operators_broadcast_into_the_left_side() {
    let mut a = m23();
    a += &tensor![1., 1., 1.];
    assert_eq!(a.as_slice(), &[2., 3., 4., 5., 6., 7.]);
    a *= 2.0;
    assert_eq!(a.as_slice(), &[4., 6., 8., 10., 12., 14.]);
    a -= Tensor::<f64, (Const<2>, One)>::from_fn(|[i, _]| i as f64);
    assert_eq!(a.as_slice(), &[4., 6., 8., 9., 11., 13.]);
    a /= a.clone();
    assert_eq!(a.as_slice(), &[1.0; 6]);
    // through a transposed mutable view
    let mut b = Matrix::<i32, 2, 3>::zeros();
    let mut bt = b.view_mut().t_mut(); // (3, 2)
    bt += &tensor![1, 2]; // each row of the (3, 2) view gets [1, 2]
    assert_eq!(b.as_slice(), &[1, 1, 1, 2, 2, 2]);
}

#[test]
#[should_panic(
    expected = "add_assign: the right-hand side (2, 3) does not broadcast to the left-hand side (3,)"
)]
fn assignment_cannot_grow_the_left_side() {
    let mut v = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(3),));
    v += Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
}

#[test]
fn map_and_zip_map() {
    let a = m23();
    assert_eq!(a.map(|x| x * x).as_slice(), &[1., 4., 9., 16., 25., 36.]);
    assert_eq!(a.t().map(|x| x as i64).as_slice(), &[1, 4, 2, 5, 3, 6]);
    let b = a.map(|x| 7.0 - x);
    assert_eq!(a.zip_map(&b, |x, y| x + y).as_slice(), &[7.0; 6]);
    let d = b.clone().into_dyn();
    let z: Matrix<f64, 2, 3> = a.zip_map(&d, |x, y| x * y);
    assert_eq!(z[[1, 2]], 6.0);
    let wrong = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(3), Dyn(2)));
    let err = a.try_zip_map(&wrong, |x, y| x + y).unwrap_err();
    assert_eq!(err.to_string(), "zip_map: shapes (2, 3) and (3, 2) differ");
    assert_eq!(err.lhs(), &[2, 3]);
    assert_eq!(err.rhs(), Some(&[3, 2][..]));
}

#[test]
fn empty_and_rank_zero_operands() {
    let e = Tensor::<f64, (Dyn, Const<3>)>::zeros_with((Dyn(0), Const));
    let r = &e + &tensor![1., 2., 3.];
    assert_eq!(r.dims(), [0, 3]);
    let s = Tensor::<f64, ()>::from(2.0);
    let y = &s * &m23();
    assert_eq!(y.as_slice(), &[2., 4., 6., 8., 10., 12.]);
}

#[test]
fn unsqueeze_and_squeeze_round_trip() {
    let v: Vector<f64, 3> = tensor![1., 2., 3.];
    let c: Tensor<f64, (Const<3>, One)> = v.clone().unsqueeze::<1>();
    assert_eq!(c.dims(), [3, 1]);
    let back: Vector<f64, 3> = c.squeeze::<1>();
    assert_eq!(back, v);
    let a = m23();
    let at3 = a.t().unsqueeze::<0>(); // (One, 3, 2) view
    assert_eq!(at3.dims(), [1, 3, 2]);
    assert_eq!(at3[[0, 2, 1]], 6.0);
    assert_eq!(at3.squeeze::<0>().to_tensor(), a.t().to_tensor());
}

#[test]
fn concat_along_each_axis() {
    let a = m23();
    let b: Matrix<f64, 1, 3> = tensor![[7., 8., 9.]];
    let rows = a.concat::<0, _>(&b);
    assert_eq!(rows.dims(), [3, 3]);
    assert_eq!(rows.as_slice(), &[1., 2., 3., 4., 5., 6., 7., 8., 9.]);
    let cols = a.concat::<1, _>(&a.t().t());
    assert_eq!(cols.dims(), [2, 6]);
    assert_eq!(
        cols.as_slice(),
        &[1., 2., 3., 1., 2., 3., 4., 5., 6., 4., 5., 6.]
    );
    let fixed = cols.try_into_shape::<(Const<2>, Const<6>)>().unwrap();
    assert_eq!(fixed[[1, 5]], 6.0);
    let t = Tensor3::<i32, 2, 1, 2>::from_fn(|[i, _, k]| (10 * i + k) as i32);
    let u = t.concat::<1, _>(&t);
    assert_eq!(u.dims(), [2, 2, 2]);
    assert_eq!(u.as_slice(), &[0, 1, 0, 1, 10, 11, 10, 11]);
    let d = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(4)));
    let err = a.try_concat::<0, _>(&d).unwrap_err();
    assert_eq!(
        err.to_string(),
        "concat: shapes (2, 3) and (2, 4) differ on an axis other than axis 0"
    );
}

fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Tensor<f64, (Dyn, Dyn)>> {
    proptest::collection::vec(-1e3f64..1e3, rows * cols)
        .prop_map(move |v| Tensor::from_vec((Dyn(rows), Dyn(cols)), v).unwrap())
}

type DMat = Tensor<f64, (Dyn, Dyn)>;

fn broadcast_pair() -> impl Strategy<Value = (DMat, DMat)> {
    (1usize..6, 1usize..6, 0usize..4).prop_flat_map(|(r, c, kind)| {
        // rhs: same shape, a row, a column, or a single element
        let (r2, c2) = match kind {
            0 => (r, c),
            1 => (1, c),
            2 => (r, 1),
            _ => (1, 1),
        };
        (matrix(r, c), matrix(r2, c2))
    })
}

proptest! {
    #[test]
    fn broadcast_add_commutes((a, b) in broadcast_pair()) {
        let ab = &a + &b;
        let ba = &b + &a;
        prop_assert_eq!(ab.dims(), a.dims());
        prop_assert_eq!(&ab, &ba);
        // and agrees with the element-by-element definition
        let [_, c] = a.dims();
        let [r2, c2] = b.dims();
        for (k, &v) in ab.iter().enumerate() {
            let (i, j) = (k / c, k % c);
            prop_assert_eq!(v, a[[i, j]] + b[[i % r2, j % c2]]);
        }
    }

    #[test]
    fn broadcast_mul_through_views_matches_owned((a, b) in broadcast_pair()) {
        let owned = a.clone() * b.clone();
        let viewed = a.view() * b.view();
        prop_assert_eq!(&owned, &viewed);
        let mut c = a.clone();
        c *= &b;
        prop_assert_eq!(&c, &owned);
    }
}
