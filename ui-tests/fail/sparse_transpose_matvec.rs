use shaped::sparse::Csr;
use shaped::{Const, Vector};

fn main() {
    // The transpose of a (3, 4) matrix is (4, 3): it takes vectors of length 3, not 4.
    let a = Csr::<f64, Const<3>, Const<4>>::zeros((Const, Const));
    let x = Vector::<f64, 4>::zeros();
    let _y = a.transpose().matvec(&x);
}
