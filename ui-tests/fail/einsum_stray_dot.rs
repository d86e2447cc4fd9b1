use shaped::{einsum, Vector};

fn main() {
    let v = Vector::<f64, 2>::zeros();
    let _c = einsum!(".i...", v);
}
