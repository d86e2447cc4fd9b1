//! Iteration over the sub-views along one axis: `axis_iter::<A>()` and `rows()` yield
//! [`TensorView`]s, `axis_iter_mut::<A>()` and `rows_mut()` yield [`TensorViewMut`]s, each of
//! the shape with axis `A` removed (typed).
//!
//! Mutable views hold a `&mut [T]`, so two of them cannot share a memory range: the mutable
//! iterator splits the data into consecutive, disjoint ranges, which exist when the sub-views
//! do not interleave in memory (axis 0 of an owned tensor, the rows of a matrix, the columns of
//! its transpose). For an axis whose sub-views interleave (the columns of a row-major matrix),
//! `for_each_axis_mut::<A>(f)` visits them one after another instead.

use core::iter::FusedIterator;
use core::marker::PhantomData;

use super::{Data, DataMut, Tensor, TensorView, TensorViewMut};
use crate::dim::AnyDim;
use crate::error::{ShapeError, unwrap_or_panic};
use crate::shape::{RemoveAxis, Shape, fmt_dims};

/// The sizes and strides of `dims`/`strides` without `axis`, as a typed shape and index.
fn without<S2: Shape>(dims: &[usize], strides: &[usize], axis: usize) -> (S2, S2::Index) {
    let (mut d, mut s) = (dims.to_vec(), strides.to_vec());
    d.remove(axis);
    s.remove(axis);
    let shape = S2::try_from_dims(&d).expect("removing an axis keeps the other sizes");
    let mut idx = S2::Index::default();
    idx.as_mut().copy_from_slice(&s);
    (shape, idx)
}

impl<T, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// The sub-views along axis `A`, in order: for a (B, N, D) tensor and `A = 0`, B views of
    /// shape (N, D). numpy's iteration over `np.moveaxis(x, A, 0)`; no copy.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let x: Matrix<i32, 2, 3> = tensor![[1, 2, 3], [4, 5, 6]];
    /// let col_sums: Vec<i32> = x.axis_iter::<1>().map(|c| c.sum()).collect();
    /// assert_eq!(col_sums, vec![5, 7, 9]);
    /// assert_eq!(x.axis_iter::<0>().len(), 2);
    /// ```
    pub fn axis_iter<const A: usize>(
        &self,
    ) -> impl ExactSizeIterator<Item = TensorView<'_, T, <S as RemoveAxis<A>>::Out>>
    + DoubleEndedIterator
    + FusedIterator
    where
        S: RemoveAxis<A>,
    {
        let v = self.view();
        let n = v.dims().as_ref()[A];
        (0..n).map(move |i| v.select::<A>(i))
    }
}

impl<T, R: AnyDim, C: AnyDim, D: Data<T>> Tensor<T, (R, C), D> {
    /// The rows of a matrix as (C,) views: `axis_iter::<0>()`.
    ///
    /// ```
    /// use shaped::tensor;
    /// let x = tensor![[1., 2.], [3., 4.]];
    /// let norms: Vec<f64> = x.rows().map(|r| r.norm_l2()).collect();
    /// assert_eq!(norms[0], 5f64.sqrt());
    /// let firsts: Vec<f64> = x.t().rows().map(|r| r[[0]]).collect(); // rows of the transpose
    /// assert_eq!(firsts, vec![1., 2.]);
    /// ```
    pub fn rows(
        &self,
    ) -> impl ExactSizeIterator<Item = TensorView<'_, T, (C,)>> + DoubleEndedIterator + FusedIterator
    {
        self.axis_iter::<0>()
    }
}

/// The iterator of [`Tensor::axis_iter_mut`]: disjoint mutable sub-views along one axis.
///
/// ```
/// use shaped::{tensor, tensor::AxisIterMut, Const};
/// let mut x = tensor![[1, 2], [3, 4]];
/// let rows: AxisIterMut<'_, i32, (Const<2>,)> = x.rows_mut();
/// assert_eq!(rows.len(), 2);
/// ```
pub struct AxisIterMut<'a, T, S2: Shape> {
    rest: &'a mut [T],
    step: usize,
    left: usize,
    shape: S2,
    strides: S2::Index,
    elem: PhantomData<T>,
}

impl<'a, T, S2: Shape> Iterator for AxisIterMut<'a, T, S2> {
    type Item = TensorViewMut<'a, T, S2>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let rest = core::mem::take(&mut self.rest);
        let head = if self.left > 0 {
            let (head, tail) = rest.split_at_mut(self.step.min(rest.len()));
            self.rest = tail;
            head
        } else {
            rest
        };
        Some(Tensor::from_parts(head, self.shape, self.strides))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<T, S2: Shape> ExactSizeIterator for AxisIterMut<'_, T, S2> {}
impl<T, S2: Shape> FusedIterator for AxisIterMut<'_, T, S2> {}

impl<T, S: Shape, D: DataMut<T>> Tensor<T, S, D> {
    /// Mutable sub-views along axis `A`, in order, when they occupy disjoint memory ranges
    /// (axis 0 of an owned tensor; any axis whose stride spans the other axes).
    ///
    /// # Panics
    /// When the sub-views along `A` interleave in memory (see `try_axis_iter_mut`; use
    /// `for_each_axis_mut` for such an axis).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let mut x: Matrix<f64, 2, 2> = tensor![[3., 4.], [1., 0.]];
    /// for mut row in x.axis_iter_mut::<0>() {
    ///     let n = row.norm_l2();
    ///     row.for_each_mut(|v| *v /= n);
    /// }
    /// assert_eq!(x.as_slice(), &[0.6, 0.8, 1., 0.]);
    /// ```
    #[track_caller]
    pub fn axis_iter_mut<const A: usize>(&mut self) -> AxisIterMut<'_, T, <S as RemoveAxis<A>>::Out>
    where
        S: RemoveAxis<A>,
    {
        unwrap_or_panic(self.try_axis_iter_mut::<A>())
    }

    /// `axis_iter_mut` that returns an error when the sub-views along `A` interleave in memory.
    ///
    /// # Errors
    /// [`ShapeError`] naming the shape, its strides and the axis.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let mut x: Matrix<i32, 2, 3> = tensor![[1, 2, 3], [4, 5, 6]];
    /// assert!(x.try_axis_iter_mut::<1>().is_err()); // columns of a row-major matrix interleave
    /// assert_eq!(x.try_axis_iter_mut::<0>().unwrap().len(), 2);
    /// ```
    pub fn try_axis_iter_mut<const A: usize>(
        &mut self,
    ) -> Result<AxisIterMut<'_, T, <S as RemoveAxis<A>>::Out>, ShapeError>
    where
        S: RemoveAxis<A>,
    {
        let v = self.view_mut();
        let (dims, strides) = (v.dims(), v.strides());
        let (d, st) = (dims.as_ref(), strides.as_ref());
        let (shape, sub_strides) = without::<<S as RemoveAxis<A>>::Out>(d, st, A);
        let empty = d.contains(&0);
        // the memory range one sub-view reaches: 1 + sum (d_k - 1) s_k over the other axes
        let span = if empty {
            0
        } else {
            1 + d
                .iter()
                .zip(st)
                .enumerate()
                .filter(|&(k, _)| k != A)
                .map(|(_, (&n, &s))| (n - 1) * s)
                .sum::<usize>()
        };
        let (n, step) = (d[A], st[A]);
        if n > 1 && !empty && step < span {
            return Err(ShapeError::new(
                "axis_iter_mut",
                d,
                format!(
                    "the sub-views along axis {A} of shape {} (strides {:?}) interleave in memory; use for_each_axis_mut",
                    fmt_dims(d),
                    st
                ),
            ));
        }
        // the view's data runs from its first element; the ranges split off are disjoint
        Ok(AxisIterMut {
            rest: v.data,
            step,
            left: n,
            shape,
            strides: sub_strides,
            elem: PhantomData,
        })
    }

    /// Calls `f(i, view)` for each mutable sub-view along axis `A` in turn (any axis, any
    /// layout: the views are handed out one after another).
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let mut x: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// x.for_each_axis_mut::<1>(|j, mut col| col.for_each_mut(|v| *v *= j as f64));
    /// assert_eq!(x.as_slice(), &[0., 2., 6., 0., 5., 12.]);
    /// ```
    pub fn for_each_axis_mut<const A: usize>(
        &mut self,
        mut f: impl FnMut(usize, TensorViewMut<'_, T, <S as RemoveAxis<A>>::Out>),
    ) where
        S: RemoveAxis<A>,
    {
        let mut v = self.view_mut();
        let n = v.dims().as_ref()[A];
        for i in 0..n {
            f(i, v.reborrow().select_mut::<A>(i));
        }
    }
}

impl<T, R: AnyDim, C: AnyDim, D: DataMut<T>> Tensor<T, (R, C), D> {
    /// The rows of a matrix as mutable (C,) views: `axis_iter_mut::<0>()`.
    ///
    /// # Panics
    /// When the rows interleave in memory (the rows of a transposed view).
    ///
    /// ```
    /// use shaped::tensor;
    /// let mut x = tensor![[1, 2], [3, 4]];
    /// for (i, mut r) in x.rows_mut().enumerate() {
    ///     r[[0]] = 10 * i as i32;
    /// }
    /// assert_eq!(x.as_slice(), &[0, 2, 10, 4]);
    /// ```
    #[track_caller]
    pub fn rows_mut(&mut self) -> AxisIterMut<'_, T, (C,)> {
        self.axis_iter_mut::<0>()
    }
}
