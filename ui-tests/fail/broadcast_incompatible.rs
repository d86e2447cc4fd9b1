//! (5, 3) + (5,): the trailing axes (3 vs 5) do not broadcast.
use shaped::{Matrix, Vector};

fn main() {
    let x = Matrix::<f32, 5, 3>::zeros();
    let bias = Vector::<f32, 5>::zeros();
    let _y = x + bias;
}
