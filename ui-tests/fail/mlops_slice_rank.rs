//! A multi-axis slice gives one range per axis.
use shaped::Matrix;

fn main() {
    let x = Matrix::<f64, 4, 5>::zeros();
    let _v = x.slice((.., 1..3, ..));
}
