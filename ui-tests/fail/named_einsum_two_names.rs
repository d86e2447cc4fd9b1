//! einsum: the index `d` is bound to `Features` in one operand and `Hidden` in the other.
use shaped::{dim, einsum, Tensor};

dim!(Batch);
dim!(Features = 16);
dim!(Hidden = 16);

fn main() {
    let x = Tensor::<f32, (Batch, Features)>::zeros_with((Batch(4), Features));
    let w = Tensor::<f32, (Hidden, Hidden)>::zeros();
    let _y = einsum!("bd,de->be", x, w);
}
