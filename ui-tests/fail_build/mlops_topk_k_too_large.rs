//! topk::<A, K>() with K above the static length of axis A fails at build.
use shaped::Matrix;

fn main() {
    let scores = Matrix::<f32, 2, 3>::zeros();
    let (_values, _indices) = scores.topk::<1, 5>();
}
