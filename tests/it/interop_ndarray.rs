//! The `ndarray` feature against the real ndarray crate: owned conversions both ways, views
//! without a copy (checked by pointer), the layouts that cannot be borrowed, checked shapes.

use ndarray::{
    Array, Array1, Array2, Array3, ArrayD, ArrayView2, ArrayViewMut2, IxDyn, ShapeBuilder, array, s,
};
use shaped::{Const, Dyn, Matrix, One, Tensor, Tensor3, TensorView, TensorViewMut, Vector, tensor};

fn grid(m: usize, n: usize) -> Tensor<f64, (Dyn, Dyn)> {
    Tensor::from_fn_with((Dyn(m), Dyn(n)), |[i, j]| (100 * i + j) as f64)
}

#[test]
fn owned_round_trips_keep_every_element_at_every_size() {
    for (m, n) in [(0, 3), (3, 0), (1, 1), (2, 3), (63, 65), (67, 1)] {
        let t = grid(m, n);
        let a: Array2<f64> = t.clone().into();
        assert_eq!(a.dim(), (m, n));
        for i in 0..m {
            for j in 0..n {
                assert_eq!(a[[i, j]], t[[i, j]]);
            }
        }
        let back = Tensor::<f64, (Dyn, Dyn)>::try_from(a).unwrap();
        assert_eq!(back, t);
    }
}

#[test]
fn every_rank_converts() {
    let s0 = Tensor::<i32, ()>::from_vec((), vec![7]).unwrap();
    let a0: Array<i32, ndarray::Ix0> = s0.into();
    assert_eq!(a0[[]], 7);
    let t3 = Tensor3::<i32, 2, 3, 4>::from_fn(|[i, j, k]| (100 * i + 10 * j + k) as i32);
    let a3: Array3<i32> = t3.clone().into();
    assert_eq!(a3[[1, 2, 3]], 123);
    let t6 = Tensor::<u8, (Const<1>, Const<2>, Const<1>, Const<2>, Const<1>, Const<2>)>::ones();
    let a6: Array<u8, ndarray::Ix6> = t6.into();
    assert_eq!(a6.len(), 8);
    // A dynamic-rank array converts into any rank that matches.
    let d: ArrayD<i32> = Array::from(t3.clone()).into_dyn();
    let back = Tensor::<i32, (Dyn, Const<3>, Dyn)>::try_from(d).unwrap();
    assert_eq!(back.as_slice(), t3.as_slice());
    let d = ArrayD::<f64>::zeros(IxDyn(&[2, 3]));
    let e = Tensor::<f64, (Dyn, Dyn, Dyn)>::try_from(d).unwrap_err();
    assert_eq!(
        e.to_string(),
        "from ndarray: shape (2, 3) does not fit the type's shape (_, _, _) (`_` is any size)"
    );
    // `One` axes take size 1 only.
    let col = Array2::<f64>::zeros((3, 1));
    assert!(Tensor::<f64, (Dyn, One)>::try_from(col).is_ok());
    let row = Array2::<f64>::zeros((3, 2));
    assert!(Tensor::<f64, (Dyn, One)>::try_from(row).is_err());
}

#[test]
fn owned_arrays_in_any_layout_keep_their_elements() {
    let f = Array2::from_shape_fn((3, 4).f(), |(i, j)| (10 * i + j) as f64);
    let t = Tensor::<f64, (Const<3>, Const<4>)>::try_from(f.clone()).unwrap();
    assert_eq!(t[[2, 3]], 23.0);
    // A transposed owned array, and one sliced in place (its data no longer start at 0).
    let tt = Tensor::<f64, (Const<4>, Const<3>)>::try_from(f.clone().reversed_axes()).unwrap();
    assert_eq!(tt[[3, 2]], 23.0);
    let mut big = Array2::from_shape_fn((4, 4), |(i, j)| (10 * i + j) as f64);
    big.slice_collapse(s![1.., ..]);
    let sl = Tensor::<f64, (Dyn, Const<4>)>::try_from(big).unwrap();
    assert_eq!(sl.dims(), [3, 4]);
    assert_eq!(sl[[0, 0]], 10.0);
    // Negative strides copy through the ArrayView conversion.
    let a = array![[1, 2, 3], [4, 5, 6]];
    let rev = Tensor::<i32, (Dyn, Dyn)>::try_from(a.slice(s![..;-1, ..])).unwrap();
    assert_eq!(rev.as_slice(), &[4, 5, 6, 1, 2, 3]);
}

#[test]
fn tensor_views_become_array_views_without_a_copy() {
    let m = grid(5, 7);
    let v: ArrayView2<f64> = (&m).into();
    assert_eq!(v.as_ptr(), m.as_slice().as_ptr());
    // Transposed, sliced and selected views keep their strides.
    let t: ArrayView2<f64> = m.t().into();
    assert_eq!(t.strides(), &[1, 7]);
    assert_eq!(t.as_ptr(), m.as_slice().as_ptr());
    assert_eq!(t, Array2::from(m.clone()).t());
    let block = m.slice_axis::<1>(2..5);
    let b: ArrayView2<f64> = block.into();
    assert_eq!(b.dim(), (5, 3));
    assert_eq!(b[[4, 2]], 404.0);
    let col = m.col(6);
    let c: ndarray::ArrayView1<f64> = col.into();
    assert_eq!(c.to_vec(), vec![6.0, 106.0, 206.0, 306.0, 406.0]);
    // Empty views.
    let e = grid(0, 4);
    let ev: ArrayView2<f64> = e.t().into();
    assert_eq!(ev.dim(), (4, 0));
}

#[test]
fn mutable_views_write_through() {
    let mut m = Matrix::<f64, 2, 3>::zeros();
    let mut a = ArrayViewMut2::from(&mut m);
    a[[1, 2]] = 5.0;
    a.row_mut(0).fill(1.0);
    assert_eq!(m.as_slice(), &[1., 1., 1., 0., 0., 5.]);

    let mut f = Array2::<f64>::zeros((3, 2).f());
    {
        let mut v = TensorViewMut::<f64, (Const<3>, Const<2>)>::try_from(f.view_mut()).unwrap();
        assert_eq!(v.strides(), [1, 3]);
        v[[2, 1]] = 9.0;
    }
    assert_eq!(f[[2, 1]], 9.0);
}

#[test]
fn array_views_become_tensor_views_when_contiguous() {
    let a = Array2::from_shape_fn((4, 6), |(i, j)| (10 * i + j) as f32);
    let v = TensorView::<f32, (Dyn, Const<6>)>::try_from(a.view()).unwrap();
    assert_eq!(v.as_slice().unwrap().as_ptr(), a.as_ptr());
    let t = TensorView::<f32, (Const<6>, Dyn)>::try_from(a.t()).unwrap();
    assert_eq!(t[[5, 3]], 35.0);
    assert_eq!(
        t.to_tensor(),
        Tensor::<f32, (Const<6>, Dyn)>::try_from(a.t()).unwrap()
    );
    // A 3-D permutation is contiguous in memory too.
    let a3 = Array::from_shape_fn((2, 3, 4), |(i, j, k)| (100 * i + 10 * j + k) as i64);
    let p = a3.view().permuted_axes([2, 0, 1]);
    let tv = TensorView::<i64, (Const<4>, Const<2>, Const<3>)>::try_from(p).unwrap();
    assert_eq!(tv[[3, 1, 2]], 123);
    // Row and column vectors of an owned 1-D array.
    let x = Array1::from(vec![1.0, 2.0]);
    assert_eq!(
        TensorView::<f64, (Const<2>,)>::try_from(x.view())
            .unwrap()
            .as_slice(),
        Some(&[1.0, 2.0][..])
    );
}

#[test]
fn layouts_a_tensor_view_cannot_borrow_are_errors_not_copies() {
    let a = Array2::from_shape_fn((4, 6), |(i, j)| (10 * i + j) as f64);
    let e = TensorView::<f64, (Dyn, Dyn)>::try_from(a.slice(s![.., 1..3])).unwrap_err();
    assert!(e.to_string().contains("not contiguous in memory"), "{e}");
    assert!(
        e.to_string().contains("copy it with `Tensor::try_from`"),
        "{e}"
    );
    let e = TensorView::<f64, (Dyn, Dyn)>::try_from(a.slice(s![..;-1, ..])).unwrap_err();
    assert!(e.to_string().contains("negative stride"), "{e}");
    // The copy works for both.
    let c = Tensor::<f64, (Dyn, Const<2>)>::try_from(a.slice(s![.., 1..3])).unwrap();
    assert_eq!(c[[3, 1]], 32.0);
    // A shape mismatch names both shapes.
    let e = TensorView::<f64, (Const<4>, Const<5>)>::try_from(a.view()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "TensorView from ndarray: shape (4, 6) does not fit the type's shape (4, 5) (`_` is any size)"
    );
}

#[test]
fn vectors_and_static_shapes() {
    let x: Vector<f64, 3> = tensor![1., 2., 3.];
    let a: Array1<f64> = x.clone().into();
    assert_eq!(a.to_vec(), vec![1., 2., 3.]);
    let back = Vector::<f64, 3>::try_from(a.clone()).unwrap();
    assert_eq!(back, x);
    let e = Vector::<f64, 4>::try_from(a).unwrap_err();
    assert_eq!(e.op(), "from ndarray");
    assert_eq!(e.lhs(), &[3]);
}
