//! The dot product of vectors of different static lengths does not compile.
use shaped::Vector;

fn main() {
    let x = Vector::<f64, 300>::zeros();
    let y = Vector::<f64, 128>::zeros();
    let _d = x.dot(&y);
}
