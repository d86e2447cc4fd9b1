use shaped::{Complex, Matrix};

fn main() {
    let a = Matrix::<Complex<f64>, 2, 3>::zeros();
    let b = Matrix::<Complex<f64>, 2, 3>::zeros();
    let _c = a.matmul(&b);
}
