// A matrix is indexed with two indices.
use shaped::Matrix;

fn main() {
    let m = Matrix::<f64, 2, 3>::zeros();
    let _x = m[[0, 1, 2]];
}
