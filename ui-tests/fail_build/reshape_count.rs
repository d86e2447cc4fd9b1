// A static reshape must keep the element count: 2 x 6 = 12 elements cannot become 4 x 4 = 16.
use shaped::{Const, Matrix};

fn main() {
    let m = Matrix::<f64, 2, 6>::zeros();
    let _r = m.reshape::<(Const<4>, Const<4>)>();
}
