//! Errors: [`ShapeError`] (shapes that disagree at run time), [`LinalgError`] (a
//! factorisation or solve that cannot proceed) and [`DataError`] (malformed input data).
//!
//! Every message names the operation and the shapes involved, as numpy users expect:
//! `matmul: lhs (100, 300) has 300 columns but rhs (128, 200) has 128 rows`.

use core::fmt;

use crate::shape::{fmt_dims, fmt_named};

/// Shapes that disagree at run time (where a `Dyn` dim met another dim).
///
/// The panicking form of an operation panics with this message at the caller's line; the
/// `try_` form returns it.
///
/// ```
/// use shaped::{Dyn, Tensor};
/// let err = Tensor::<f64, (Dyn, Dyn)>::from_vec((Dyn(2), Dyn(3)), vec![1.0; 5]).unwrap_err();
/// assert_eq!(err.op(), "from_vec");
/// assert_eq!(err.to_string(), "from_vec: shape (2, 3) holds 6 elements but the data has 5");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeError {
    op: &'static str,
    lhs: Vec<usize>,
    rhs: Option<Vec<usize>>,
    reason: String,
}

impl ShapeError {
    /// An error of `op` about one shape (`lhs`), with a sentence saying what is wrong.
    /// The sentence can refer to the shape; it is printed after `"{op}: "`.
    pub fn new(op: &'static str, lhs: &[usize], reason: impl Into<String>) -> Self {
        ShapeError {
            op,
            lhs: lhs.to_vec(),
            rhs: None,
            reason: reason.into(),
        }
    }

    /// An error of `op` about two shapes that disagree; `reason` says how, e.g.
    /// `"lhs (2, 3) and rhs (4,) do not broadcast"`.
    pub fn pair(op: &'static str, lhs: &[usize], rhs: &[usize], reason: impl Into<String>) -> Self {
        ShapeError {
            op,
            lhs: lhs.to_vec(),
            rhs: Some(rhs.to_vec()),
            reason: reason.into(),
        }
    }

    /// Two shapes that do not broadcast together in `op`.
    pub fn broadcast(op: &'static str, lhs: &[usize], rhs: &[usize]) -> Self {
        Self::pair(
            op,
            lhs,
            rhs,
            format!(
                "shapes {} and {} do not broadcast (sizes must be equal or 1, axis by axis from the last)",
                fmt_dims(lhs),
                fmt_dims(rhs)
            ),
        )
    }

    /// Two shapes that must be equal but are not.
    pub fn mismatch(op: &'static str, lhs: &[usize], rhs: &[usize]) -> Self {
        Self::pair(
            op,
            lhs,
            rhs,
            format!("shapes {} and {} differ", fmt_dims(lhs), fmt_dims(rhs)),
        )
    }

    /// A value of the sizes `actual` where the type asks for `expected`: `expected` lists the
    /// static sizes and `None` for a run-time (`Dyn`) one.
    pub fn not_of_type(op: &'static str, actual: &[usize], expected: &[Option<usize>]) -> Self {
        Self::not_of_named_type(op, actual, expected, &[])
    }

    /// [`not_of_type`](Self::not_of_type) where the type's axes may have names (`names` is
    /// empty or has one entry per axis): `(Batch=_, Features=300)`.
    pub(crate) fn not_of_named_type(
        op: &'static str,
        actual: &[usize],
        expected: &[Option<usize>],
        names: &[Option<&'static str>],
    ) -> Self {
        let want: Vec<String> = expected
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let size = d.map_or_else(|| "_".to_string(), |n| n.to_string());
                match names.get(k).copied().flatten() {
                    Some(name) => format!("{name}={size}"),
                    None => size,
                }
            })
            .collect();
        let want = match want.len() {
            1 => format!("({},)", want[0]),
            _ => format!("({})", want.join(", ")),
        };
        Self::new(
            op,
            actual,
            format!(
                "shape {} does not fit the type's shape {} (`_` is any size)",
                fmt_dims(actual),
                want
            ),
        )
    }

    /// Checks that a vector of `k` elements fits the columns of an operator of sizes
    /// `[m, n]` (the matvec of the sparse and structured matrices).
    pub(crate) fn check_operator_input(
        op: &'static str,
        [m, n]: [usize; 2],
        k: usize,
    ) -> Result<(), ShapeError> {
        if k == n {
            return Ok(());
        }
        Err(Self::pair(
            op,
            &[m, n],
            &[k],
            format!(
                "lhs {} has {n} columns but x {} has {k} elements",
                fmt_dims(&[m, n]),
                fmt_dims(&[k])
            ),
        ))
    }

    /// The same error with the names of named dims printed before their sizes, `(Batch=32,
    /// Features=300)`, where the message shows the shapes `lhs` and `rhs` by their sizes.
    /// Nothing changes when no axis has a name.
    pub(crate) fn with_names(
        mut self,
        lhs: &[Option<&'static str>],
        rhs: &[Option<&'static str>],
    ) -> Self {
        let name = |reason: String, dims: &[usize], names: &[Option<&'static str>]| {
            if names.iter().all(Option::is_none) || dims.len() != names.len() {
                return reason;
            }
            reason.replace(&fmt_dims(dims), &fmt_named(dims, names))
        };
        self.reason = name(self.reason, &self.lhs, lhs);
        if let Some(r) = &self.rhs {
            self.reason = name(self.reason, r, rhs);
        }
        self
    }

    /// The operation that failed (`"matmul"`, `"reshape"`, ...).
    pub fn op(&self) -> &'static str {
        self.op
    }

    /// The sizes of the first (or only) shape involved.
    pub fn lhs(&self) -> &[usize] {
        &self.lhs
    }

    /// The sizes of the second shape, when two shapes disagree.
    pub fn rhs(&self) -> Option<&[usize]> {
        self.rhs.as_deref()
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.op, self.reason)
    }
}

impl std::error::Error for ShapeError {}

/// The value, or a panic with the error's message at the caller's line: the one body of every
/// panicking twin of a `try_` method (each carries `#[track_caller]` too, so that the panic
/// points at the user's line).
///
/// The panic itself is out of line and generic over the error only, so that the value's
/// path stays small enough to inline at every call site and the message's formatting is
/// compiled once per error type rather than once per result type.
#[track_caller]
#[inline(always)]
pub(crate) fn unwrap_or_panic<X, E: fmt::Display>(r: Result<X, E>) -> X {
    match r {
        Ok(x) => x,
        Err(e) => panic_with(e),
    }
}

/// The panic of [`unwrap_or_panic`]: the error's message, at the caller's line.
#[cold]
#[inline(never)]
#[track_caller]
fn panic_with<E: fmt::Display>(e: E) -> ! {
    panic!("{e}")
}

/// A linear-algebra operation that cannot proceed on its input.
///
/// Which calls return it: `solve`, `lu`, `cholesky`, `qr`, `svd`, `eigh`, `lstsq`, `pinv`,
/// `inv`, `pca`, `low_rank`. NaN or infinite input gives [`LinalgError::NonFinite`] rather than
/// a hang or a silently wrong factor.
///
/// ```
/// use shaped::LinalgError;
/// let e = LinalgError::Singular { op: "solve", pivot: 2 };
/// assert_eq!(e.to_string(), "solve: the matrix is singular (zero pivot in column 2)");
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LinalgError {
    /// The matrix is exactly singular: elimination met a zero pivot.
    #[error("{op}: the matrix is singular (zero pivot in column {pivot})")]
    Singular {
        /// The operation.
        op: &'static str,
        /// The column (from 0) where the pivot was zero.
        pivot: usize,
    },
    /// Cholesky met a non-positive pivot: the matrix is not symmetric positive definite.
    #[error("{op}: the matrix is not positive definite (pivot {pivot} is not positive)")]
    NotPositiveDefinite {
        /// The operation.
        op: &'static str,
        /// The column (from 0) whose pivot was not positive.
        pivot: usize,
    },
    /// An iterative method did not converge within its bound.
    #[error("{op}: no convergence after {iterations} iterations")]
    NoConvergence {
        /// The operation.
        op: &'static str,
        /// The iteration bound that was reached.
        iterations: usize,
    },
    /// The input contains NaN or an infinity.
    #[error("{op}: the input contains NaN or an infinity")]
    NonFinite {
        /// The operation.
        op: &'static str,
    },
    /// `Dyn` dims that disagree, in an operation that already returns `Result`.
    #[error(transparent)]
    Shape(#[from] ShapeError),
}

/// Malformed input data: a `.npy` file, CSR parts, a Toeplitz first row and column that
/// disagree. The message says which rule failed.
///
/// ```
/// use shaped::DataError;
/// let e = DataError::invalid("npy", "the magic string is missing");
/// assert_eq!(e.to_string(), "npy: the magic string is missing");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// The data break a rule of their format.
    #[error("{what}: {rule}")]
    Invalid {
        /// The kind of data (`"npy"`, `"csr"`, `"toeplitz"`).
        what: &'static str,
        /// The rule that failed, in words.
        rule: String,
    },
    /// The data are well-formed but their shape does not fit the requested type.
    #[error(transparent)]
    Shape(#[from] ShapeError),
    /// Reading or writing failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

impl DataError {
    /// Data of kind `what` that break `rule`.
    pub fn invalid(what: &'static str, rule: impl Into<String>) -> Self {
        DataError::Invalid {
            what,
            rule: rule.into(),
        }
    }
}
