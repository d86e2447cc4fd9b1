//! # shaped: tensors whose shapes are part of their type
//!
//! A matmul of a (100, 300) matrix by a (128, 200) one does not panic at run time: it does not
//! compile, and the compiler says why in shape words.
//!
//! ```compile_fail
//! use shaped::Matrix;
//! let a = Matrix::<f32, 100, 300>::zeros();
//! let b = Matrix::<f32, 128, 200>::zeros();
//! let c = a.matmul(&b); // error: matmul shape mismatch: inner dimensions differ
//! ```
//!
//! ## A guided tour
//!
//! **Vectors, matrices, tensors.** A tensor's shape is a tuple of dims: [`Const<N>`] for sizes
//! known when you write the code, [`Dyn`] for sizes known only at run time (read from a file,
//! chosen by a user), and [`One`] for an axis of size 1 that broadcasts.
//!
//! ```
//! use shaped::{tensor, Const, Dyn, Matrix, Tensor, Vector};
//!
//! let x: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];              // (3,)
//! let w: Matrix<f64, 2, 3> = tensor![[1., 0., 0.], [0., 1., 0.]]; // (2, 3)
//! let data = Tensor::<f64, (Dyn, Const<3>)>::zeros_with((Dyn(100), Const)); // (n, 3)
//! assert_eq!(x.dims(), [3]);
//! assert_eq!(w.dims(), [2, 3]);
//! assert_eq!(data.dims(), [100, 3]);
//! ```
//!
//! **Shapes are type hints.** Transposes, permutations and slices are views that share the
//! data; their shapes follow in the type:
//!
//! ```
//! use shaped::{Axes3, Tensor3, Matrix};
//! let a = Matrix::<f32, 2, 3>::zeros();
//! let at = a.t();                      // TensorView<f32, (Const<3>, Const<2>)>, no copy
//! assert_eq!(at.matmul(&a).dims(), [3, 3]); // every method works on views too
//! assert_eq!(at.dims(), [3, 2]);
//! let img = Tensor3::<u8, 4, 5, 3>::zeros();      // height x width x channels
//! let chw = img.permute::<Axes3<2, 0, 1>>();      // channels x height x width
//! assert_eq!(chw.dims(), [3, 4, 5]);
//! ```
//!
//! Moving between static and dynamic shapes is explicit: [`Tensor::into_dyn`] forgets the
//! sizes, [`Tensor::into_shape`] makes the changes that cannot fail (`Const<32>` to `Dyn`),
//! and [`Tensor::try_into_shape`] checks sizes at run time and gives them back to the type.
//!
//! **Named dims.** Two axes of 300 can mean different things: features and hidden units, or a
//! batch and a sequence that are both `Dyn`. [`dim!`] makes a dim whose name is part of its
//! type, so that they do not mix. `dim!(Batch)` has a run-time size (`Batch(32)`),
//! `dim!(Features = 300)` a static one. A named dim relates only to itself and to [`One`]:
//!
//! ```
//! use shaped::{dim, Tensor};
//! dim!(Batch);
//! dim!(Features = 6);
//! dim!(Hidden = 4);
//! let x = Tensor::<f32, (Batch, Features)>::ones_with((Batch(32), Features));
//! let w = Tensor::<f32, (Features, Hidden)>::ones();
//! let h: Tensor<f32, (Batch, Hidden)> = x.matmul(&w);
//! let centred = &h - &h.mean_keepdim::<0>(); // (Batch, Hidden) - (One, Hidden)
//! assert_eq!(centred.dims(), [32, 4]);
//! // run-time messages name the axes
//! let y = Tensor::<f32, (Batch, Features)>::ones_with((Batch(16), Features));
//! assert_eq!(
//!     x.try_add(&y).unwrap_err().to_string(),
//!     "add: shapes (Batch=32, Features=6) and (Batch=16, Features=6) do not broadcast \
//!      (sizes must be equal or 1, axis by axis from the last)"
//! );
//! ```
//!
//! The mistakes names catch do not compile, and the error prints the names:
//!
//! ```compile_fail,E0277
//! use shaped::{dim, Tensor};
//! dim!(Features = 300);
//! dim!(Hidden = 300);
//! let a = Tensor::<f32, (Features, Hidden)>::eye();
//! let x = a.solve(&Tensor::<f32, (Features,)>::ones()); // not a square matrix: `Features` rows vs `Hidden` columns
//! ```
//!
//! ## Writing generic code
//!
//! A function generic over a dim bounds it by [`Dim`] and needs nothing else: every relation
//! holds for a dim with itself, and with [`One`] on either side, so matmul, broadcasting,
//! `keepdim` reductions, `einsum!`, `concat`, `solve` and `pca` compile inside it.
//!
//! ```
//! use shaped::{Const, Dim, Matrix, Tensor, Vector};
//!
//! fn layer<B: Dim>(x: &Tensor<f32, (B, Const<4>)>, w: &Matrix<f32, 4, 2>,
//!                  b: &Vector<f32, 2>) -> Tensor<f32, (B, Const<2>)> {
//!     (x.matmul(w) + b).map(|v| v.max(0.0))
//! }
//! fn log_softmax<B: Dim, C: Dim>(z: &Tensor<f32, (B, C)>) -> Tensor<f32, (B, C)> {
//!     let s = z - &z.max_keepdim::<1>();           // (B, C) - (B, One)
//!     let lse = s.map(f32::exp).sum_keepdim::<1>().map(f32::ln);
//!     s - lse
//! }
//! let x = Tensor::<f32, (shaped::Dyn, Const<4>)>::ones_with((shaped::Dyn(3), Const));
//! let p = log_softmax(&layer(&x, &Matrix::ones(), &Vector::zeros()));
//! assert!((p.map(f32::exp).sum() - 3.0).abs() < 1e-5);
//! ```
//!
//! - Bound by [`Dim`], not [`AnyDim`]: `Dim` is every dim but `One`, and that is what lets the
//!   compiler prove `B` with `One`. Bound by `AnyDim` only a parameter that may itself be `One`
//!   (what `keepdim` returns), and then state the relations it needs.
//! - A generic `B` meets another dim (`B` against `Const<4>`) only through a bound the caller
//!   proves, `where B: Broadcast<Const<4>>` (or `InnerDim`, `SameDim`), or after a run-time
//!   check that converts the other operand: `y.try_into_shape::<(B, Const<3>)>()?`.
//! - `Const` sizes checked by `const` assertions (`reshape`, `pca::<K>()` with K larger than
//!   a static side, `into_shape` to a named dim of another size) fail under `cargo build`,
//!   not `cargo check`; they need no bound in generic code.
//! - Use [`dim!`] names for the axes whose meaning matters (batch, sequence, features): a
//!   generic function over `B: Dim` accepts `Batch` as it accepts `Const<32>` and `Dyn`.
//!
//! ## Where things live
//!
//! Two layers. **Typed files** check shapes (in the types, and at run time where a [`Dyn`]
//! is involved), allocate the result and call kernels. **Kernels** see slices, sizes and
//! strides, never a [`Tensor`], a [`Shape`], [`Const`] or [`Dyn`]: the `kernels/` folders
//! and files (`linalg/kernels/`, `ops/kernels.rs`, `ops/kernels_ml.rs`, `structured/kernels.rs`,
//! `structured/fft.rs`) and `gemm.rs`. A kernel never imports a typed file; a typed file
//! may call any kernel.
//!
//! - [`mod@dim`]: [`Dim`], [`AnyDim`], [`Const`], [`Dyn`], [`One`], named dims ([`dim!`]) and
//!   the relations [`SameDim`], [`InnerDim`], [`Broadcast`] whose compile errors name the
//!   shapes that disagree.
//! - [`shape`]: [`Shape`] for tuples of rank 0..=6 and the type-level axis operations.
//! - [`derived`]: [`MinOf`], [`ProdOf`], [`SumOf`], dims computed from others.
//! - [`scalar`]: the element types, [`Element`] (numbers and `bool`), [`Number`] (the
//!   arithmetic, complex numbers included), [`Scalar`] (ordered numbers) and [`Float`].
//! - [`error`]: [`ShapeError`], [`LinalgError`], [`DataError`]; the one `unwrap_or_panic`
//!   behind every panicking twin of a `try_` method.
//! - [`tensor`](mod@tensor): [`Tensor<T, S, D>`](Tensor), one type whose third parameter
//!   ([`Data`]) says what holds the elements: owned [`Storage`] (the default), `&[T]`
//!   ([`TensorView`]) or `&mut [T]` ([`TensorViewMut`]); [`AsView`]; construction, indexing,
//!   iteration, conversion, Display. An operation's method is written once, in an
//!   `impl<.., D: Data<T>> Tensor<T, Shape, D>` block of its own file, and so exists on owned
//!   tensors and on both views; only constructors and the zero-copy layout changes (`t`,
//!   `permute`, `select`, ...), whose borrows differ, are written per holder.
//! - [`ops`]: elementwise arithmetic with broadcasting, reductions, norms, cosine similarity,
//!   `unsqueeze` / `squeeze` / `concat`, products ([`ops::matmul`]), complex tensors
//!   (`complex.rs`: `conj`, `h`, `re`, `im`, `abs`, `arg`, [`Tensor::from_re_im`]); their loops (and the
//!   crate's one strided walker and L2 norm) in `ops/kernels.rs`. numpy for ML code, one file
//!   a family: `math.rs` (`exp`, `sigmoid`, `clip`, `maximum`, ...), `axis_ops.rs`
//!   (`softmax`, `logsumexp`, `std`, `cumsum`, `flip`), `sort.rs` (`sort`, `argsort`,
//!   `topk`), [`ops::index`] (`take`, `take_along_axis`, `stack`), [`ops::mask`] (`gt`, ...,
//!   [`where_`]), `construct.rs` (`arange`, `linspace`, `tril`, `diag`, `trace`); their loops
//!   in `ops/kernels_ml.rs`. Axis iterators and multi-axis slices are in `tensor/`.
//! - `gemm.rs` (private): the one caller of matrixmultiply, over strided matrices
//!   (`MatRef`, `MatMut`), for every product and blocked factorisation.
//! - [`einsum`](mod@einsum): the run-time half of [`einsum!`] (planner, executor); the
//!   macro itself is in the `shape-macros` crate.
//! - [`linalg`]: one typed file per factorisation (`lu`, `cholesky`, `qr`, `svd`, `eigh`,
//!   `lstsq`, `triangular`, `norms`); numpy.linalg parity in `full` (`svd_full`,
//!   `qr_complete`), `stacked` (the 2-D names on (B, M, N) stacks), `products`
//!   (`matrix_power`, `kron`, `cross`, `inner`, `vdot`, `tensordot`), `multi_dot` and
//!   `norm_ord` (`vector_norm`, `matrix_norm`, `cond_with` by numpy's orders, [`NormOrd`]);
//!   their arithmetic in [`linalg::kernels`], one concept a file (`householder`, `givens`,
//!   `bidiag_qr`, `bidiag_dc`, `tridiag_qr`, `tridiag_dc`, `reduce`, `svd`, `eigh`, `full`,
//!   `products`, `norm_ord`, ...).
//! - [`ml`]: [`Pca`], `low_rank`, `standardize` and [`ml::Standardizer`], on the typed layer of
//!   [`linalg`] and [`ops`] (no kernel of its own).
//! - [`operator`]: [`LinearOperator`], the `matvec` / `to_dense` / `shape` surface that
//!   [`sparse`] and [`structured`] matrices share.
//! - [`sparse`]: [`sparse::Csr`], compressed sparse rows with typed dims.
//! - [`structured`]: [`structured::Diagonal`], [`structured::BlockDiagonal`],
//!   [`structured::Toeplitz`], [`structured::Circulant`] and convolution, by FFT above a
//!   size threshold.
//! - [`io`]: `.npy` read and write of floats, integers, complex numbers and bools ([`Tensor::read_npy`],
//!   [`Tensor::write_npy`]); tensors print like numpy arrays ([`tensor::DisplayElement`]).
//! - `random` (feature `rand`, on by default): `Tensor::random`, `Tensor::random_normal`.
//! - `typenum_compat` (feature `typenum`): conversions with `generic_array::GenericArray` and
//!   typenum's unsigned types.
//! - `parallel` (private; feature `rayon`): the measured thresholds and the helpers that split
//!   elementwise loops, sums, batched products, stacked factorisations and `Csr` matvec into
//!   tasks on rayon's pool; without the feature they are the serial loops. `par_map` is the
//!   public entry (`Tensor::par_map`, feature `rayon`).
//!
//! **Where does a new op such as `kron` go, and what may it touch?** Its typed method, in one
//! `impl<T: Number, S: Shape, D: Data<T>> Tensor<T, S, D>` block (`Scalar` if it compares,
//! `Float` if it needs roots or tolerances), in a file of its own in its
//! family's module (`ops/kron.rs`: may import `dim`, `shape`, `derived`, `tensor`, `error`),
//! its loops in that family's kernels (`ops/kernels.rs`: slices, sizes, strides and `scalar`
//! only), its products through `gemm.rs`.

#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

pub mod derived;
pub mod dim;
pub mod einsum;
pub mod error;
pub(crate) mod gemm;
#[cfg(target_arch = "x86_64")]
mod gemm_sse;
#[cfg(any(feature = "ndarray", feature = "nalgebra", feature = "faer"))]
pub mod interop;
pub mod io;
pub mod linalg;
pub mod ml;
pub mod operator;
pub mod ops;
pub(crate) mod parallel;
#[cfg(feature = "rand")]
pub mod random;
pub mod scalar;
#[cfg(feature = "serde")]
pub mod serde_impls;
pub mod shape;
pub mod sparse;
pub mod structured;
pub mod tensor;
#[cfg(feature = "typenum")]
pub mod typenum_compat;

/// The `rand` crate this library's random constructors use (feature `rand`), re-exported so
/// that a seeded generator's version always matches: `shaped::rand::rngs::StdRng`.
#[cfg(feature = "rand")]
pub use rand;

pub use derived::{ConvFullOf, ConvValidOf, MaxOf, MinOf, ProdOf, SumOf};
pub use dim::{AnyDim, Broadcast, Const, Dim, Dyn, InnerDim, IntoDim, One, SameDim, StaticDim};
pub use error::{DataError, LinalgError, ShapeError};
pub use linalg::{Cholesky, Lower, Lu, Qr, Triangle, Upper};
pub use linalg::{Eig, Lstsq, LstsqRhs, NormOrd, QrComplete, Svd, SvdFull, SymmetricEigen};
pub use linalg::{QrStack, SvdStack, SymmetricEigenStack};
pub use linalg::{multi_dot, try_multi_dot};
pub use ml::Pca;
/// Complex numbers (`num_complex::Complex`, the crate rustfft uses): `Complex<f64>` and
/// `Complex<f32>` are tensor elements.
pub use num_complex::Complex;
pub use operator::LinearOperator;
pub use ops::elementwise::SameShape;
pub use ops::index::IndexVector;
pub use ops::mask::{try_where_, where_};
pub use ops::matmul::{MatMulShape, MatVecShape, OuterShape};
pub use ops::shape_ops::{ConcatShapes, SqueezeAxis};
pub use scalar::{Element, Float, Number, Scalar};
pub use shape::{
    BroadcastShapes, HasAxis, InsertAxis, LastAxis, RemoveAxis, ReplaceAxis, Shape, StaticShape,
};
pub use tensor::{
    AsView, AsViewMut, Axes1, Axes2, Axes3, Axes4, Axes5, Axes6, DMatrix, DVector, Data, DataMut,
    IntoShape, Matrix, Permutation, PermuteShape, SameRank, Scalar0, Span, Storage, Tensor,
    Tensor3, Tensor4, TensorView, TensorViewMut, Vector,
};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Everything a user of the library usually needs, in one import: `use shaped::prelude::*;`.
///
/// It brings the macros (`tensor!`, `einsum!`, `try_einsum!`), the tensor types and their
/// aliases, the dims (`Const`, `Dyn`, `One` and the derived `MinOf`, `MaxOf`, `ProdOf`,
/// `SumOf`, `ConvFullOf`, `ConvValidOf`), the axes types (`Axes1` .. `Axes6`), the three error
/// types, `Lower` / `Upper`, the results of the factorisations (`Lu`, `Cholesky`, `Qr`, `Svd`,
/// `SymmetricEigen`, `Eig`, `Lstsq`, `Pca`), and the traits whose methods or bounds user code names
/// (`AsView`, `AsViewMut`, `Data`, `DataMut`, `Dim`, `Shape`, `Element`, `Number`, `Float`, `Scalar`,
/// `LinearOperator`, the shape relations), `Span` (a static-length slice) and `where_`. The
/// modules `sparse`, `structured`, `io` and `einsum` stay behind their paths.
///
/// ```
/// use shaped::prelude::*;
///
/// let m: Matrix<f64, 2, 2> = tensor![[4., 1.], [1., 3.]];
/// let x = m.solve(&tensor![1., 2.])?;
/// let g: Matrix<f64, 2, 2> = einsum!("ij,kj->ik", m, m);
/// assert_eq!(g[[0, 0]], 17.0);
/// assert_eq!(m.view()[[1, 1]], 3.0);
/// assert!((m.matvec(&x) - tensor![1., 2.]).norm_l2() < 1e-12);
/// # Ok::<(), LinalgError>(())
/// ```
pub mod prelude {
    pub use crate::{
        AnyDim, AsView, AsViewMut, Axes1, Axes2, Axes3, Axes4, Axes5, Axes6, Broadcast,
        BroadcastShapes, Cholesky, Complex, Const, ConvFullOf, ConvValidOf, DMatrix, DVector, Data,
        DataError, DataMut, Dim, Dyn, Eig, Element, Float, InnerDim, IntoShape, LinalgError,
        LinearOperator, Lower, Lstsq, Lu, Matrix, MaxOf, MinOf, NormOrd, Number, One, Pca, ProdOf,
        Qr, SameDim, Scalar, Shape, ShapeError, Span, StaticDim, StaticShape, SumOf, Svd,
        SymmetricEigen, Tensor, Tensor3, Tensor4, TensorView, TensorViewMut, Upper, Vector, where_,
    };
    pub use crate::{dim, einsum, tensor, try_einsum};
}

/// A tensor from a literal: `tensor![1., 2.]` is a `Vector<f64, 2>`, `tensor![[1, 2], [3, 4]]`
/// a `Matrix<i32, 2, 2>`, three levels of brackets a rank-3 tensor.
///
/// ```
/// use shaped::{tensor, Matrix, Tensor3};
/// let m: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
/// assert_eq!(m[[1, 2]], 6.0);
/// let t: Tensor3<i32, 2, 1, 2> = tensor![[[1, 2]], [[3, 4]]];
/// assert_eq!(t.as_slice(), &[1, 2, 3, 4]);
/// ```
#[macro_export]
macro_rules! tensor {
    ($($t:tt)*) => {
        $crate::Tensor::from([$($t)*])
    };
}

#[doc(hidden)]
pub use shape_macros as __shape_macros;

/// Einstein summation with shapes checked at compile time: `einsum!("nd,dm->nm", x, w)`.
///
/// The subscripts are numpy's: one term of letters per operand, separated by `,`; an explicit
/// output after `->`, or none (implicit: the letters used once, in ASCII order, upper case
/// first); a letter repeated in one term takes a diagonal (`"ii->i"`, the trace `"ii->"`);
/// letters missing from the output are summed; `...` stands for any number of batch axes,
/// broadcast numpy-style; white space is ignored. Operands are any expressions of tensors or
/// views (owned, borrowed, `.t()`, `permute`); they are borrowed, not moved. Shapes in words:
/// `"nd,dm->nm"` is `(N, D) x (D, M) -> (N, M)`.
///
/// The result is an owned [`Tensor`] whose shape type takes, for each output letter, the
/// static dim wherever an operand has it static, else [`Dyn`]. What is checked when:
/// - malformed subscripts (a bad character, a stray `.`, an output letter missing from the
///   inputs or repeated, two `->`, a term count that differs from the operand count) are
///   compile errors at the literal;
/// - a term whose letter count differs from its operand's rank is a type error at the operand;
/// - two static sizes bound to one letter that differ are a compile error naming the letter:
///   "einsum: index `d` is bound to different sizes: `Const<300>` vs `Const<128>`" (a
///   [`One`] stretches against any size, as numpy's size-1 labels do; `Const<1>` does not).
///
/// The contraction order is planned from the actual sizes (see [`einsum::plan`]) and each
/// pairwise step runs as strided GEMM calls without copying its operands.
///
/// # Panics
/// When `Dyn` sizes bound to one letter disagree at run time (the message names the letter
/// and both sizes); [`try_einsum!`] returns the error instead.
///
/// ```
/// use shaped::{einsum, tensor, Const, Dyn, Matrix, Tensor, Vector};
/// let x: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
/// let w: Matrix<f64, 3, 2> = tensor![[1., 0.], [0., 1.], [1., 1.]];
/// let y: Matrix<f64, 2, 2> = einsum!("nd,dm->nm", x, w);      // (2, 3) x (3, 2) -> (2, 2)
/// assert_eq!(y.as_slice(), &[4., 5., 10., 11.]);
/// let dots: Vector<f64, 2> = einsum!("nd,nd->n", x, x);      // a dot product per row
/// assert_eq!(dots.as_slice(), &[14., 77.]);
/// let tr = einsum!("ii", y);                                 // the trace, implicit output
/// assert_eq!(tr.as_slice(), &[15.]);
/// let xt = einsum!("ij->ji", x.t());                         // views work as operands
/// assert_eq!(xt.as_slice(), x.as_slice());
/// // Batch axes with `...`; the run-time batch size stays `Dyn`.
/// let batch = Tensor::<f64, (Dyn, Const<2>, Const<3>)>::ones_with((Dyn(4), Const, Const));
/// let out = einsum!("...ij,jk->...ik", batch, w);
/// let _: &Tensor<f64, (Dyn, Const<2>, Const<2>)> = &out;
/// assert_eq!(out.dims(), [4, 2, 2]);
/// ```
///
/// ```compile_fail
/// use shaped::{einsum, Matrix};
/// let x = Matrix::<f32, 100, 300>::zeros();
/// let w = Matrix::<f32, 128, 200>::zeros();
/// let y = einsum!("nd,dm->nm", x, w); // einsum: index `d` is bound to different sizes
/// ```
#[macro_export]
macro_rules! einsum {
    ($($t:tt)*) => {
        $crate::__shape_macros::einsum!($($t)*)
    };
}

/// [`einsum!`] returning `Result<Tensor, ShapeError>`: `Dyn` sizes that disagree at run time
/// are an error value instead of a panic. Static mismatches still do not compile.
///
/// # Errors
/// [`ShapeError`] when a letter is bound to run-time sizes that differ (other than a `Dyn`
/// of size 1, which stretches); the message names the letter and both sizes.
///
/// ```
/// use shaped::{try_einsum, Dyn, Tensor};
/// let a = Tensor::<f64, (Dyn,)>::ones_with((Dyn(3),));
/// let b = Tensor::<f64, (Dyn,)>::ones_with((Dyn(4),));
/// let err = try_einsum!("i,i->", a, b).unwrap_err();
/// assert!(err.to_string().contains("index `i` is bound to different sizes: 3"));
/// let ok = try_einsum!("i,i->", a, a)?;
/// assert_eq!(ok.as_slice(), &[3.0]);
/// # Ok::<(), shaped::ShapeError>(())
/// ```
#[macro_export]
macro_rules! try_einsum {
    ($($t:tt)*) => {
        $crate::__shape_macros::try_einsum!($($t)*)
    };
}
