//! (Batch, Features) + (Seq, Features): two named dims never relate, even if their sizes
//! could be equal; the error prints the names.
use shaped::{dim, Tensor};

dim!(Batch);
dim!(Seq);
dim!(Features = 300);

fn main() {
    let x = Tensor::<f32, (Batch, Features)>::zeros_with((Batch(32), Features));
    let y = Tensor::<f32, (Seq, Features)>::zeros_with((Seq(32), Features));
    let _z = &x + &y;
}
