//! Handing `shaped` tensors to faer without a copy, and taking faer results back with their
//! sizes checked.
//!
//! Run it with `cargo run --example interop_faer --features faer`.

use faer::{Mat, MatRef};
use shaped::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];

    // Borrowed: faer sees the tensor's memory, with row stride 3 and column stride 1.
    let r = MatRef::from(&a);
    println!(
        "faer view: {} x {}, row stride {}",
        r.nrows(),
        r.ncols(),
        r.row_stride()
    );
    // A transposed view maps too (row stride 1, column stride 3): no copy, no silent transpose.
    let rt = MatRef::try_from(a.t())?;
    let gram = r * rt; // faer's product of A and A^T
    println!("A A^T computed by faer: {:?}", gram);

    // faer's result back into a typed shape: the sizes are checked.
    let g = Matrix::<f64, 2, 2>::try_from(gram.as_ref())?;
    assert_eq!(g, a.matmul(a.t()));
    println!("back in shaped:\n{g}");

    let m = Mat::<f64>::from_fn(3, 4, |i, j| (i + j) as f64);
    if let Err(e) = Tensor::<f64, (Dyn, Const<3>)>::try_from(m.as_ref()) {
        println!("as expected: {e}");
    }
    Ok(())
}
