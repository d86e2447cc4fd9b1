use shaped::{Const, Tensor};

fn main() {
    // A (4, 2) grid of 3 x 3 matrices against a (3, 2) grid of right-hand sides: the first
    // batch dims, 4 and 3, do not broadcast.
    let a = Tensor::<f64, (Const<4>, Const<2>, Const<3>, Const<3>)>::zeros();
    let b = Tensor::<f64, (Const<3>, Const<2>, Const<3>, Const<1>)>::zeros();
    let _x = a.solve(&b);
}
