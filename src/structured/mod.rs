//! Structured matrices and convolution: [`Diagonal`], [`BlockDiagonal`], [`Toeplitz`],
//! [`Circulant`] and [`convolve_full`] / [`convolve_valid`] / [`convolve_same`].
//!
//! A structured matrix stores O(n) numbers instead of O(n^2) and multiplies a vector in
//! O(n) ([`Diagonal`]) or O(n log n) ([`Toeplitz`], [`Circulant`], by FFT through `rustfft`).
//! Short products run direct loops, which win below a size threshold chosen by
//! `benches/structured.rs` (BENCHMARKS.md has the figures); [`Method`] forces either path.
//! Each matrix type is a [`LinearOperator`](crate::LinearOperator) (`matvec`, `to_dense`,
//! `shape`), as [`Csr`](crate::sparse::Csr) is.
//!
//! ```
//! use shaped::structured::{Circulant, Toeplitz};
//! use shaped::{Vector, tensor};
//!
//! // T = [[1, 4, 5],
//! //      [2, 1, 4],
//! //      [3, 2, 1]]
//! let c: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];
//! let r: Vector<f64, 3> = tensor![1.0, 4.0, 5.0];
//! let t = Toeplitz::new(&c, &r)?;
//! let x: Vector<f64, 3> = tensor![1.0, 0.0, 1.0];
//! assert_eq!(t.matvec(&x).as_slice(), &[6.0, 6.0, 4.0]);
//! assert_eq!(t.to_dense().as_slice(), &[1., 4., 5., 2., 1., 4., 3., 2., 1.]);
//!
//! // C[i, j] = c[(i - j) mod n]
//! let circ = Circulant::new(&c);
//! assert_eq!(circ.matvec(&x).as_slice(), &[3.0, 5.0, 4.0]);
//! # Ok::<(), shaped::DataError>(())
//! ```

mod block_diagonal;
mod circulant;
mod convolve;
mod diagonal;
mod fft;
mod kernels;
mod toeplitz;

pub use block_diagonal::BlockDiagonal;
pub use circulant::Circulant;
pub use convolve::{
    Mode, convolve, convolve_full, convolve_same, convolve_valid, try_convolve_full,
    try_convolve_same, try_convolve_valid,
};
pub use diagonal::Diagonal;
pub use fft::FftScalar;
pub use toeplitz::Toeplitz;

/// How a structured product or a convolution is computed.
///
/// ```
/// use shaped::structured::{Circulant, Method};
/// use shaped::{Vector, tensor};
/// let c = Circulant::new(&tensor![1.0, 2.0, 3.0, 4.0]);
/// let x: Vector<f64, 4> = tensor![1.0, -1.0, 2.0, 0.5];
/// let d = c.matvec_with(&x, Method::Direct);
/// let f = c.matvec_with(&x, Method::Fft);
/// for (a, b) in d.iter().zip(f.iter()) {
///     assert!((a - b).abs() < 1e-12);
/// }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Method {
    /// Direct loops below the size threshold, FFTs above it; the convolutions also run
    /// direct when a signal holds NaN or an infinity, which stays local to the outputs it
    /// reaches (numpy's result), where an FFT would spread it to all.
    #[default]
    Auto,
    /// Always the direct O(m n) loops.
    Direct,
    /// Always FFTs, O(L log L).
    Fft,
}
