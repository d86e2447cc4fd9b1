use shaped::{Matrix, Tensor};

fn main() {
    // kron takes operands of rank 1 to 4; this one has rank 5.
    let a = Tensor::<f64, (shaped::Const<1>, shaped::Const<1>, shaped::Const<1>, shaped::Const<2>, shaped::Const<2>)>::zeros();
    let b = Matrix::<f64, 2, 2>::eye();
    let _k = a.kron(&b);
}
