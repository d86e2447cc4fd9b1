//! Plain kernels over slices: the arithmetic under the typed factorisations.

pub mod householder;
