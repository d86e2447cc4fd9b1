use shaped::{Complex, Vector};

fn main() {
    let v = Vector::<Complex<f64>, 3>::zeros();
    let _h = v.h(); // the conjugate transpose is for matrices; `conj()` for any shape
}
