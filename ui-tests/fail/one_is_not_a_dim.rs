//! `Dim` is every dim but `One`: a function bound by `B: Dim` does not take the `One` axis a
//! `keepdim` reduction leaves (that is what lets generic code broadcast `B` with `One`).
use shaped::{Const, Dim, Tensor};

fn rows<B: Dim>(x: &Tensor<f32, (B, Const<3>)>) -> usize {
    x.dims()[0]
}

fn main() {
    let x = Tensor::<f32, (Const<2>, Const<3>)>::ones();
    let _n = rows(&x.sum_keepdim::<0>());
}
