// A (3, 2) matrix is not a (2, 3) matrix.
use shaped::Matrix;

fn main() {
    let _m: Matrix<f64, 2, 3> = Matrix::<f64, 3, 2>::zeros();
}
