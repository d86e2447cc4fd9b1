//! Moving tensors to and from files.
//!
//! [`npy`]: numpy's `.npy` format, for f32 and f64 tensors ([`Tensor::read_npy`],
//! [`Tensor::write_npy`], and the in-memory [`Tensor::from_npy_bytes`] /
//! [`Tensor::to_npy_bytes`]).
//!
//! ```
//! use shaped::{Const, Dyn, Matrix, Tensor, tensor};
//! let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
//! let bytes = a.to_npy_bytes();
//! // Read it back with a run-time number of rows: the file's shape is checked against the type.
//! let b = Tensor::<f64, (Dyn, Const<3>)>::from_npy_bytes(&bytes)?;
//! assert_eq!(b.dims(), [2, 3]);
//! assert_eq!(b.as_slice(), a.as_slice());
//! # Ok::<(), shaped::DataError>(())
//! ```
//!
//! [`Tensor::read_npy`]: crate::Tensor::read_npy
//! [`Tensor::write_npy`]: crate::Tensor::write_npy
//! [`Tensor::from_npy_bytes`]: crate::Tensor::from_npy_bytes
//! [`Tensor::to_npy_bytes`]: crate::Tensor::to_npy_bytes

pub mod npy;
#[cfg(feature = "npz")]
pub mod npz;
#[cfg(feature = "safetensors")]
pub mod safetensors;

pub use npy::NpyElement;
