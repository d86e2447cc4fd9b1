// Each axis must appear once in a permutation.
use shaped::{Axes3, Tensor3};

fn main() {
    let x = Tensor3::<f32, 2, 3, 4>::zeros();
    let _p = x.permute::<Axes3<0, 0, 1>>();
}
