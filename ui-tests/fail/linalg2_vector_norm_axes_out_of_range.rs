use shaped::Tensor3;

fn main() {
    // A tensor of rank 3 has axes 0, 1 and 2: there is no axis 3 to take the norm over.
    let x = Tensor3::<f64, 2, 3, 4>::zeros();
    let _n = x.vector_norm_axes::<1, 3>(2.0);
}
