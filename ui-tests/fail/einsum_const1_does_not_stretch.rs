use shaped::{einsum, Const, Tensor};

fn main() {
    let a = Tensor::<f64, (Const<1>, Const<3>)>::zeros();
    let b = Tensor::<f64, (Const<4>, Const<3>)>::zeros();
    let _c = einsum!("ij,ij->ij", a, b);
}
