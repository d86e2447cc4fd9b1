use shaped::{einsum, Matrix};

fn main() {
    let x = Matrix::<f32, 100, 300>::zeros();
    let w = Matrix::<f32, 128, 200>::zeros();
    let _y = einsum!("nd,dm->nm", x, w);
}
