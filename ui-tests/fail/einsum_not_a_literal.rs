use shaped::{einsum, Vector};

fn main() {
    let v = Vector::<f64, 2>::zeros();
    let spec = "i->i";
    let _c = einsum!(spec, v);
}
