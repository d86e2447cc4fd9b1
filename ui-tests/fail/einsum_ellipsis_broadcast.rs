use shaped::{einsum, Tensor3};

fn main() {
    let a = Tensor3::<f64, 2, 5, 3>::zeros();
    let b = Tensor3::<f64, 4, 3, 6>::zeros();
    let _c = einsum!("...ij,...jk->...ik", a, b);
}
