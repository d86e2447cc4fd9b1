//! The `faer` feature against the real faer crate: views share memory where one stride is 1,
//! the other layouts are errors, owned conversions keep element (i, j), sizes are checked.

use faer::{Mat, MatMut, MatRef};
use shaped::{Axes3, Const, Dyn, Matrix, Tensor, Tensor3, tensor};

fn grid(m: usize, n: usize) -> Tensor<f64, (Dyn, Dyn)> {
    Tensor::from_fn_with((Dyn(m), Dyn(n)), |[i, j]| (100 * i + j) as f64)
}

#[test]
fn tensors_are_faer_views_without_a_copy() {
    for (m, n) in [(0, 3), (3, 0), (1, 1), (4, 7), (63, 65)] {
        let t = grid(m, n);
        let r = MatRef::from(&t);
        assert_eq!((r.nrows(), r.ncols()), (m, n));
        for i in 0..m {
            for j in 0..n {
                assert_eq!(r[(i, j)], t[[i, j]]);
            }
        }
        let rt = MatRef::try_from(t.t()).unwrap();
        assert_eq!((rt.nrows(), rt.ncols()), (n, m));
        if m > 0 && n > 0 {
            assert_eq!(r.as_ptr(), t.as_slice().as_ptr());
            assert_eq!(rt[(n - 1, m - 1)], t[[m - 1, n - 1]]);
        }
    }
}

#[test]
fn blocks_rows_and_columns_of_views_convert() {
    let t = grid(5, 6);
    let block = t.slice_axis::<1>(1..4).slice_axis::<0>(2..5);
    let r = MatRef::try_from(block).unwrap();
    assert_eq!(r[(0, 0)], 201.0);
    assert_eq!(r[(2, 2)], 403.0);
    // A column of a 3-D tensor: strides [12, 1] after select.
    let x = Tensor3::<f64, 2, 3, 4>::from_fn(|[i, j, k]| (100 * i + 10 * j + k) as f64);
    let s = x.select::<0>(1);
    let r = MatRef::try_from(s).unwrap();
    assert_eq!(r[(2, 3)], 123.0);
    // A permuted 3-D view selected down to strides with no 1: an error that says so.
    let p = x.permute::<Axes3<2, 1, 0>>(); // (4, 3, 2), strides [1, 4, 12]
    let q = p.select::<0>(1); // (3, 2), strides [4, 12]
    let e = MatRef::try_from(q).unwrap_err();
    assert!(
        e.to_string()
            .contains("a faer view needs a row or column stride of 1"),
        "{e}"
    );
    assert_eq!(e.lhs(), &[3, 2]);
    // Copying first works.
    let copied = q.to_tensor();
    let r = MatRef::from(&copied);
    assert_eq!(r[(2, 1)], 121.0);
}

#[test]
fn mutable_views_write_through() {
    let mut m = Matrix::<f64, 2, 3>::zeros();
    {
        let mut f = MatMut::from(&mut m);
        f[(1, 2)] = 5.0;
    }
    assert_eq!(m[[1, 2]], 5.0);
    let mut v = m.view_mut().t_mut();
    let mut f = MatMut::try_from(&mut v).unwrap();
    f[(0, 1)] = 4.0; // element [1, 0]
    assert_eq!(m[[1, 0]], 4.0);
}

#[test]
fn owned_conversions_keep_elements_and_check_sizes() {
    let m: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    let f = Mat::from(m.clone());
    assert_eq!(f[(1, 0)], 4.0);
    let back = Tensor::<f64, (Const<2>, Const<3>)>::try_from(f.as_ref()).unwrap();
    assert_eq!(back, m);
    let back = Tensor::<f64, (Dyn, Dyn)>::try_from(f.clone()).unwrap();
    assert_eq!(back.as_slice(), m.as_slice());
    // A transposed faer view (strides swapped) copies to the transposed tensor.
    let ft = Tensor::<f64, (Const<3>, Const<2>)>::try_from(f.as_ref().transpose()).unwrap();
    assert_eq!(ft.as_slice(), &[1., 4., 2., 5., 3., 6.]);
    let e = Tensor::<f64, (Dyn, Const<2>)>::try_from(f.as_ref()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "from faer: shape (2, 3) does not fit the type's shape (_, 2) (`_` is any size)"
    );
    // faer's own solver on a borrowed tensor.
    let a: Matrix<f64, 2, 2> = tensor![[4., 1.], [1., 3.]];
    let prod = MatRef::from(&a) * MatRef::from(&a);
    assert_eq!(prod[(0, 0)], 17.0);
}
