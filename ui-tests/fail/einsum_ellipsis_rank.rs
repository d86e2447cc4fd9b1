use shaped::{einsum, Scalar0};

fn main() {
    let s = Scalar0::<f64>::zeros();
    let _c = einsum!("i...", s);
}
