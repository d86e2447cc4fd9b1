//! The seed article's example: (100, 300) @ (128, 200) does not compile.
use shaped::Matrix;

fn main() {
    let a = Matrix::<f32, 100, 300>::zeros();
    let b = Matrix::<f32, 128, 200>::zeros();
    let _c = a.matmul(&b);
}
