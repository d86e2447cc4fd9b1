//! take_along_axis wants indices of the same rank as the tensor.
use shaped::{Matrix, Vector};

fn main() {
    let x = Matrix::<f64, 2, 3>::zeros();
    let idx = Vector::<usize, 2>::zeros();
    let _picked = x.take_along_axis::<1, _>(&idx);
}
