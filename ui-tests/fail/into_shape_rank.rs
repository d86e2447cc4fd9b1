// try_into_shape retypes each axis; it cannot change the rank.
use shaped::{Const, Dyn, Tensor};

fn main() {
    let d = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(3)));
    let _s = d.try_into_shape::<(Const<2>, Const<3>, Const<1>)>();
}
