//! Sparse matrices: [`Csr`], compressed sparse rows, with its dims typed like a tensor's.
//!
//! A `Csr<T, R, C>` is an (R, C) matrix that stores only its non-zero entries: for each row,
//! the sorted column indices of its entries and their values. Products with dense tensors
//! check their shapes like dense products do: a static mismatch does not compile, a `Dyn`
//! one is reported with both shapes.
//!
//! ```
//! use shaped::sparse::Csr;
//! use shaped::{Const, Vector, tensor};
//!
//! // [[1, 0, 2],
//! //  [0, 0, 3]]
//! let a = Csr::<f64, Const<2>, Const<3>>::from_triplets(
//!     (Const, Const),
//!     &[(0, 0, 1.0), (0, 2, 2.0), (1, 2, 3.0)],
//! )?;
//! let x: Vector<f64, 3> = tensor![1.0, 1.0, 1.0];
//! assert_eq!(a.matvec(&x).as_slice(), &[3.0, 3.0]);
//! assert_eq!(a.nnz(), 3);
//! # Ok::<(), shaped::DataError>(())
//! ```

pub(crate) mod csr;

pub use csr::{Csr, CsrRow, CsrRows};
