use shaped::{Complex, Vector};

fn main() {
    let v = Vector::<Complex<f64>, 3>::zeros();
    let _m = v.max(); // complex numbers are not ordered: compare `v.abs()` or `v.re()`
}
