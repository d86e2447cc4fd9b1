//! A generic `B` relates to itself and to `One`, not to another dim: adding a (4, 3) to a
//! (B, 3) does not compile for every `B`. The message names both and says how to check it.
use shaped::{Const, Dim, Matrix, Tensor, Vector};

fn shift<B: Dim>(x: &Tensor<f32, (B, Const<3>)>, y: &Matrix<f32, 4, 3>) -> usize {
    let z = x + y;
    z.numel()
}

fn weight<B: Dim>(x: &Tensor<f32, (B, Const<3>)>, w: &Matrix<f32, 4, 3>) -> usize {
    let z = w.matmul(x);
    z.numel()
}

// For a generic `B` the only `SameDim` impl is the reflexive one, so inference takes the other
// length to be `B`: the error says the operand is not a tensor of shape `(B,)`, naming both.
fn score<B: Dim>(x: &Tensor<f32, (B,)>, w: &Vector<f32, 4>) -> f32 {
    x.dot(w)
}

fn main() {}
