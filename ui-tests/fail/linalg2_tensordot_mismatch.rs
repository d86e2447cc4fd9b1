use shaped::Tensor3;

fn main() {
    // The last two axes of a, (3, 4), do not match the first two of b, (3, 5).
    let a = Tensor3::<f64, 2, 3, 4>::zeros();
    let b = Tensor3::<f64, 3, 5, 2>::zeros();
    let _c = a.tensordot::<2, _>(&b);
}
