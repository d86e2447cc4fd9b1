//! The run-time half of [`einsum!`](crate::einsum!): the contraction planner and executor, and
//! the traits through which the macro's generated code checks shapes at compile time.
//!
//! `einsum!("nd,dm->nm", x, w)` parses and validates its subscripts at compile time and
//! expands to a generic function with one `AnyDim` parameter per letter occurrence, related by
//! [`EinsumSame`]; its output shape type takes, for each output letter, the static dim
//! wherever an operand has it static, else `Dyn`. At run time the function hands the
//! subscripts, parsed at compile time into label codes, and the operands' views to
//! [`einsum_dyn`]'s machinery:
//!
//! 1. sizes are bound to letters (numpy's rules: a label of size 1 stretches, `...` dims
//!    broadcast right-aligned; a repeated letter in one operand is a diagonal, taken by
//!    strides);
//! 2. letters that one operand alone carries are summed out first;
//! 3. the planner picks the pairwise order from the actual sizes: every order for up to 4
//!    operands, greedily beyond; the cost is the multiply-adds, ties broken by the size of
//!    the intermediates (see [`plan`]);
//! 4. each pairwise step groups its letters into batch, M, N and K, merges each group into
//!    one GEMM dimension where the strides allow (no copy) and loops over the rest.

mod exec;
// The macro's own parser, compiled here too: one grammar for `einsum!` and `einsum_dyn`.
#[allow(dead_code)]
#[path = "../../shape-macros/src/spec.rs"]
mod grammar;
mod plan;
mod relation;
mod spec;

pub use relation::{EinsumConcat, EinsumEllipsis, EinsumOperand, EinsumSame, label};

use crate::error::ShapeError;
use crate::gemm;
use crate::scalar::Number;
use crate::shape::Shape;
use crate::tensor::{Tensor, TensorView};

/// An operand of a run-time contraction: a view with its rank erased.
///
/// ```
/// use shaped::{AsView, Matrix};
/// use shaped::einsum::Operand;
/// let m = Matrix::<f64, 2, 3>::zeros();
/// let op = Operand::new(m.t());
/// assert_eq!(op.dims(), &[3, 2]);
/// ```
#[derive(Debug)]
pub struct Operand<'a, T> {
    data: &'a [T],
    rank: usize,
    // Fixed arrays rather than `Vec`s: an `Operand` has no drop glue, which keeps the code
    // that each `einsum!` call generates small.
    dims: [usize; MAX_RANK],
    strides: [usize; MAX_RANK],
}

impl<T> Clone for Operand<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Operand<'_, T> {}

/// The largest operand rank of a run-time contraction (typed tensors have at most 6).
pub const MAX_RANK: usize = 12;

impl<'a, T> Operand<'a, T> {
    /// The operand of a view of any shape.
    #[inline]
    pub fn new<S: Shape>(v: TensorView<'a, T, S>) -> Self {
        Self::from_parts(v.raw_data(), v.dims().as_ref(), v.strides().as_ref())
    }

    /// The shape-independent part of [`Operand::new`] (one instance per element type).
    #[inline(never)]
    fn from_parts(data: &'a [T], dims: &[usize], strides: &[usize]) -> Self {
        let mut op = Operand {
            data,
            rank: dims.len(),
            dims: [0; MAX_RANK],
            strides: [0; MAX_RANK],
        };
        op.dims[..dims.len()].copy_from_slice(dims);
        op.strides[..dims.len()].copy_from_slice(strides);
        op
    }

    fn raw(&self) -> exec::RawOperand<'a, T> {
        exec::RawOperand {
            data: self.data,
            dims: self.dims().to_vec(),
            strides: self.strides[..self.rank].to_vec(),
        }
    }

    /// The operand of `data` with the given sizes and strides (in elements), of any rank.
    ///
    /// # Errors
    /// [`ShapeError`] when `dims` and `strides` differ in length, the rank is above
    /// [`MAX_RANK`], or an index would reach past the end of `data`.
    ///
    /// ```
    /// use shaped::einsum::Operand;
    /// let data = [1.0, 2.0, 3.0, 4.0];
    /// let op = Operand::from_raw(&data, &[2, 2], &[1, 2])?; // column-major 2x2
    /// assert_eq!(op.dims(), &[2, 2]);
    /// assert!(Operand::from_raw(&data, &[3, 2], &[2, 1]).is_err());
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn from_raw(data: &'a [T], dims: &[usize], strides: &[usize]) -> Result<Self, ShapeError> {
        let fits = dims.len() == strides.len()
            && dims.len() <= MAX_RANK
            && (dims.contains(&0)
                || dims
                    .iter()
                    .zip(strides)
                    .try_fold(0usize, |m, (&d, &s)| (d - 1).checked_mul(s)?.checked_add(m))
                    .is_some_and(|last| last < data.len()));
        if !fits {
            return Err(ShapeError::new(
                "einsum",
                dims,
                format!(
                    "a layout of sizes {dims:?} and strides {strides:?} does not fit in {} elements",
                    data.len()
                ),
            ));
        }
        Ok(Self::from_parts(data, dims, strides))
    }

    /// The sizes of its axes.
    pub fn dims(&self) -> &[usize] {
        &self.dims[..self.rank]
    }
}

/// The result of [`einsum_dyn`]: sizes and row-major data.
#[derive(Clone, Debug, PartialEq)]
pub struct DynOutput<T> {
    /// The sizes of the output's axes.
    pub dims: Vec<usize>,
    /// The elements, row-major.
    pub data: Vec<T>,
}

/// A contraction whose rank is known only at run time: `spec` in numpy's grammar (explicit
/// `"ij,jk->ik"` or implicit `"ij,jk"`, `...`, white space), operands of any rank.
///
/// `einsum!` is the typed front end; this is for subscripts that are data.
///
/// # Errors
/// [`ShapeError`] when the spec is malformed or not explicit, the operand count differs from
/// the term count, an operand's rank does not fit its term, a letter is bound to sizes
/// that differ (other than 1, which stretches), or the element count of the output or of an
/// intermediate overflows `usize`.
///
/// ```
/// use shaped::{AsView, tensor};
/// use shaped::einsum::{Operand, einsum_dyn};
/// let a = tensor![[1., 2.], [3., 4.]];
/// let out = einsum_dyn("ij,ij->i", &[Operand::new(a.view()), Operand::new(a.view())])?;
/// assert_eq!(out.dims, vec![2]);
/// assert_eq!(out.data, vec![5., 25.]);
/// # Ok::<(), shaped::ShapeError>(())
/// ```
pub fn einsum_dyn<T: Number>(
    spec: &str,
    operands: &[Operand<'_, T>],
) -> Result<DynOutput<T>, ShapeError> {
    let parsed = parse(spec)?;
    let raw: Vec<exec::RawOperand<'_, T>> = operands.iter().map(|o| o.raw()).collect();
    let out = exec::run(&parsed, &raw, &[])?;
    Ok(DynOutput {
        dims: out.dims,
        data: out.data,
    })
}

/// The pairwise order the planner picks for a contraction, as `numpy.einsum_path` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Each step contracts operands `i < j` of the current list; both leave it and their
    /// result joins at its end.
    pub steps: Vec<(usize, usize)>,
    /// Multiply-adds of all steps (after letters carried by one operand alone are summed out).
    pub flops: u128,
}

/// The order in which `einsum!` would contract operands of these sizes under `spec`
/// (numpy's grammar): the cheapest in multiply-adds over every order for up to 4 operands
/// (ties broken by intermediate size), greedy beyond.
///
/// # Errors
/// As [`einsum_dyn`].
///
/// ```
/// use shaped::einsum::plan;
/// // (1000 x 2) (2 x 1000) (1000 x 2): contracting the last two first is 250 times cheaper.
/// let p = plan("ab,bc,cd->ad", &[&[1000, 2], &[2, 1000], &[1000, 2]])?;
/// assert_eq!(p.steps, vec![(1, 2), (0, 1)]);
/// assert_eq!(p.flops, 8000);
/// # Ok::<(), shaped::ShapeError>(())
/// ```
pub fn plan(spec: &str, shapes: &[&[usize]]) -> Result<Plan, ShapeError> {
    let parsed = parse(spec)?;
    let strides: Vec<Vec<usize>> = shapes.iter().map(|s| vec![0; s.len()]).collect();
    let shp: Vec<exec::Shp<'_>> = shapes
        .iter()
        .zip(&strides)
        .map(|(d, s)| exec::Shp {
            dims: d,
            strides: s,
        })
        .collect();
    let (steps, flops) = exec::plan_only(&parsed, &shp)?;
    Ok(Plan { steps, flops })
}

/// Parses subscripts in numpy's grammar, as a `ShapeError` when malformed.
fn parse(spec: &str) -> Result<spec::Spec, ShapeError> {
    spec::Spec::parse(spec).map_err(|e| {
        let e = e.strip_prefix("einsum: ").unwrap_or(&e);
        ShapeError::new("einsum", &[], e.to_string())
    })
}

/// What `einsum!`'s expansion calls: not a public interface.
#[doc(hidden)]
pub mod __private {
    pub use super::relation::{EinsumConcat, EinsumEllipsis, EinsumOperand, EinsumSame, label};
    use super::*;

    /// Subscripts as `einsum!` parsed them at compile time: label codes per input term and
    /// for the output (`a..z` 0..26, `A..Z` 26..52, `...` 255).
    pub struct Subscripts {
        /// One list of codes per input term.
        pub inputs: &'static [&'static [u8]],
        /// The output term's codes.
        pub output: &'static [u8],
    }

    /// Runs the subscripts on the operands and builds the typed output. Only this thin
    /// layer is generic over the output shape; the contraction runs in [`run_erased`], one
    /// instance per element type, so that each `einsum!` call adds little to a build.
    pub fn run<T: Number, S: Shape>(
        spec: &Subscripts,
        operands: &[Operand<'_, T>],
        statics: &[(char, Option<usize>)],
    ) -> Result<Tensor<T, S>, ShapeError> {
        let out = run_erased(spec, operands, statics)?;
        match S::try_from_dims(&out.dims) {
            Some(shape) => Ok(Tensor::from_data(shape, out.data)),
            None => Err(output_type_error(&out.dims)),
        }
    }

    /// The output's run-time sizes do not fit its type (a static size where the run time
    /// stretched a size-1 `Dyn` of an ellipsis dim).
    #[cold]
    #[inline(never)]
    fn output_type_error(dims: &[usize]) -> ShapeError {
        ShapeError::new(
            "einsum",
            dims,
            format!(
                "the result has shape {} at run time, which does not fit its static output type",
                crate::shape::fmt_dims(dims)
            ),
        )
    }

    /// The contraction, generic over the element type only.
    #[inline(never)]
    pub fn run_erased<T: Number>(
        spec: &Subscripts,
        operands: &[Operand<'_, T>],
        statics: &[(char, Option<usize>)],
    ) -> Result<DynOutput<T>, ShapeError> {
        if let Some(out) = matrix_product(spec, operands) {
            return Ok(out);
        }
        let parsed = spec::Spec::from_codes(spec.inputs, spec.output);
        let raw: Vec<exec::RawOperand<'_, T>> = operands.iter().map(|o| o.raw()).collect();
        let out = exec::run(&parsed, &raw, statics)?;
        Ok(DynOutput {
            dims: out.dims,
            data: out.data,
        })
    }

    /// A product of two matrices in any of its eight layouts (`ij,jk->ik`, `ij,kj->ki`, ...):
    /// one GEMM on the operands' strides, without planning, so that a matmul-shaped
    /// `einsum!` costs what `matmul` costs. `None` for every other spec, and when the summed
    /// sizes differ (the general path reports that error).
    fn matrix_product<T: Number>(
        spec: &Subscripts,
        operands: &[Operand<'_, T>],
    ) -> Option<DynOutput<T>> {
        let ([[a0, a1], [b0, b1]], &[o0, o1], [x, y]) = (
            <[&[u8]; 2]>::try_from(spec.inputs)
                .ok()?
                .map(|t| <[u8; 2]>::try_from(t).unwrap_or([u8::MAX; 2])),
            spec.output,
            operands,
        ) else {
            return None;
        };
        let plain = |l: u8| l < grammar::ELLIPSIS_CODE;
        if !(plain(a0) && plain(a1) && plain(b0) && plain(b1)) || a0 == a1 || b0 == b1 {
            return None;
        }
        // The label both inputs carry is summed; the other two make the output.
        let (k, i, j) = match (a0 == b0, a0 == b1, a1 == b0, a1 == b1) {
            (true, false, false, false) => (a0, a1, b1),
            (false, true, false, false) => (a0, a1, b0),
            (false, false, true, false) => (a1, a0, b1),
            (false, false, false, true) => (a1, a0, b0),
            _ => return None,
        };
        let swap = match (o0, o1) {
            _ if o0 == i && o1 == j => false,
            _ if o0 == j && o1 == i => true,
            _ => return None,
        };
        // A label's size and stride in a 2-D operand.
        let axis = |op: &Operand<'_, T>, t0: u8, l: u8| {
            let a = usize::from(t0 != l);
            (op.dims[a], op.strides[a])
        };
        let ((m, rs_i), (ka, cs_k)) = (axis(x, a0, i), axis(x, a0, k));
        let ((kb, rs_k), (n, cs_j)) = (axis(y, b0, k), axis(y, b0, j));
        if ka != kb {
            return None;
        }
        let a = gemm::MatRef::new(x.data, m, ka, rs_i, cs_k);
        let b = gemm::MatRef::new(y.data, kb, n, rs_k, cs_j);
        let (a, b, rows, cols) = if swap {
            (b.t(), a.t(), n, m)
        } else {
            (a, b, m, n)
        };
        let mut data = vec![T::ZERO; rows * cols];
        gemm::gemm(
            T::ONE,
            a,
            b,
            T::ZERO,
            gemm::MatMut::new(&mut data, rows, cols, cols, 1),
        );
        Some(DynOutput {
            dims: vec![rows, cols],
            data,
        })
    }

    /// The view of an operand (a function so that the operand's span carries the error).
    #[inline]
    pub fn view<T, S: Shape, O: EinsumOperand<T, S> + ?Sized>(o: &O) -> TensorView<'_, T, S> {
        o.einsum_view()
    }

    /// Panics with the error (at the macro's call site).
    #[track_caller]
    #[cold]
    pub fn fail(e: ShapeError) -> ! {
        panic!("{e}")
    }
}
