use shaped::{einsum, Matrix};

fn main() {
    let m = Matrix::<f64, 2, 3>::zeros();
    let _c = einsum!("ij->ii", m);
}
