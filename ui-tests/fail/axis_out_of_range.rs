//! A matrix has axes 0 and 1: summing over axis 2 does not compile.
use shaped::Matrix;

fn main() {
    let x = Matrix::<f64, 2, 3>::zeros();
    let _s = x.sum_axis::<2>();
}
