// A rank-3 tensor is permuted by three axes.
use shaped::{Axes2, Tensor3};

fn main() {
    let x = Tensor3::<f32, 2, 3, 4>::zeros();
    let _p = x.permute::<Axes2<1, 0>>();
}
