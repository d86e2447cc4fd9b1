//! `into_shape` from `Const<5>` to a named dim of size 6: checked at build (under `cargo
//! build`, not `cargo check`).
use shaped::{dim, Const, Tensor};

dim!(Features = 6);

fn main() {
    let c = Tensor::<f32, (Const<2>, Const<5>)>::zeros();
    let _f = c.into_shape::<(Const<2>, Features)>();
}
