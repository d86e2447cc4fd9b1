// eig and eigvals need a square matrix: a static 2 x 3 matrix has no eigenvalues.
use shaped::Matrix;

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let _e = a.eig();
    let _w = a.eigvals();
}
