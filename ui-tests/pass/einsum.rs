use shaped::{Const, Dyn, Matrix, One, Tensor, Vector, einsum, try_einsum};

pub fn main() {
    let x = Matrix::<f32, 4, 3>::zeros();
    let w = Matrix::<f32, 3, 2>::zeros();
    let y: Matrix<f32, 4, 2> = einsum!("nd,dm->nm", x, w);
    let d = Tensor::<f32, (Dyn, Const<3>)>::zeros_with((Dyn(5), Const));
    // implicit output: the letters used once, in ASCII order: "mn"
    let g: Tensor<f32, (Const<2>, Dyn)> = einsum!("nd,dm", &d, w.view());
    let b = Tensor::<f32, (One, Const<3>)>::zeros();
    let s: Vector<f32, 3> = einsum!("ij,ij->j", b, x);
    let r = try_einsum!("...d,d->...", d, Vector::<f32, 3>::zeros());
    assert_eq!(y.dims(), [4, 2]);
    assert_eq!(g.dims(), [2, 5]);
    assert_eq!(s.dims(), [3]);
    assert_eq!(r.unwrap().dims(), [5]);
}
