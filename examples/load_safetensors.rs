//! Loading model weights from a safetensors file into typed shapes: the dtype and the shape
//! of each tensor are checked, and f16 weights widen to f32.
//!
//! Run it with `cargo run --example load_safetensors --features safetensors`. It reads
//! `tests/data/ecosystem/weights.safetensors` (written by the Python safetensors package; see
//! `make_fixtures.py` beside it), then writes and re-reads a file of its own.

use shaped::io::safetensors::{Safetensors, SafetensorsWriter};
use shaped::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/ecosystem/weights.safetensors"
    );
    let st = Safetensors::read(path)?;
    for name in st.names() {
        if let Some((dtype, shape)) = st.info(&name) {
            println!("{name:>6}: {dtype:?} {shape:?}");
        }
    }

    // A (2, 3) weight matrix and a bias of 3, as the model code expects them.
    let w = st.tensor::<f32, (Const<2>, Const<3>)>("w")?;
    let b = st.tensor::<f32, (Const<3>,)>("b")?;
    let x: Vector<f32, 2> = tensor![1.0, -1.0];
    let y = w.t().matvec(&x) + &b;
    println!("x W + b = {y}");

    // f16 data widen exactly to f32.
    let h = st.tensor::<f32, (Dyn, Dyn)>("h")?;
    println!("the f16 tensor as f32:\n{h}");

    // A shape mistake is an error naming the tensor and both shapes.
    if let Err(e) = st.tensor::<f32, (Const<3>, Const<2>)>("w") {
        println!("as expected: {e}");
    }

    // Write a set of tensors and read it back.
    let out = std::env::temp_dir().join("shaped_example.safetensors");
    SafetensorsWriter::new()
        .metadata("format", "pt")
        .add("w_t", &w.t())?
        .add("y", &y)?
        .write(&out)?;
    let back = Safetensors::read(&out)?;
    assert_eq!(
        back.tensor::<f32, (Const<3>, Const<2>)>("w_t")?,
        w.t().to_tensor()
    );
    println!("wrote and re-read {}", out.display());
    std::fs::remove_file(&out).ok();
    Ok(())
}
