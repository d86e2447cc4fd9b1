use shaped::{einsum, Matrix};

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let _c = einsum!("ij,jk->ik", a);
}
