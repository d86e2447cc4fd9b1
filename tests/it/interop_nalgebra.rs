//! The `nalgebra` feature against the real nalgebra crate: element (i, j) is kept through the
//! column-major layout, static types map to `Const`, run-time sizes are checked, views share
//! memory.

use nalgebra::{
    DMatrix, DVector, Dyn as NDyn, Matrix2x3, MatrixView, MatrixViewMut, SMatrix, SVector, U1, U2,
    U3,
};
use shaped::{Const, Dyn, Matrix, Tensor, TensorView, TensorViewMut, Vector, tensor};

#[test]
fn static_matrices_map_to_const_dims_both_ways() {
    let n = Matrix2x3::new(1., 2., 3., 4., 5., 6.);
    let t: Matrix<f64, 2, 3> = n.into();
    assert_eq!(t.as_slice(), &[1., 2., 3., 4., 5., 6.]); // not transposed
    let back: SMatrix<f64, 2, 3> = t.into();
    assert_eq!(back, n);
    let v: Vector<f32, 3> = SVector::<f32, 3>::new(1., 2., 3.).into();
    assert_eq!(v.as_slice(), &[1., 2., 3.]);
    let nv: SVector<f32, 3> = v.into();
    assert_eq!(nv.z, 3.0);
}

#[test]
fn dynamic_matrices_are_checked_and_keep_elements_at_every_size() {
    for (m, n) in [(0, 2), (2, 0), (1, 1), (3, 5), (63, 65)] {
        let d = DMatrix::<f64>::from_fn(m, n, |i, j| (100 * i + j) as f64);
        let t = Tensor::<f64, (Dyn, Dyn)>::try_from(d.clone()).unwrap();
        assert_eq!(t.dims(), [m, n]);
        for i in 0..m {
            for j in 0..n {
                assert_eq!(t[[i, j]], d[(i, j)]);
            }
        }
        let back: DMatrix<f64> = t.into();
        assert_eq!(back, d);
    }
    let d = DMatrix::<f64>::zeros(2, 3);
    let e = Tensor::<f64, (Const<3>, Dyn)>::try_from(d.clone()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "from nalgebra: shape (2, 3) does not fit the type's shape (3, _) (`_` is any size)"
    );
    assert!(Tensor::<f64, (Const<2>, Const<3>)>::try_from(d).is_ok());
    let dv = DVector::from_vec(vec![1, 2, 3]);
    assert_eq!(
        Tensor::<i32, (Dyn,)>::try_from(dv.clone())
            .unwrap()
            .as_slice(),
        &[1, 2, 3]
    );
    assert!(Tensor::<i32, (Const<2>,)>::try_from(dv).is_err());
    // A static tensor into a DMatrix, and a mixed one into nalgebra's mixed type.
    let m: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    let dm: DMatrix<f64> = m.clone().into_dyn().into();
    assert_eq!(dm[(1, 0)], 3.0);
    let mixed = Tensor::<f64, (Dyn, Const<2>)>::try_from(dm.clone()).unwrap();
    let nm: nalgebra::OMatrix<f64, NDyn, U2> = mixed.into();
    assert_eq!(nm[(1, 0)], 3.0);
}

#[test]
fn strided_nalgebra_views_convert_by_copy() {
    let d = DMatrix::<f64>::from_fn(5, 6, |i, j| (10 * i + j) as f64);
    let block = d.view((1, 2), (3, 2)); // a strided view
    let t = Tensor::<f64, (Dyn, Const<2>)>::try_from(block).unwrap();
    assert_eq!(t.as_slice(), &[12., 13., 22., 23., 32., 33.]);
    let s = SMatrix::<f64, 4, 4>::from_fn(|i, j| (10 * i + j) as f64);
    let fixed = s.fixed_view::<2, 3>(1, 1);
    let ft: Matrix<f64, 2, 3> = fixed.into();
    assert_eq!(ft.as_slice(), &[11., 12., 13., 21., 22., 23.]);
}

#[test]
fn column_major_tensor_views_are_nalgebra_views_with_the_same_strides() {
    type DView<'a> = MatrixView<'a, f64, NDyn, NDyn, U1, NDyn>;
    let m = Tensor::<f64, (Dyn, Dyn)>::from_fn_with((Dyn(4), Dyn(5)), |[i, j]| (10 * i + j) as f64);
    // The transpose of a row-major tensor is column-major: shared, strides (1, 5).
    let vt = DView::try_from(m.t()).unwrap();
    assert_eq!(vt.strides(), (1, 5));
    assert_eq!(vt.as_ptr(), m.as_slice().as_ptr());
    assert_eq!(vt[(4, 3)], 34.0);
    assert_eq!(vt.clone_owned(), DMatrix::from(m.clone()).transpose());
    // A block of it, and nalgebra arithmetic on it (products read through the strides).
    let block = m.t().slice_axis::<0>(1..4); // (3, 4), strides [1, 5]
    let vb = DView::try_from(block).unwrap();
    assert_eq!(vb[(0, 0)], 1.0);
    let prod = vb.transpose() * vb;
    let dense = DMatrix::from(block.to_tensor());
    assert_eq!(prod, dense.transpose() * &dense);
    let s: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    let sv = MatrixView::<f64, U3, U2, U1, NDyn>::try_from(s.t()).unwrap();
    assert_eq!((sv.transpose() * sv)[(0, 1)], 32.0);
    // A row-major layout is refused, with the reason: nalgebra's products need row stride 1.
    let e = DView::try_from(m.view()).unwrap_err();
    assert!(e.to_string().contains("row stride 1"), "{e}");
    assert_eq!(e.lhs(), &[4, 5]);
    // A single row has a usable layout whatever its strides; a column of a row-major
    // tensor has its rows 5 apart, and is refused.
    assert_eq!(
        DView::try_from(m.slice_axis::<0>(2..3)).unwrap()[(0, 4)],
        24.0
    );
    assert!(DView::try_from(m.slice_axis::<1>(3..4)).is_err());
    // Empty.
    let e = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(0), Dyn(3)));
    assert_eq!(DView::try_from(e.view()).unwrap().shape(), (0, 3));
    assert_eq!(DView::try_from(e.t()).unwrap().shape(), (3, 0));
    // Mutable: writes land in the tensor; overlapping columns are refused.
    let mut w = Matrix::<f64, 2, 2>::zeros();
    let mut wt = w.view_mut().t_mut();
    let mut nv = MatrixViewMut::<f64, U2, U2, U1, NDyn>::try_from(&mut wt).unwrap();
    nv[(1, 0)] = 3.0; // element [0, 1]
    assert_eq!(w.as_slice(), &[0., 3., 0., 0.]);
    let mut data = [0.0; 3];
    let mut overlap =
        shaped::TensorViewMut::from_slice_strided(&mut data, (Dyn(2), Dyn(2)), [1, 1]).unwrap();
    let e = MatrixViewMut::<f64, NDyn, NDyn, U1, NDyn>::try_from(&mut overlap).unwrap_err();
    assert!(e.to_string().contains("overlap"), "{e}");
}

#[test]
fn nalgebra_matrices_are_tensor_views_in_column_major_order() {
    let d = DMatrix::<f64>::from_fn(3, 4, |i, j| (10 * i + j) as f64);
    let v = TensorView::<f64, (Dyn, Dyn)>::from(&d);
    assert_eq!(v.strides(), [1, 3]);
    assert_eq!(v[[2, 3]], 23.0);
    assert!(v.as_slice().is_none()); // column-major is not row-major: no silent transpose
    assert_eq!(v.t().as_slice(), Some(d.as_slice()));
    let s = SMatrix::<f32, 2, 2>::new(1., 2., 3., 4.);
    let sv = TensorView::from(&s);
    let _: &TensorView<f32, (Const<2>, Const<2>)> = &sv;
    assert_eq!(sv.to_tensor().as_slice(), &[1., 2., 3., 4.]);

    let mut d = DMatrix::<f64>::zeros(2, 2);
    let mut w = TensorViewMut::from(&mut d);
    w[[0, 1]] = 7.0;
    assert_eq!(d[(0, 1)], 7.0);
}
