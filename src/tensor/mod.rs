//! [`Tensor`] (owned, contiguous, row-major) and its borrowed, strided views
//! [`TensorView`] and [`TensorViewMut`].

mod access;
mod axis_iter;
mod cmp;
mod convert;
mod display;
mod slice;
mod storage;
mod view;

pub use access::Iter;
pub use axis_iter::AxisIterMut;
pub use convert::{IntoShape, SameRank};
pub use display::DisplayElement;
pub use slice::{AxisRange, SliceSpec, Span};
pub use storage::{Data, DataMut, INLINE_CAP, Storage};
pub use view::{
    AsView, AsViewMut, Axes1, Axes2, Axes3, Axes4, Axes5, Axes6, Permutation, PermuteShape,
    TensorView, TensorViewMut,
};

use core::fmt;
use core::marker::PhantomData;

use crate::dim::{Const, Dyn};
use crate::error::ShapeError;
use crate::scalar::{Element, Number};
use crate::shape::{Shape, StaticShape, fmt_dims};

/// An owned tensor of element type `T` and shape `S`: contiguous, row-major.
///
/// The shape is part of the type: `Tensor<f32, (Const<100>, Const<300>)>` is a 100x300 matrix,
/// `Tensor<f32, (Dyn, Const<300>)>` one with a run-time number of rows. Operations between
/// tensors whose static shapes disagree do not compile.
///
/// Tensors of at most [`INLINE_CAP`] elements keep their data inline, with no heap allocation.
///
/// ```
/// use shaped::{Const, Matrix, Tensor, tensor};
/// let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
/// assert_eq!(a.dims(), [2, 3]);
/// assert_eq!(a[[1, 2]], 6.0);
/// let z = Tensor::<f64, (Const<2>, Const<3>)>::zeros();
/// assert_eq!(z.as_slice(), &[0.0; 6]);
/// ```
///
/// # One type, three holders
///
/// The third parameter `D` says what holds the elements ([`Data`]): [`Storage<T>`], the
/// default, for an owned tensor; `&[T]` for a borrowed, strided [`TensorView`]; `&mut [T]` for
/// a [`TensorViewMut`]. `Tensor<f64, (Const<2>, Const<3>)>` is the owned tensor, and compile
/// errors print it so. Every operation is written once, for any `D`, so it is called the same
/// way on a tensor, a transposed view or a slice of either.
pub struct Tensor<T, S: Shape, D = Storage<T>> {
    shape: S,
    /// Element strides of the axes (row-major for an owned tensor).
    strides: S::Index,
    data: D,
    elem: PhantomData<T>,
}

impl<T: Clone, S: Shape> Clone for Tensor<T, S> {
    fn clone(&self) -> Self {
        Tensor {
            shape: self.shape,
            strides: self.strides,
            data: self.data.clone(),
            elem: PhantomData,
        }
    }
}

impl<T, S: Shape, D> Tensor<T, S, D> {
    /// A tensor over `data` with this layout; the caller has checked that every index of
    /// `shape` lands inside `data`.
    #[inline(always)]
    pub(crate) fn from_parts(data: D, shape: S, strides: S::Index) -> Self {
        Tensor {
            shape,
            strides,
            data,
            elem: PhantomData,
        }
    }
}

/// A vector of `N` elements: `Tensor<T, (Const<N>,)>`.
pub type Vector<T, const N: usize> = Tensor<T, (Const<N>,)>;
/// An `M x N` matrix: `Tensor<T, (Const<M>, Const<N>)>`.
pub type Matrix<T, const M: usize, const N: usize> = Tensor<T, (Const<M>, Const<N>)>;
/// A rank-3 tensor `A x B x C`.
pub type Tensor3<T, const A: usize, const B: usize, const C: usize> =
    Tensor<T, (Const<A>, Const<B>, Const<C>)>;
/// A rank-4 tensor `A x B x C x D`.
pub type Tensor4<T, const A: usize, const B: usize, const C: usize, const D: usize> =
    Tensor<T, (Const<A>, Const<B>, Const<C>, Const<D>)>;
/// A vector whose length is known at run time.
pub type DVector<T> = Tensor<T, (Dyn,)>;
/// A matrix whose sizes are known at run time.
pub type DMatrix<T> = Tensor<T, (Dyn, Dyn)>;
/// A scalar held as a rank-0 tensor.
pub type Scalar0<T> = Tensor<T, ()>;

impl<T: Element, S: Shape> Tensor<T, S> {
    /// Builds a tensor from a shape and storage of exactly `shape.numel()` elements.
    #[inline]
    pub(crate) fn from_storage(shape: S, data: Storage<T>) -> Self {
        debug_assert_eq!(data.as_slice().len(), shape.numel());
        Tensor::from_parts(data, shape, shape.row_major_strides())
    }

    /// A tensor of `shape` holding `data` (exactly `shape.numel()` elements, row-major):
    /// how the library builds the results its kernels computed. Unlike the public
    /// [`from_vec`](Tensor::from_vec) it has no error path: the kernels size their results
    /// from the dims they were given, which debug builds (the tests) check. Nothing in it
    /// panics, so a caller that holds other results needs no unwinding path to drop them,
    /// and with a static shape the inline-or-heap choice folds away: it adds almost no code
    /// per shape.
    #[inline]
    pub(crate) fn from_data(shape: S, data: Vec<T>) -> Self {
        Self::from_storage(shape, Storage::from_vec_of(shape.numel(), data))
    }

    /// A tensor of the given shape filled with `value`.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let x = Tensor::full_with((Dyn(2),), 7i32);
    /// assert_eq!(x.as_slice(), &[7, 7]);
    /// ```
    pub fn full_with(shape: S, value: T) -> Self {
        Self::from_storage(shape, Storage::filled(shape.numel(), value))
    }

    /// A tensor of zeros of the given shape (for shapes with `Dyn` dims).
    ///
    /// ```
    /// use shaped::{Const, Dyn, Tensor};
    /// let x = Tensor::<f32, (Dyn, Const<3>)>::zeros_with((Dyn(4), Const));
    /// assert_eq!(x.dims(), [4, 3]);
    /// ```
    pub fn zeros_with(shape: S) -> Self
    where
        T: Number,
    {
        Self::full_with(shape, T::ZERO)
    }

    /// A tensor of ones of the given shape.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let x = Tensor::<f64, (Dyn,)>::ones_with((Dyn(3),));
    /// assert_eq!(x.as_slice(), &[1.0, 1.0, 1.0]);
    /// ```
    pub fn ones_with(shape: S) -> Self
    where
        T: Number,
    {
        Self::full_with(shape, T::ONE)
    }

    /// A tensor whose element at multi-index `idx` is `f(idx)`, in row-major order.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let x = Tensor::<usize, (Dyn, Dyn)>::from_fn_with((Dyn(2), Dyn(3)), |[i, j]| 10 * i + j);
    /// assert_eq!(x.as_slice(), &[0, 1, 2, 10, 11, 12]);
    /// ```
    pub fn from_fn_with(shape: S, mut f: impl FnMut(S::Index) -> T) -> Self {
        let n = shape.numel();
        let mut idx = access::IndexIter::new(shape.dims());
        let data =
            Storage::from_iter_exact(n, core::iter::from_fn(|| idx.next_index().map(&mut f)));
        Self::from_storage(shape, data)
    }

    /// A tensor of the given shape holding `data` in row-major order.
    ///
    /// # Errors
    /// [`ShapeError`] when `data.len()` differs from the element count of `shape`, or when
    /// that count overflows `usize`.
    ///
    /// ```
    /// use shaped::{Const, Dyn, Tensor};
    /// let x = Tensor::<f64, (Dyn, Const<2>)>::from_vec((Dyn(2), Const), vec![1., 2., 3., 4.])?;
    /// assert_eq!(x[[1, 0]], 3.0);
    /// assert!(Tensor::<f64, (Dyn,)>::from_vec((Dyn(3),), vec![1.0]).is_err());
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn from_vec(shape: S, data: Vec<T>) -> Result<Self, ShapeError> {
        let n = checked_numel("from_vec", shape.dims().as_ref())?;
        if data.len() != n {
            return Err(ShapeError::new(
                "from_vec",
                shape.dims().as_ref(),
                format!(
                    "shape {} holds {} elements but the data has {}",
                    fmt_dims(shape.dims().as_ref()),
                    n,
                    data.len()
                ),
            ));
        }
        Ok(Self::from_storage(shape, Storage::from_vec(data)))
    }

    /// A tensor of the given shape holding a copy of `data` in row-major order.
    ///
    /// # Errors
    /// [`ShapeError`] when `data.len()` differs from the element count of `shape`, or when
    /// that count overflows `usize`.
    ///
    /// ```
    /// use shaped::{Const, Tensor};
    /// let x = Tensor::<f32, (Const<2>,)>::from_slice((Const,), &[1.0, 2.0])?;
    /// assert_eq!(x.as_slice(), &[1.0, 2.0]);
    /// # Ok::<(), shaped::ShapeError>(())
    /// ```
    pub fn from_slice(shape: S, data: &[T]) -> Result<Self, ShapeError> {
        if checked_numel("from_slice", shape.dims().as_ref())? != data.len() {
            return Self::from_vec(shape, data.to_vec());
        }
        Ok(Self::from_storage(
            shape,
            Storage::from_iter_exact(data.len(), data.iter().copied()),
        ))
    }

    /// The identity-like matrix of the given shape: ones on the main diagonal.
    ///
    /// ```
    /// use shaped::{Dyn, Tensor};
    /// let i = Tensor::<f64, (Dyn, Dyn)>::eye_with((Dyn(2), Dyn(3)));
    /// assert_eq!(i.as_slice(), &[1., 0., 0., 0., 1., 0.]);
    /// ```
    pub fn eye_with(shape: S) -> Self
    where
        T: Number,
        S: Shape<Index = [usize; 2]>,
    {
        Self::from_fn_with(shape, |[i, j]| if i == j { T::ONE } else { T::ZERO })
    }
}

impl<T: Element, S: StaticShape> Tensor<T, S> {
    /// A tensor of zeros.
    ///
    /// ```
    /// use shaped::Matrix;
    /// let z = Matrix::<f64, 2, 2>::zeros();
    /// assert_eq!(z.as_slice(), &[0.0; 4]);
    /// ```
    pub fn zeros() -> Self
    where
        T: Number,
    {
        Self::zeros_with(S::default())
    }

    /// A tensor of ones.
    ///
    /// ```
    /// use shaped::Vector;
    /// assert_eq!(Vector::<i32, 3>::ones().as_slice(), &[1, 1, 1]);
    /// ```
    pub fn ones() -> Self
    where
        T: Number,
    {
        Self::ones_with(S::default())
    }

    /// A tensor filled with `value`.
    ///
    /// ```
    /// use shaped::Vector;
    /// assert_eq!(Vector::<f32, 2>::full(0.5).as_slice(), &[0.5, 0.5]);
    /// ```
    pub fn full(value: T) -> Self {
        Self::full_with(S::default(), value)
    }

    /// A tensor whose element at multi-index `idx` is `f(idx)`.
    ///
    /// ```
    /// use shaped::Matrix;
    /// let m = Matrix::<usize, 2, 2>::from_fn(|[i, j]| i * 2 + j);
    /// assert_eq!(m.as_slice(), &[0, 1, 2, 3]);
    /// ```
    pub fn from_fn(f: impl FnMut(S::Index) -> T) -> Self {
        Self::from_fn_with(S::default(), f)
    }
}

impl<T: Number, S: StaticShape + Shape<Index = [usize; 2]>> Tensor<T, S> {
    /// The identity matrix (ones on the main diagonal of a possibly non-square matrix).
    ///
    /// ```
    /// use shaped::Matrix;
    /// let i = Matrix::<f64, 2, 2>::eye();
    /// assert_eq!(i.as_slice(), &[1., 0., 0., 1.]);
    /// ```
    pub fn eye() -> Self {
        Self::eye_with(S::default())
    }
}

impl<T, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// The shape, as its typed dims.
    ///
    /// ```
    /// use shaped::{Const, Dyn, Tensor};
    /// let x = Tensor::<f32, (Dyn, Const<2>)>::zeros_with((Dyn(3), Const));
    /// assert_eq!(x.shape().0, Dyn(3));
    /// ```
    #[inline(always)]
    pub fn shape(&self) -> S {
        self.shape
    }

    /// The sizes of the axes, `[usize; RANK]`.
    ///
    /// ```
    /// use shaped::Matrix;
    /// assert_eq!(Matrix::<f32, 2, 5>::zeros().dims(), [2, 5]);
    /// ```
    #[inline(always)]
    pub fn dims(&self) -> S::Index {
        self.shape.dims()
    }

    /// The strides of the axes, in elements: row-major for an owned tensor, any for a view.
    ///
    /// ```
    /// use shaped::Tensor3;
    /// let x = Tensor3::<f32, 2, 3, 4>::zeros();
    /// assert_eq!(x.strides(), [12, 4, 1]);
    /// assert_eq!(x.permute::<shaped::Axes3<2, 0, 1>>().strides(), [1, 12, 4]);
    /// ```
    #[inline(always)]
    pub fn strides(&self) -> S::Index {
        // An owned tensor is row-major: its strides follow from the shape (constants for a
        // static shape, which lets the layout checks of its callers fold away).
        if D::ROW_MAJOR {
            self.shape.row_major_strides()
        } else {
            self.strides
        }
    }

    /// The number of elements.
    ///
    /// ```
    /// use shaped::Matrix;
    /// assert_eq!(Matrix::<f32, 2, 5>::zeros().numel(), 10);
    /// ```
    #[inline(always)]
    pub fn numel(&self) -> usize {
        self.shape.numel()
    }

    /// The number of axes (numpy's `ndim`). For the numerical rank of a matrix, see
    /// `matrix_rank`.
    ///
    /// ```
    /// use shaped::Matrix;
    /// assert_eq!(Matrix::<f32, 2, 5>::zeros().ndim(), 2);
    /// ```
    #[inline(always)]
    pub fn ndim(&self) -> usize {
        S::RANK
    }

    /// A view of the whole tensor (the same as [`AsView::view`], without the import).
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert!(a.view().is_standard_layout());
    /// assert_eq!(a.t().view()[[0, 1]], 3);
    /// ```
    #[inline(always)]
    pub fn view(&self) -> TensorView<'_, T, S> {
        AsView::view(self)
    }
}

impl<T, S: Shape, D: DataMut<T>> Tensor<T, S, D> {
    /// A mutable view of the whole tensor (the same as [`AsViewMut::view_mut`]).
    ///
    /// ```
    /// use shaped::tensor;
    /// let mut a = tensor![[1, 2], [3, 4]];
    /// a.view_mut().t_mut()[[0, 1]] = 30;
    /// assert_eq!(a.as_slice(), &[1, 2, 30, 4]);
    /// ```
    #[inline(always)]
    pub fn view_mut(&mut self) -> TensorViewMut<'_, T, S> {
        AsViewMut::view_mut(self)
    }
}

impl<T, S: Shape> Tensor<T, S> {
    /// The elements in row-major order.
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert_eq!(a.as_slice(), &[1, 2, 3, 4]);
    /// ```
    #[inline(always)]
    pub fn as_slice(&self) -> &[T] {
        self.data.elements_of(S::STATIC_NUMEL)
    }

    /// The elements in row-major order, mutably.
    ///
    /// ```
    /// use shaped::tensor;
    /// let mut a = tensor![1, 2, 3];
    /// a.as_mut_slice()[0] = 9;
    /// assert_eq!(a.as_slice(), &[9, 2, 3]);
    /// ```
    #[inline(always)]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        self.data.elements_mut_of(S::STATIC_NUMEL)
    }

    /// Whether the elements are stored inline rather than on the heap (true for tensors of
    /// at most [`INLINE_CAP`] elements).
    ///
    /// ```
    /// use shaped::Matrix;
    /// assert!(Matrix::<f64, 4, 4>::zeros().is_inline());
    /// assert!(!Matrix::<f64, 5, 5>::zeros().is_inline());
    /// ```
    #[inline]
    pub fn is_inline(&self) -> bool {
        self.data.is_inline()
    }
}

impl<T: Element, S: Shape> Tensor<T, S> {
    /// The elements in row-major order, as a `Vec`.
    ///
    /// ```
    /// use shaped::tensor;
    /// assert_eq!(tensor![1, 2].into_vec(), vec![1, 2]);
    /// ```
    pub fn into_vec(self) -> Vec<T> {
        self.data.into_vec()
    }
}

impl<T: fmt::Debug, S: Shape, D: Data<T>> fmt::Debug for Tensor<T, S, D> {
    /// The kind (`Tensor`, `TensorView` or `TensorViewMut`), the sizes, then the elements in
    /// logical order in nested brackets; past 1000 elements only the first and last 3 of each
    /// axis, as `Display` and numpy do.
    ///
    /// ```
    /// use shaped::{tensor, Matrix, Tensor, Dyn};
    /// let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// assert_eq!(format!("{a:?}"), "Tensor(2, 3) [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]");
    /// assert_eq!(format!("{:?}", a.col(1)), "TensorView(2,) [2.0, 5.0]");
    /// let big = Tensor::<i32, (Dyn, Dyn)>::from_fn_with((Dyn(100), Dyn(100)), |[i, j]| (100 * i + j) as i32);
    /// assert_eq!(
    ///     format!("{big:?}"),
    ///     "Tensor(100, 100) [[0, 1, 2, ..., 97, 98, 99], [100, 101, 102, ..., 197, 198, 199], \
    ///      [200, 201, 202, ..., 297, 298, 299], ..., [9700, 9701, 9702, ..., 9797, 9798, 9799], \
    ///      [9800, 9801, 9802, ..., 9897, 9898, 9899], [9900, 9901, 9902, ..., 9997, 9998, 9999]]"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display::debug_render(
            f,
            D::KIND,
            self.data.elements(),
            self.dims().as_ref(),
            self.strides().as_ref(),
            S::NAMES,
        )
    }
}

impl<T: Number, S: StaticShape> Default for Tensor<T, S> {
    /// A tensor of zeros.
    fn default() -> Self {
        Self::zeros()
    }
}

/// The element count of a shape with these sizes, for `op`: a [`ShapeError`] saying that the
/// size overflows when the product of the nonzero sizes exceeds `usize::MAX` (numpy's rule: a
/// zero size does not make (0, 2^40, 2^40) acceptable, since its strides would overflow too).
pub(crate) fn checked_numel(op: &'static str, dims: &[usize]) -> Result<usize, ShapeError> {
    let nonzero = dims
        .iter()
        .filter(|&&d| d != 0)
        .try_fold(1usize, |acc, &d| acc.checked_mul(d));
    match nonzero {
        Some(_) if dims.contains(&0) => Ok(0),
        Some(n) => Ok(n),
        None => Err(ShapeError::new(
            op,
            dims,
            format!(
                "the element count of shape {} overflows usize",
                fmt_dims(dims)
            ),
        )),
    }
}
