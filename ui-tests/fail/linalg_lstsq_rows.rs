// lstsq: the right-hand side must have as many rows as the matrix (5 vs 4).
use shaped::{Matrix, Vector};

fn main() {
    let a = Matrix::<f64, 5, 3>::zeros();
    let b = Vector::<f64, 4>::zeros();
    let _x = a.lstsq(&b);
}
