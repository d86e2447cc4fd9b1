//! Products that type-check: static, dynamic and mixed dims, views, batches, and inference
//! of the output type with no annotation.
use shaped::{Const, Dyn, Matrix, One, Tensor, Tensor3, Vector};

pub fn main() {
    let a = Matrix::<f32, 2, 3>::zeros();
    let b = Matrix::<f32, 3, 4>::zeros();
    // the output type is inferred: (Const<2>, Const<4>)
    let c = a.matmul(&b);
    let _: &Matrix<f32, 2, 4> = &c;
    // transposed views, owned operands, and matmul_into
    let d = b.t().matmul(a.t());
    let mut out = Matrix::<f32, 4, 2>::zeros();
    b.t().matmul_into(a.t(), &mut out);
    assert_eq!(d, out);
    // Const and Dyn mix through InnerDim: (Dyn, Const<3>) x (Const<3>, Const<4>)
    let x = Tensor::<f32, (Dyn, Const<3>)>::zeros_with((Dyn(5), Const));
    let y: Tensor<f32, (Dyn, Const<4>)> = x.matmul(b.clone());
    assert_eq!(y.dims(), [5, 4]);
    let z = Tensor::<f32, (Dyn, Dyn)>::zeros_with((Dyn(3), Dyn(7)));
    let w: Tensor<f32, (Const<2>, Dyn)> = a.matmul(&z);
    assert_eq!(w.dims(), [2, 7]);
    // batches: equal, One against B, and a 2-D operand against a 3-D one
    let p = Tensor3::<f64, 4, 2, 3>::zeros();
    let q = Tensor3::<f64, 4, 3, 5>::zeros();
    let r: Tensor3<f64, 4, 2, 5> = p.matmul(&q);
    let one = Tensor::<f64, (One, Const<3>, Const<5>)>::zeros();
    let s: Tensor3<f64, 4, 2, 5> = p.matmul(&one);
    let m = Matrix::<f64, 3, 5>::zeros();
    let t: Tensor3<f64, 4, 2, 5> = p.matmul(&m);
    assert_eq!(r, s);
    assert_eq!(s, t);
    // matvec and outer
    let v = Vector::<f32, 3>::ones();
    let u: Vector<f32, 2> = a.matvec(&v);
    let o: Matrix<f32, 2, 3> = u.outer(&v);
    assert_eq!(o.dims(), [2, 3]);
}
