use shaped::{Matrix, Vector};

fn main() {
    let a = Matrix::<f64, 3, 4>::zeros();
    let b = Vector::<f64, 3>::zeros();
    let _x = a.solve(&b);
}
