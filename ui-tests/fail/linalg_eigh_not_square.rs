// eigh needs a square matrix: a static 3 x 4 matrix has no eigendecomposition.
use shaped::Matrix;

fn main() {
    let a = Matrix::<f64, 3, 4>::zeros();
    let _e = a.eigh();
}
