use shaped::{Matrix, Vector};

fn main() {
    let a = Matrix::<f64, 5, 2>::zeros();
    let y = Vector::<f64, 2>::zeros();
    let _p = a.project(&y);
}
