//! Adding vectors of different static lengths does not compile.
use shaped::Vector;

fn main() {
    let a = Vector::<f64, 3>::zeros();
    let b = Vector::<f64, 4>::zeros();
    let _c = &a + &b;
}
