use shaped::{Matrix, Tensor3};

fn main() {
    // Contracting one axis of (2, 3, 4) with (4, 3, 2) leaves (2, 3, 3, 2), not a matrix.
    let a = Tensor3::<f64, 2, 3, 4>::zeros();
    let b = Tensor3::<f64, 4, 3, 2>::zeros();
    let _c: Matrix<f64, 2, 2> = a.tensordot::<1, _>(&b);
}
