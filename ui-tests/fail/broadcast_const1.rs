//! A `Const<1>` axis does not stretch: only `One` does.
use shaped::{Const, Matrix, Tensor};

fn main() {
    let x = Matrix::<f64, 4, 3>::zeros();
    let row = Tensor::<f64, (Const<1>, Const<3>)>::zeros();
    let _y = &x - &row;
}
