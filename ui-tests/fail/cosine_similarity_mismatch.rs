//! Cosine similarity compares rows of the same length: (N, D) with (M, D).
use shaped::Matrix;

fn main() {
    let x = Matrix::<f32, 10, 64>::zeros();
    let y = Matrix::<f32, 20, 32>::zeros();
    let _s = x.cosine_similarity(&y, 1e-8);
}
