// A matrix has axes 0 and 1: there is no axis 2 to select along.
use shaped::Matrix;

fn main() {
    let m = Matrix::<f64, 2, 3>::zeros();
    let _row = m.select::<2>(0);
}
