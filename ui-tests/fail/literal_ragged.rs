// Every row of a matrix literal has the same length.
use shaped::tensor;

fn main() {
    let _m = tensor![[1.0, 2.0], [3.0]];
}
