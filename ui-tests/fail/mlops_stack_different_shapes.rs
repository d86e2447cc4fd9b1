//! Tensor::stack joins tensors of one shape: a (2, 3) and a (2, 4) do not stack.
use shaped::{Matrix, Tensor};

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let b = Matrix::<f64, 2, 4>::zeros();
    let _s = Tensor::stack::<0, _>(&[&a, &b]);
}
