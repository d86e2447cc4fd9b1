use shaped::{Const, Tensor};

fn main() {
    // Two rows of 3-vectors against four: the leading dims, 2 and 4, do not broadcast.
    let a = Tensor::<f64, (Const<2>, Const<3>)>::zeros();
    let b = Tensor::<f64, (Const<4>, Const<3>)>::zeros();
    let _c = a.cross_broadcast(&b);
}
