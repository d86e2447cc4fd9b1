//! Shapes that must compile: static, dynamic and mixed operands of the LU, Cholesky and QR
//! methods, and the derived K = MinOf<M, N> of a thin QR.
use shaped::{Const, Dyn, Lower, Matrix, MinOf, Tensor, Vector};

pub fn main() {
    let a = Matrix::<f64, 3, 3>::eye();
    let b = Vector::<f64, 3>::ones();
    let _x: Vector<f64, 3> = a.solve(&b).unwrap();
    let bd = Tensor::<f64, (Dyn, Const<2>)>::zeros_with((Dyn(3), Const));
    let _y: Tensor<f64, (Dyn, Const<2>)> = a.solve(&bd).unwrap();
    let ad = Tensor::<f64, (Dyn, Dyn)>::eye_with((Dyn(3), Dyn(3)));
    let _z = ad.solve(&b).unwrap();
    let _l = a.cholesky().unwrap().solve(&b).unwrap();
    let _t = a.t().solve_triangular(&b, Lower).unwrap();
    let w = Matrix::<f32, 2, 5>::zeros();
    let qr = w.qr().unwrap();
    let _q: Tensor<f32, (Const<2>, MinOf<Const<2>, Const<5>>)> = qr.q;
    let _d = a.det() + a.slogdet().1;
}
