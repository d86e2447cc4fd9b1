//! Only a `One` axis can be squeezed.
use shaped::Matrix;

fn main() {
    let x = Matrix::<f64, 1, 3>::zeros();
    let _v = x.squeeze::<0>();
}
