//! Element access: `x[[i, j]]` indexing, row-major iteration over any strides.

use core::iter::FusedIterator;

use super::Tensor;
use super::view::offset_of;
use crate::shape::Shape;

/// Walks the multi-indices of a shape in row-major order.
pub(crate) struct IndexIter<I> {
    dims: I,
    next: Option<I>,
}

impl<I: Copy + Default + AsRef<[usize]> + AsMut<[usize]>> IndexIter<I> {
    pub(crate) fn new(dims: I) -> Self {
        let empty = dims.as_ref().contains(&0);
        IndexIter {
            dims,
            next: (!empty).then(I::default),
        }
    }

    pub(crate) fn next_index(&mut self) -> Option<I> {
        let cur = self.next?;
        let mut idx = cur;
        let dims = self.dims.as_ref();
        let mut axis = dims.len();
        loop {
            if axis == 0 {
                self.next = None;
                break;
            }
            axis -= 1;
            let i = &mut idx.as_mut()[axis];
            *i += 1;
            if *i < dims[axis] {
                self.next = Some(idx);
                break;
            }
            *i = 0;
        }
        Some(cur)
    }
}

/// Walks the element offsets of a strided layout in row-major order.
pub(crate) struct OffsetIter<I> {
    dims: I,
    strides: I,
    idx: I,
    offset: usize,
    remaining: usize,
}

impl<I: Copy + Default + AsRef<[usize]> + AsMut<[usize]>> OffsetIter<I> {
    pub(crate) fn new(dims: I, strides: I) -> Self {
        OffsetIter {
            dims,
            strides,
            idx: I::default(),
            offset: 0,
            remaining: dims.as_ref().iter().product(),
        }
    }

    #[inline]
    pub(crate) fn next_offset(&mut self) -> Option<usize> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let cur = self.offset;
        if self.remaining > 0 {
            let dims = self.dims.as_ref();
            let strides = self.strides.as_ref();
            let idx = self.idx.as_mut();
            let mut axis = dims.len();
            while axis > 0 {
                axis -= 1;
                idx[axis] += 1;
                self.offset += strides[axis];
                if idx[axis] < dims[axis] {
                    break;
                }
                self.offset -= strides[axis] * idx[axis];
                idx[axis] = 0;
            }
        }
        Some(cur)
    }
}

/// An iterator over the elements of a view in row-major (logical) order.
///
/// ```
/// use shaped::tensor;
/// let a = tensor![[1, 2, 3], [4, 5, 6]];
/// let col_major: Vec<i32> = a.t().iter().copied().collect();
/// assert_eq!(col_major, vec![1, 4, 2, 5, 3, 6]);
/// ```
pub struct Iter<'a, T, S: Shape> {
    data: &'a [T],
    offsets: OffsetIter<S::Index>,
}

impl<'a, T, S: Shape> Iter<'a, T, S> {
    pub(crate) fn new(data: &'a [T], dims: S::Index, strides: S::Index) -> Self {
        Iter {
            data,
            offsets: OffsetIter::new(dims, strides),
        }
    }
}

impl<'a, T, S: Shape> Iterator for Iter<'a, T, S> {
    type Item = &'a T;
    #[inline]
    fn next(&mut self) -> Option<&'a T> {
        self.offsets.next_offset().map(|o| &self.data[o])
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.offsets.remaining, Some(self.offsets.remaining))
    }
}

impl<T, S: Shape> ExactSizeIterator for Iter<'_, T, S> {}
impl<T, S: Shape> FusedIterator for Iter<'_, T, S> {}

impl<T, S: Shape> Tensor<T, S> {
    /// The elements in row-major order.
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert_eq!(a.iter().sum::<i32>(), 10);
    /// ```
    #[inline]
    pub fn iter(&self) -> core::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    /// The elements in row-major order, mutably.
    ///
    /// ```
    /// use shaped::tensor;
    /// let mut a = tensor![1, 2, 3];
    /// a.iter_mut().for_each(|x| *x *= 2);
    /// assert_eq!(a.as_slice(), &[2, 4, 6]);
    /// ```
    #[inline]
    pub fn iter_mut(&mut self) -> core::slice::IterMut<'_, T> {
        self.as_mut_slice().iter_mut()
    }

    /// The element at `idx`, or `None` when it is out of bounds.
    ///
    /// ```
    /// use shaped::tensor;
    /// let a = tensor![[1, 2], [3, 4]];
    /// assert_eq!(a.get([1, 0]), Some(&3));
    /// assert_eq!(a.get([2, 0]), None);
    /// ```
    #[inline]
    pub fn get(&self, idx: S::Index) -> Option<&T> {
        let dims = self.dims();
        let off = offset_of(dims.as_ref(), self.strides().as_ref(), idx.as_ref())?;
        Some(&self.as_slice()[off])
    }

    /// The element at `idx`, mutably, or `None` when it is out of bounds.
    ///
    /// ```
    /// use shaped::tensor;
    /// let mut a = tensor![[1, 2], [3, 4]];
    /// *a.get_mut([0, 1]).unwrap() = 7;
    /// assert_eq!(a.as_slice(), &[1, 7, 3, 4]);
    /// ```
    #[inline]
    pub fn get_mut(&mut self, idx: S::Index) -> Option<&mut T> {
        let dims = self.dims();
        let off = offset_of(dims.as_ref(), self.strides().as_ref(), idx.as_ref())?;
        Some(&mut self.as_mut_slice()[off])
    }
}

impl<'a, T, S: Shape> IntoIterator for &'a Tensor<T, S> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
