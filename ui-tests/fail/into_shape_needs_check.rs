//! `into_shape` only converts what needs no run-time check: `Dyn` to the named `Batch` and
//! `Const<4>` to the run-time `Batch` need `try_into_shape`.
use shaped::{dim, Const, Dyn, Tensor};

dim!(Batch);

fn main() {
    let d = Tensor::<f32, (Dyn, Const<3>)>::zeros_with((Dyn(4), Const));
    let _b = d.into_shape::<(Batch, Const<3>)>();
    let c = Tensor::<f32, (Const<4>, Const<3>)>::zeros();
    let _e = c.into_shape::<(Batch, Const<3>)>();
}
