use shaped::{einsum, Matrix};

fn main() {
    let m = Matrix::<f64, 2, 2>::zeros();
    let _c = einsum!("i->i", m);
}
