//! Adopting `shaped` inside ndarray code, one function at a time: arrays come in, a typed
//! function checks their shapes once, and results go back out as arrays.
//!
//! Run it with `cargo run --example interop_ndarray --features ndarray`.

use ndarray::{Array2, ArrayView2, array};
use shaped::prelude::*;

/// A typed layer: (N, 3) inputs, a (3, 2) weight matrix, (N, 2) outputs.
fn layer(x: &Tensor<f64, (Dyn, Const<3>)>, w: &Matrix<f64, 3, 2>) -> Tensor<f64, (Dyn, Const<2>)> {
    x.matmul(w).map(|v| v.max(0.0))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The existing code base holds ndarray arrays.
    let inputs: Array2<f64> = array![[1., 2., 3.], [-1., 0., 1.], [0.5, 0.5, 0.5], [2., -2., 0.]];
    let weights: Array2<f64> = array![[1., 0.], [0., 1.], [1., -1.]];

    // Into typed shapes: the run-time sizes are checked here, once.
    let x = Tensor::<f64, (Dyn, Const<3>)>::try_from(inputs.clone())?;
    let w = Matrix::<f64, 3, 2>::try_from(weights.clone())?;
    let y = layer(&x, &w);
    println!("layer output, shape {:?}:\n{y}", y.dims());

    // Back to ndarray for the rest of the pipeline.
    let out: Array2<f64> = y.into();
    assert_eq!(out, (inputs.dot(&weights)).mapv(|v: f64| v.max(0.0)));

    // Views cross without a copy: a transposed ndarray view is a strided TensorView.
    let xt = TensorView::<f64, (Const<3>, Dyn)>::try_from(inputs.t())?;
    println!(
        "the inputs transposed, strides {:?}: column sums {}",
        xt.strides(),
        xt.sum_axis::<1>()
    );
    let back: ArrayView2<f64> = x.t().into();
    assert_eq!(back, inputs.t());

    // A shape mistake in the data is an error that names both shapes.
    let wrong = Array2::<f64>::zeros((4, 4));
    match Tensor::<f64, (Dyn, Const<3>)>::try_from(wrong) {
        Err(e) => println!("as expected: {e}"),
        Ok(_) => unreachable!("a (4, 4) array is not (_, 3)"),
    }
    Ok(())
}
