//! A (2, 3) matrix cannot multiply a vector of 4.
use shaped::{Matrix, Vector};

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let x = Vector::<f64, 4>::zeros();
    let _y = a.matvec(&x);
}
