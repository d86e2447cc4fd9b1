//! Broadcasting, reductions and norms that fit: static and dynamic dims mix.
use shaped::{Const, Dyn, Matrix, One, Tensor, Vector};

pub fn main() {
    let x = Matrix::<f64, 4, 3>::from_fn(|[i, j]| (i * 3 + j) as f64);
    let bias = Vector::<f64, 3>::ones();
    let y: Matrix<f64, 4, 3> = &x + &bias; // (4, 3) + (3,)
    let row = Tensor::<f64, (One, Const<3>)>::ones();
    let z: Matrix<f64, 4, 3> = &y - &row; // (4, 3) - (One, 3)
    assert_eq!(z, x);
    let d = x.clone().into_dyn();
    let w: Tensor<f64, (Dyn, Dyn)> = &d * 2.0;
    assert_eq!(w.sum(), 2.0 * x.sum());
    let centred = &x - &x.mean_keepdim::<0>();
    let sums: Vector<f64, 3> = centred.sum_axis::<0>();
    assert!(sums.norm_linf() < 1e-12);
    let unit = x.normalize_rows(1e-12);
    assert!((unit.row(1).to_tensor().norm_l2() - 1.0).abs() < 1e-12);
    let v: Vector<f64, 3> = x.sum_keepdim::<0>().squeeze::<0>();
    assert_eq!(v.dot(&bias), x.sum());
}
