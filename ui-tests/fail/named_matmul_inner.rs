//! (Batch, Features) x (Hidden, Out): the inner dims are different named dims, though both
//! have 128 as size.
use shaped::{dim, Tensor};

dim!(Batch);
dim!(Features = 128);
dim!(Hidden = 128);
dim!(Out = 10);

fn main() {
    let x = Tensor::<f32, (Batch, Features)>::zeros_with((Batch(32), Features));
    let w = Tensor::<f32, (Hidden, Out)>::zeros();
    let _y = x.matmul(&w);
}
