use shaped::sparse::Csr;
use shaped::{Const, Matrix};

fn main() {
    let a = Csr::<f64, Const<3>, Const<4>>::zeros((Const, Const));
    let b = Matrix::<f64, 5, 2>::zeros();
    let _c = a.matmul(&b);
}
