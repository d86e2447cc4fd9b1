//! Batch dims 4 and 5 neither match nor stretch (only `One` does).
use shaped::Tensor3;

fn main() {
    let a = Tensor3::<f32, 4, 2, 3>::zeros();
    let b = Tensor3::<f32, 5, 3, 2>::zeros();
    let _c = a.matmul(&b);
}
