//! softmax::<A>() of a matrix has no axis 2.
use shaped::Matrix;

fn main() {
    let z = Matrix::<f32, 4, 10>::zeros();
    let _p = z.softmax::<2>();
}
