//! [`LinearOperator`]: one surface for the matrices that are stored in some other form than
//! their entries ([`Csr`](crate::sparse::Csr), and the structured
//! [`Diagonal`](crate::structured::Diagonal), [`BlockDiagonal`](crate::structured::BlockDiagonal),
//! [`Toeplitz`](crate::structured::Toeplitz), [`Circulant`](crate::structured::Circulant)).
//!
//! An operator states its dims and two kernels over plain slices (its product with a vector,
//! its dense entries); the typed frame around them (the shape check and its error, making the
//! vector one slice, allocating the result) is written once, here.

use std::borrow::Cow;

use crate::dim::{AnyDim, Dim, InnerDim};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::scalar::Scalar;
use crate::tensor::{AsView, Tensor, TensorView};

/// A matrix known by its action: an (R, C) operator maps a vector (C,) to `A x` (R,).
///
/// An implementation gives [`shape`](Self::shape), the product on slices
/// ([`apply`](Self::apply)) and the dense entries ([`write_dense`](Self::write_dense)); the
/// trait adds the typed forms: [`matvec`](Self::matvec), (R, C) x (C,) -> (R,), with its
/// `try_` twin, and [`to_dense`](Self::to_dense), the (R, C) tensor. A static `C` that
/// differs from the vector's length does not compile; a `Dyn` one is checked at run time.
///
/// [`Csr`](crate::sparse::Csr), [`Diagonal`](crate::structured::Diagonal),
/// [`BlockDiagonal`](crate::structured::BlockDiagonal),
/// [`Toeplitz`](crate::structured::Toeplitz) and [`Circulant`](crate::structured::Circulant)
/// implement it; their inherent `matvec`, `try_matvec` and `to_dense` are the same functions,
/// callable without importing the trait. faer's `LinOp` plays the same role there.
///
/// ```
/// use shaped::structured::{Circulant, Diagonal};
/// use shaped::{Const, LinearOperator, Vector, tensor};
///
/// // Generic over any (3, 3) operator: A (A x).
/// fn twice<A: LinearOperator<f64, Rows = Const<3>, Cols = Const<3>>>(
///     a: &A,
///     x: &Vector<f64, 3>,
/// ) -> Vector<f64, 3> {
///     a.matvec(&a.matvec(x))
/// }
/// let d = Diagonal::new(&tensor![1.0, 2.0, 3.0]);
/// let c = Circulant::new(&tensor![0.0, 1.0, 0.0]); // the cyclic shift down by one
/// let x: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];
/// assert_eq!(twice(&d, &x).as_slice(), &[1.0, 8.0, 27.0]);
/// assert_eq!(twice(&c, &x).as_slice(), &[2.0, 3.0, 1.0]);
/// assert_eq!(c.to_dense().matvec(&x).as_slice(), c.matvec(&x).as_slice());
/// ```
pub trait LinearOperator<T: Scalar> {
    /// The row dim R: the length of `A x`.
    type Rows: Dim;
    /// The column dim C: the length of `x`.
    type Cols: Dim;

    /// The operation a shape error of [`try_matvec`](Self::try_matvec) names
    /// (`"csr matvec: lhs (2, 3) has 3 columns but x (4,) has 4 elements"`).
    const MATVEC_OP: &'static str = "matvec";

    /// The dims `(R, C)`.
    fn shape(&self) -> (Self::Rows, Self::Cols);

    /// `y = A x` on slices: `x` has C elements, `y` has R and holds zeros on entry. The typed
    /// methods call it after checking the shapes.
    fn apply(&self, x: &[T], y: &mut [T]);

    /// Writes the entries of `A` into `out`: R x C, row-major, zeros on entry.
    fn write_dense(&self, out: &mut [T]);

    /// The sizes `[R, C]`.
    fn dims(&self) -> [usize; 2] {
        let (r, c) = self.shape();
        [r.size(), c.size()]
    }

    /// The product with a vector: (R, C) x (C,) -> (R,).
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes when a `Dyn` length differs from C.
    fn try_matvec<K: Dim>(
        &self,
        x: &impl AsView<T, (K,)>,
    ) -> Result<Tensor<T, (Self::Rows,)>, ShapeError>
    where
        Self::Cols: InnerDim<K>,
    {
        matvec_by(self, x, |x, y| self.apply(x, y))
    }

    /// The product with a vector: (R, C) x (C,) -> (R,).
    ///
    /// # Panics
    /// When a `Dyn` length differs from C (see [`try_matvec`](Self::try_matvec)).
    #[track_caller]
    fn matvec<K: Dim>(&self, x: &impl AsView<T, (K,)>) -> Tensor<T, (Self::Rows,)>
    where
        Self::Cols: InnerDim<K>,
    {
        unwrap_or_panic(self.try_matvec(x))
    }

    /// The dense (R, C) matrix.
    fn to_dense(&self) -> Tensor<T, (Self::Rows, Self::Cols)> {
        dense_by(self.shape(), |out| self.write_dense(out))
    }
}

/// The typed frame of an operator's product with a vector, around a kernel on slices: checks
/// the vector's length against C (the error names `O::MATVEC_OP`), hands `kernel` the vector
/// as one slice and R zeros to write, and returns them as an (R,) tensor. Products by another
/// method than [`LinearOperator::apply`] (`Circulant::matvec_with`) come through here too.
pub(crate) fn matvec_by<T: Scalar, O: LinearOperator<T> + ?Sized, K: Dim>(
    op: &O,
    x: &impl AsView<T, (K,)>,
    kernel: impl FnOnce(&[T], &mut [T]),
) -> Result<Tensor<T, (O::Rows,)>, ShapeError> {
    let xv = x.view();
    ShapeError::check_operator_input(O::MATVEC_OP, op.dims(), xv.dims()[0])?;
    let xs = contiguous(&xv);
    let mut out = Tensor::zeros_with((op.shape().0,));
    kernel(&xs, out.as_mut_slice());
    Ok(out)
}

/// The dense (R, C) matrix whose zeros `fill` overwrites (row-major): the frame of every
/// `to_dense`.
pub(crate) fn dense_by<T: Scalar, R: Dim, C: Dim>(
    shape: (R, C),
    fill: impl FnOnce(&mut [T]),
) -> Tensor<T, (R, C)> {
    let mut out = Tensor::zeros_with(shape);
    fill(out.as_mut_slice());
    out
}

/// The data of a 1-D view as one slice: borrowed when contiguous, copied otherwise. The home
/// of this step for every operator and convolution operand.
pub(crate) fn contiguous<'a, T: Scalar, D: Dim>(v: &'a TensorView<'a, T, (D,)>) -> Cow<'a, [T]> {
    match v.as_slice() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(v.iter().copied().collect()),
    }
}
