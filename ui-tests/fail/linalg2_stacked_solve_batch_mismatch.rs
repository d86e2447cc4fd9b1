use shaped::Tensor3;

fn main() {
    // Four 3 x 3 matrices against a stack of two right-hand sides: the batches differ.
    let a = Tensor3::<f64, 4, 3, 3>::zeros();
    let b = Tensor3::<f64, 2, 3, 1>::zeros();
    let _x = a.solve(&b);
}
