use shaped::sparse::Csr;
use shaped::{Const, Vector};

fn main() {
    let a = Csr::<f64, Const<3>, Const<4>>::zeros((Const, Const));
    let x = Vector::<f64, 5>::zeros();
    let _y = a.matvec(&x);
}
