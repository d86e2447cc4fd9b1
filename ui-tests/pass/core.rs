//! Shapes that fit: static and dynamic dims mix, reshapes with matching counts build.
use shaped::{Axes3, Const, Dyn, Matrix, Tensor, Tensor3, Vector};

pub fn main() {
    let v = Vector::<f64, 6>::from_fn(|[i]| i as f64);
    let m: Matrix<f64, 2, 3> = v.reshape::<(Const<2>, Const<3>)>();
    let d: Tensor<f64, (Dyn, Dyn)> = m.clone().into_dyn();
    let back = d.try_into_shape::<(Const<2>, Const<3>)>().unwrap();
    assert_eq!(back, m);
    let x = Tensor3::<f32, 2, 3, 4>::zeros();
    let p = x.permute::<Axes3<2, 0, 1>>();
    assert_eq!(p.dims(), [4, 2, 3]);
    assert_eq!(m[[1, 2]], 5.0);
}
