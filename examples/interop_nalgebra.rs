//! Moving matrices between nalgebra and `shaped`: static types map to `Const` dims, element
//! (i, j) stays (i, j) although nalgebra stores columns first, and borrowed matrices cross
//! without a copy.
//!
//! Run it with `cargo run --example interop_nalgebra --features nalgebra`.

use nalgebra::{DMatrix, Matrix3, Vector3};
use shaped::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Static nalgebra types become static tensors: no check needed, none done.
    let a_na = Matrix3::new(4., 1., 0., 1., 3., 1., 0., 1., 2.);
    let b_na = Vector3::new(1., 2., 3.);
    let a: Matrix<f64, 3, 3> = a_na.into();
    let b: Vector<f64, 3> = b_na.into();
    let x = a.cholesky()?.solve(&b)?;
    let x_na: Vector3<f64> = x.clone().into();
    println!("solution of A x = b: {x}");
    assert!((a_na * x_na - b_na).norm() < 1e-12);

    // Run-time sizes are checked when they enter a typed shape.
    let d = DMatrix::from_fn(5, 3, |i, j| (i * 3 + j) as f64);
    let t = Tensor::<f64, (Dyn, Const<3>)>::try_from(d.clone())?;
    println!("from a 5x3 DMatrix:\n{t}");
    if let Err(e) = Tensor::<f64, (Dyn, Const<4>)>::try_from(d.clone()) {
        println!("as expected: {e}");
    }

    // A borrowed DMatrix is a column-major TensorView: strides [1, 5], no copy, no transpose.
    let v = TensorView::<f64, (Dyn, Dyn)>::from(&d);
    println!(
        "the DMatrix viewed in place: strides {:?}, v[[4, 2]] = {}",
        v.strides(),
        v[[4, 2]]
    );
    assert_eq!(v[[4, 2]], d[(4, 2)]);
    Ok(())
}
