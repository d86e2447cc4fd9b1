//! `zip_map` pairs elements one to one: no broadcasting, the shapes must be equal.
use shaped::{Matrix, Vector};

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let b = Vector::<f64, 3>::zeros();
    let _c = a.zip_map(&b, |x, y| x * y);
    let t = Matrix::<f64, 3, 2>::zeros();
    let _d = a.zip_map(&t, |x, y| x * y);
}
