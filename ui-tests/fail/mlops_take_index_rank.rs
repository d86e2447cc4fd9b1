//! take::<A, _>(&idx) wants a vector of indices, not a matrix.
use shaped::{Matrix, Tensor};

fn main() {
    let x = Matrix::<f64, 5, 3>::zeros();
    let idx = Tensor::<usize, (shaped::Const<2>, shaped::Const<2>)>::zeros();
    let _rows = x.take::<0, _>(&idx);
}
