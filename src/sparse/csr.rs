//! [`Csr`]: compressed sparse rows with typed dims.
//!
//! Layout (scipy's): `indptr` has R + 1 entries, starting at 0 and non-decreasing; the entries
//! of row `i` are `indices[indptr[i]..indptr[i + 1]]` (column indices, strictly increasing
//! within a row) and the matching `values`. Every `Csr` upholds these rules: the constructors
//! establish them and nothing mutates the structure afterwards.

use crate::dim::{Dim, InnerDim};
use crate::error::{DataError, ShapeError, unwrap_or_panic};
use crate::operator::LinearOperator;
#[cfg(feature = "rayon")]
use crate::parallel;
use crate::scalar::Scalar;
use crate::shape::fmt_dims;
use crate::tensor::{AsView, Tensor};

/// A sparse (R, C) matrix in compressed sparse row form.
///
/// `R` and `C` are dims like a tensor's: [`Const<N>`](crate::Const) for sizes known at
/// compile time, [`Dyn`](crate::Dyn) for run-time ones. Products with dense tensors check the
/// inner dimension like a dense product: `(R, C) x (C,) -> (R,)` and
/// `(R, C) x (C, N) -> (R, N)`.
///
/// ```
/// use shaped::sparse::Csr;
/// use shaped::{Dyn, Tensor};
///
/// // [[0, 5],
/// //  [7, 0],
/// //  [0, 0]]
/// let a = Csr::<f64, Dyn, Dyn>::from_parts((Dyn(3), Dyn(2)), vec![0, 1, 2, 2], vec![1, 0], vec![5.0, 7.0])?;
/// let x = Tensor::<f64, (Dyn,)>::from_vec((Dyn(2),), vec![1.0, 2.0])?;
/// assert_eq!(a.matvec(&x).as_slice(), &[10.0, 7.0, 0.0]);
/// assert_eq!(a.to_dense().as_slice(), &[0.0, 5.0, 7.0, 0.0, 0.0, 0.0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Csr<T, R: Dim, C: Dim> {
    rows: R,
    cols: C,
    indptr: Vec<usize>,
    indices: Vec<usize>,
    values: Vec<T>,
}

/// One row of a [`Csr`] matrix: its index and its stored entries, columns ascending.
///
/// ```
/// use shaped::sparse::Csr;
/// use shaped::Dyn;
/// let a = Csr::<f64, Dyn, Dyn>::from_triplets((Dyn(2), Dyn(3)), &[(1, 2, 4.0), (1, 0, 3.0)])?;
/// let row = a.rows().nth(1).unwrap();
/// assert_eq!(row.row, 1);
/// assert_eq!(row.indices, &[0, 2]);
/// assert_eq!(row.values, &[3.0, 4.0]);
/// assert_eq!(row.iter().collect::<Vec<_>>(), vec![(0, 3.0), (2, 4.0)]);
/// # Ok::<(), shaped::DataError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CsrRow<'a, T> {
    /// The row index.
    pub row: usize,
    /// The column indices of the stored entries, strictly increasing.
    pub indices: &'a [usize],
    /// The stored values, one per column index.
    pub values: &'a [T],
}

impl<'a, T: Copy> CsrRow<'a, T> {
    /// The stored entries as `(column, value)` pairs, columns ascending.
    pub fn iter(&self) -> impl Iterator<Item = (usize, T)> + 'a {
        self.indices
            .iter()
            .copied()
            .zip(self.values.iter().copied())
    }
}

/// The rows of a [`Csr`] matrix, in order (from [`Csr::rows`]).
#[derive(Clone, Debug)]
pub struct CsrRows<'a, T> {
    row: usize,
    indptr: &'a [usize],
    indices: &'a [usize],
    values: &'a [T],
}

impl<'a, T> Iterator for CsrRows<'a, T> {
    type Item = CsrRow<'a, T>;

    fn next(&mut self) -> Option<Self::Item> {
        let (&start, &end) = (self.indptr.get(self.row)?, self.indptr.get(self.row + 1)?);
        let row = CsrRow {
            row: self.row,
            indices: &self.indices[start..end],
            values: &self.values[start..end],
        };
        self.row += 1;
        Some(row)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.indptr.len().saturating_sub(self.row + 1);
        (n, Some(n))
    }
}

impl<T> ExactSizeIterator for CsrRows<'_, T> {}

/// `m + 1` zeros: the row pointers of an `m`-row matrix, or a [`DataError`] when they do not
/// fit in memory (`m + 1` overflows, or the allocation fails) rather than a panic or an abort.
fn zeroed_row_pointers(m: usize) -> Result<Vec<usize>, DataError> {
    let too_large = || {
        invalid(format!(
            "a matrix of {m} rows is too large: its m + 1 row pointers do not fit in memory"
        ))
    };
    let len = m.checked_add(1).ok_or_else(too_large)?;
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| too_large())?;
    v.resize(len, 0);
    Ok(v)
}

fn invalid(rule: String) -> DataError {
    DataError::invalid("csr", rule)
}

impl<T: Scalar, R: Dim, C: Dim> Csr<T, R, C> {
    /// The matrix of shape (R, C) with no stored entries.
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::Const;
    /// let z = Csr::<f32, Const<3>, Const<4>>::zeros((Const, Const));
    /// assert_eq!(z.nnz(), 0);
    /// assert_eq!(z.dims(), [3, 4]);
    /// ```
    pub fn zeros((rows, cols): (R, C)) -> Self {
        Csr {
            rows,
            cols,
            indptr: vec![0; rows.size() + 1],
            indices: Vec::new(),
            values: Vec::new(),
        }
    }

    /// The (R, C) matrix holding `value` at `(row, col)` for each triplet; entries given more
    /// than once are summed (scipy's `coo_matrix((v, (i, j))).tocsr()`).
    ///
    /// # Errors
    /// [`DataError`] naming the first triplet whose row or column is out of range, or saying
    /// that the R + 1 row pointers of a matrix with that many rows do not fit in memory.
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::Const;
    /// let a = Csr::<f64, Const<2>, Const<2>>::from_triplets(
    ///     (Const, Const),
    ///     &[(1, 1, 2.0), (0, 1, 1.0), (1, 1, 3.0)],
    /// )?;
    /// assert_eq!(a.to_dense().as_slice(), &[0.0, 1.0, 0.0, 5.0]);
    /// assert_eq!(a.nnz(), 2);
    /// let bad = Csr::<f64, Const<2>, Const<2>>::from_triplets((Const, Const), &[(2, 0, 1.0)]);
    /// assert_eq!(
    ///     bad.unwrap_err().to_string(),
    ///     "csr: triplet 0 has row 2, out of range for 2 rows"
    /// );
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn from_triplets(
        (rows, cols): (R, C),
        triplets: &[(usize, usize, T)],
    ) -> Result<Self, DataError> {
        let (m, n) = (rows.size(), cols.size());
        // Count per row, checking ranges.
        let mut counts = zeroed_row_pointers(m)?;
        for (k, &(i, j, _)) in triplets.iter().enumerate() {
            if i >= m {
                return Err(invalid(format!(
                    "triplet {k} has row {i}, out of range for {m} rows"
                )));
            }
            if j >= n {
                return Err(invalid(format!(
                    "triplet {k} has column {j}, out of range for {n} columns"
                )));
            }
            counts[i + 1] += 1;
        }
        for i in 0..m {
            counts[i + 1] += counts[i];
        }
        // Bucket by row (stable), then sort each row by column and sum duplicates.
        let mut next = counts.clone();
        let mut by_row = vec![(0usize, T::ZERO); triplets.len()];
        for &(i, j, v) in triplets {
            by_row[next[i]] = (j, v);
            next[i] += 1;
        }
        let mut indptr = Vec::with_capacity(counts.len());
        let mut indices = Vec::with_capacity(triplets.len());
        let mut values = Vec::with_capacity(triplets.len());
        indptr.push(0);
        for i in 0..m {
            let row = &mut by_row[counts[i]..counts[i + 1]];
            row.sort_by_key(|&(j, _)| j);
            let start = indices.len();
            for &(j, v) in row.iter() {
                if indices.len() > start && indices[indices.len() - 1] == j {
                    let last = values.len() - 1;
                    values[last] += v;
                } else {
                    indices.push(j);
                    values.push(v);
                }
            }
            indptr.push(indices.len());
        }
        Ok(Csr {
            rows,
            cols,
            indptr,
            indices,
            values,
        })
    }

    /// The (R, C) matrix with the given CSR arrays (scipy's `csr_matrix((data, indices,
    /// indptr), shape)`), after checking every rule of the format.
    ///
    /// # Errors
    /// [`DataError`] saying which rule failed, with the offending position and value:
    /// `indptr` must have R + 1 entries, start at 0, never decrease and end at the number of
    /// entries; `indices` and `values` must have the same length; column indices must be
    /// below C and strictly increasing within each row (sorted, no duplicates).
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::{Const, Dyn};
    /// let a = Csr::<f64, Dyn, Const<3>>::from_parts((Dyn(2), Const), vec![0, 2, 3], vec![0, 2, 1], vec![1.0, 2.0, 3.0])?;
    /// assert_eq!(a.to_dense().as_slice(), &[1.0, 0.0, 2.0, 0.0, 3.0, 0.0]);
    ///
    /// let unsorted = Csr::<f64, Dyn, Const<3>>::from_parts((Dyn(1), Const), vec![0, 2], vec![2, 0], vec![1.0, 2.0]);
    /// assert_eq!(
    ///     unsorted.unwrap_err().to_string(),
    ///     "csr: row 0: column indices must be strictly increasing, but indices[1] = 0 follows 2"
    /// );
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn from_parts(
        (rows, cols): (R, C),
        indptr: Vec<usize>,
        indices: Vec<usize>,
        values: Vec<T>,
    ) -> Result<Self, DataError> {
        let (m, n) = (rows.size(), cols.size());
        let need = m.checked_add(1);
        if need != Some(indptr.len()) {
            // m + 1 overflows for usize::MAX rows: no indptr can have that many entries.
            let need = need.map_or_else(|| format!("{m} + 1"), |k| k.to_string());
            return Err(invalid(format!(
                "indptr has {} entries but a matrix of {m} rows needs {need}",
                indptr.len(),
            )));
        }
        if indptr[0] != 0 {
            return Err(invalid(format!("indptr[0] is {}, must be 0", indptr[0])));
        }
        if indices.len() != values.len() {
            return Err(invalid(format!(
                "indices has {} entries but values has {}",
                indices.len(),
                values.len()
            )));
        }
        for i in 0..m {
            if indptr[i + 1] < indptr[i] {
                return Err(invalid(format!(
                    "indptr must not decrease, but indptr[{}] = {} < indptr[{i}] = {}",
                    i + 1,
                    indptr[i + 1],
                    indptr[i]
                )));
            }
        }
        if indptr[m] != indices.len() {
            return Err(invalid(format!(
                "indptr[{m}] = {} must equal the number of entries, {}",
                indptr[m],
                indices.len()
            )));
        }
        for i in 0..m {
            let (start, end) = (indptr[i], indptr[i + 1]);
            for k in start..end {
                let j = indices[k];
                if j >= n {
                    return Err(invalid(format!(
                        "row {i}: indices[{k}] = {j} is out of range for {n} columns"
                    )));
                }
                if k > start && indices[k - 1] >= j {
                    return Err(invalid(format!(
                        "row {i}: column indices must be strictly increasing, but indices[{k}] = {j} follows {}",
                        indices[k - 1]
                    )));
                }
            }
        }
        Ok(Csr {
            rows,
            cols,
            indptr,
            indices,
            values,
        })
    }

    /// The shape, as its typed dims.
    #[inline]
    pub fn shape(&self) -> (R, C) {
        (self.rows, self.cols)
    }

    /// The sizes `[rows, columns]`.
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::Dyn;
    /// assert_eq!(Csr::<f64, Dyn, Dyn>::zeros((Dyn(4), Dyn(7))).dims(), [4, 7]);
    /// ```
    #[inline]
    pub fn dims(&self) -> [usize; 2] {
        [self.rows.size(), self.cols.size()]
    }

    /// The number of stored entries (explicit zeros included, as scipy's `nnz`).
    #[inline]
    pub fn nnz(&self) -> usize {
        self.values.len()
    }

    /// The row pointer array: R + 1 non-decreasing offsets into `indices` and `values`.
    #[inline]
    pub fn indptr(&self) -> &[usize] {
        &self.indptr
    }

    /// The column index of each stored entry, row by row, ascending within a row.
    #[inline]
    pub fn indices(&self) -> &[usize] {
        &self.indices
    }

    /// The value of each stored entry, in the order of [`Self::indices`].
    #[inline]
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// The three CSR arrays `(indptr, indices, values)`, giving the matrix up.
    pub fn into_parts(self) -> (Vec<usize>, Vec<usize>, Vec<T>) {
        (self.indptr, self.indices, self.values)
    }

    /// The rows in order, each with its stored entries.
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::Dyn;
    /// let a = Csr::<f64, Dyn, Dyn>::from_triplets((Dyn(3), Dyn(3)), &[(0, 1, 1.0), (2, 2, 2.0)])?;
    /// let per_row: Vec<usize> = a.rows().map(|r| r.indices.len()).collect();
    /// assert_eq!(per_row, vec![1, 0, 1]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn rows(&self) -> CsrRows<'_, T> {
        CsrRows {
            row: 0,
            indptr: &self.indptr,
            indices: &self.indices,
            values: &self.values,
        }
    }

    /// The same matrix with both dims `Dyn`.
    pub fn into_dyn(self) -> Csr<T, crate::Dyn, crate::Dyn> {
        Csr {
            rows: crate::Dyn(self.rows.size()),
            cols: crate::Dyn(self.cols.size()),
            indptr: self.indptr,
            indices: self.indices,
            values: self.values,
        }
    }

    /// The dense (R, C) matrix with the same entries.
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::Const;
    /// let a = Csr::<i32, Const<2>, Const<2>>::from_triplets((Const, Const), &[(0, 1, 7)])?;
    /// assert_eq!(a.to_dense().as_slice(), &[0, 7, 0, 0]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn to_dense(&self) -> Tensor<T, (R, C)> {
        LinearOperator::to_dense(self)
    }

    /// The transpose, (R, C) -> (C, R), as a new CSR matrix (the CSC form of `self`).
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::Const;
    /// let a = Csr::<f64, Const<2>, Const<3>>::from_triplets((Const, Const), &[(0, 2, 1.0), (1, 0, 2.0)])?;
    /// let at = a.transpose(); // Csr<f64, Const<3>, Const<2>>
    /// assert_eq!(at.to_dense().as_slice(), a.to_dense().t().to_tensor().as_slice());
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn transpose(&self) -> Csr<T, C, R> {
        let (m, n) = (self.rows.size(), self.cols.size());
        let mut indptr = vec![0usize; n + 1];
        for &j in &self.indices {
            indptr[j + 1] += 1;
        }
        for j in 0..n {
            indptr[j + 1] += indptr[j];
        }
        let mut next = indptr.clone();
        let mut indices = vec![0usize; self.nnz()];
        let mut values = vec![T::ZERO; self.nnz()];
        // Rows are visited in order, so each column of the result receives its row indices
        // in increasing order: the result is sorted.
        for i in 0..m {
            for k in self.indptr[i]..self.indptr[i + 1] {
                let j = self.indices[k];
                indices[next[j]] = i;
                values[next[j]] = self.values[k];
                next[j] += 1;
            }
        }
        Csr {
            rows: self.cols,
            cols: self.rows,
            indptr,
            indices,
            values,
        }
    }

    /// The sparse matrix times a dense vector: (R, C) x (C,) -> (R,).
    ///
    /// A static `C` that differs from the vector's length does not compile.
    ///
    /// # Panics
    /// When a `Dyn` length differs from C (see [`Self::try_matvec`]).
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::{Const, Vector, tensor};
    /// let a = Csr::<f64, Const<2>, Const<3>>::from_triplets((Const, Const), &[(0, 0, 2.0), (1, 2, -1.0)])?;
    /// let x: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];
    /// let y: Vector<f64, 2> = a.matvec(&x);
    /// assert_eq!(y.as_slice(), &[2.0, -3.0]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    #[track_caller]
    pub fn matvec<K: Dim>(&self, x: &impl AsView<T, (K,)>) -> Tensor<T, (R,)>
    where
        C: InnerDim<K>,
    {
        LinearOperator::matvec(self, x)
    }

    /// [`Self::matvec`], returning an error when a `Dyn` length differs from C.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::{Dyn, Tensor};
    /// let a = Csr::<f64, Dyn, Dyn>::zeros((Dyn(2), Dyn(3)));
    /// let x = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(4),));
    /// assert_eq!(
    ///     a.try_matvec(&x).unwrap_err().to_string(),
    ///     "csr matvec: lhs (2, 3) has 3 columns but x (4,) has 4 elements"
    /// );
    /// ```
    pub fn try_matvec<K: Dim>(
        &self,
        x: &impl AsView<T, (K,)>,
    ) -> Result<Tensor<T, (R,)>, ShapeError>
    where
        C: InnerDim<K>,
    {
        LinearOperator::try_matvec(self, x)
    }

    /// The sparse matrix times a dense matrix: (R, C) x (C, N) -> (R, N).
    ///
    /// A static `C` that differs from the rows of `b` does not compile.
    ///
    /// # Panics
    /// When a `Dyn` size differs (see [`Self::try_matmul`]).
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::{Const, Matrix, tensor};
    /// let a = Csr::<f64, Const<1>, Const<2>>::from_triplets((Const, Const), &[(0, 1, 2.0)])?;
    /// let b: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// assert_eq!(a.matmul(&b).as_slice(), &[8.0, 10.0, 12.0]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    #[track_caller]
    pub fn matmul<K: Dim, N: Dim>(&self, b: &impl AsView<T, (K, N)>) -> Tensor<T, (R, N)>
    where
        C: InnerDim<K>,
    {
        unwrap_or_panic(self.try_matmul(b))
    }

    /// [`Self::matmul`], returning an error when a `Dyn` size differs.
    ///
    /// # Errors
    /// [`ShapeError`] naming both shapes.
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::{Dyn, Tensor};
    /// let a = Csr::<f64, Dyn, Dyn>::zeros((Dyn(2), Dyn(3)));
    /// let b = Tensor::<f64, (Dyn, Dyn)>::zeros_with((Dyn(2), Dyn(5)));
    /// assert_eq!(
    ///     a.try_matmul(&b).unwrap_err().to_string(),
    ///     "csr matmul: lhs (2, 3) has 3 columns but rhs (2, 5) has 2 rows"
    /// );
    /// ```
    pub fn try_matmul<K: Dim, N: Dim>(
        &self,
        b: &impl AsView<T, (K, N)>,
    ) -> Result<Tensor<T, (R, N)>, ShapeError>
    where
        C: InnerDim<K>,
    {
        let bv = b.view();
        let [k, p] = bv.dims();
        let [m, n] = self.dims();
        if k != n {
            return Err(ShapeError::pair(
                "csr matmul",
                &[m, n],
                &[k, p],
                format!(
                    "lhs {} has {n} columns but rhs {} has {k} rows",
                    fmt_dims(&[m, n]),
                    fmt_dims(&[k, p])
                ),
            ));
        }
        let owned;
        let bs: &[T] = match bv.as_slice() {
            Some(s) => s,
            None => {
                owned = bv.to_tensor();
                owned.as_slice()
            }
        };
        let mut out = Tensor::zeros_with((self.rows, bv.shape().1));
        if p > 0 {
            let data = out.as_mut_slice();
            for (row, dst) in self.rows().zip(data.chunks_exact_mut(p)) {
                for (j, v) in row.iter() {
                    let src = &bs[j * p..(j + 1) * p];
                    for (d, &s) in dst.iter_mut().zip(src) {
                        *d += v * s;
                    }
                }
            }
        }
        Ok(out)
    }
}

/// The sparse product row by row; the stored entries scattered into zeros.
impl<T: Scalar, R: Dim, C: Dim> LinearOperator<T> for Csr<T, R, C> {
    type Rows = R;
    type Cols = C;
    const MATVEC_OP: &'static str = "csr matvec";

    fn shape(&self) -> (R, C) {
        (self.rows, self.cols)
    }

    fn apply(&self, x: &[T], y: &mut [T]) {
        #[cfg(feature = "rayon")]
        {
            // Blocks of whole rows, each of about `MIN_NNZ_PER_TASK` stored entries plus
            // rows, each row computed by the serial kernel (feature `rayon`).
            let rows = y.len();
            let work = self.values.len() + rows;
            if rows > 0 && parallel::splits(work, parallel::MIN_NNZ_PER_TASK) {
                // As many tasks of about the same work as a multiple of the thread count, so
                // that no thread is left with one block more than the others.
                let threads = rayon::current_num_threads().max(1);
                let tasks = threads * work.div_ceil(parallel::MIN_NNZ_PER_TASK * threads);
                let block = rows.div_ceil(tasks).max(1);
                let (indptr, indices, values) = (&self.indptr, &self.indices, &self.values);
                parallel::for_each_chunk(
                    y,
                    block,
                    parallel::MIN_NNZ_PER_TASK,
                    parallel::MIN_NNZ_PER_TASK,
                    |t, yb| {
                        let r0 = t * block;
                        csr_matvec_kernel(&indptr[r0..=r0 + yb.len()], indices, values, x, yb);
                    },
                );
                return;
            }
        }
        csr_matvec_kernel(&self.indptr, &self.indices, &self.values, x, y);
    }

    fn write_dense(&self, out: &mut [T]) {
        let n = self.cols.size();
        for row in self.rows() {
            let dst = &mut out[row.row * n..(row.row + 1) * n];
            for (j, v) in row.iter() {
                dst[j] = v;
            }
        }
    }
}

/// `out[i] = sum_k values[k] x[indices[k]]` over the entries `k` of row `i`, for each row
/// (`out` has one slot per row).
#[inline]
fn csr_matvec_kernel<T: Scalar>(
    indptr: &[usize],
    indices: &[usize],
    values: &[T],
    x: &[T],
    out: &mut [T],
) {
    // A plain indexed loop: with about one entry per row (the usual density), the per-row
    // cost dominates, and this form measured fastest (benches/sparse.rs): no sub-slices to
    // build and check per row.
    let mut start = indptr[0];
    for (o, &end) in out.iter_mut().zip(&indptr[1..]) {
        let mut acc = T::ZERO;
        for k in start..end {
            acc += values[k] * x[indices[k]];
        }
        *o = acc;
        start = end;
    }
}

#[cfg(feature = "rand")]
impl<T: crate::scalar::Float, R: Dim, C: Dim> Csr<T, R, C> {
    /// A random (R, C) matrix with `round(density * R * C)` entries at distinct positions
    /// chosen uniformly, with values uniform in [0, 1) (scipy's `sparse.random(r, c,
    /// density, format="csr")`). Needs the `rand` feature (on by default).
    ///
    /// # Panics
    /// When `density` is not in [0, 1].
    ///
    /// ```
    /// use rand::SeedableRng;
    /// use shaped::sparse::Csr;
    /// use shaped::Dyn;
    /// let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    /// let a = Csr::<f64, Dyn, Dyn>::random((Dyn(100), Dyn(50)), 0.1, &mut rng);
    /// assert_eq!(a.nnz(), 500);
    /// assert!(a.values().iter().all(|&v| (0.0..1.0).contains(&v)));
    /// ```
    #[track_caller]
    pub fn random<G: rand::Rng + ?Sized>((rows, cols): (R, C), density: f64, rng: &mut G) -> Self {
        use rand::RngExt;
        assert!(
            (0.0..=1.0).contains(&density),
            "Csr::random: density must be in [0, 1], got {density}"
        );
        let (m, n) = (rows.size(), cols.size());
        let total = m * n;
        let k = ((density * total as f64).round() as usize).min(total);
        let mut positions = rand::seq::index::sample(rng, total, k).into_vec();
        positions.sort_unstable();
        let mut indptr = Vec::with_capacity(m + 1);
        let mut indices = Vec::with_capacity(k);
        let mut values = Vec::with_capacity(k);
        indptr.push(0);
        let mut row = 0;
        for p in positions {
            while row < p / n {
                indptr.push(indices.len());
                row += 1;
            }
            indices.push(p % n);
            values.push(T::of(rng.random::<f64>()));
        }
        while indptr.len() < m + 1 {
            indptr.push(indices.len());
        }
        Csr {
            rows,
            cols,
            indptr,
            indices,
            values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Const, Dyn};

    fn parts(
        m: usize,
        n: usize,
        indptr: Vec<usize>,
        indices: Vec<usize>,
        values: Vec<f64>,
    ) -> Result<Csr<f64, Dyn, Dyn>, DataError> {
        Csr::from_parts((Dyn(m), Dyn(n)), indptr, indices, values)
    }

    fn rule(e: DataError) -> String {
        e.to_string()
    }

    #[test]
    fn from_parts_names_each_rule() {
        let e = rule(parts(2, 2, vec![0, 1], vec![0], vec![1.0]).unwrap_err());
        assert_eq!(
            e,
            "csr: indptr has 2 entries but a matrix of 2 rows needs 3"
        );
        let e = rule(parts(1, 2, vec![1, 1], vec![0], vec![1.0]).unwrap_err());
        assert_eq!(e, "csr: indptr[0] is 1, must be 0");
        let e = rule(parts(1, 2, vec![0, 1], vec![0], vec![1.0, 2.0]).unwrap_err());
        assert_eq!(e, "csr: indices has 1 entries but values has 2");
        let e = rule(parts(2, 2, vec![0, 2, 1], vec![0, 1], vec![1.0, 2.0]).unwrap_err());
        assert_eq!(
            e,
            "csr: indptr must not decrease, but indptr[2] = 1 < indptr[1] = 2"
        );
        let e = rule(parts(1, 2, vec![0, 1], vec![0, 1], vec![1.0, 2.0]).unwrap_err());
        assert_eq!(e, "csr: indptr[1] = 1 must equal the number of entries, 2");
        let e = rule(parts(1, 2, vec![0, 1], vec![2], vec![1.0]).unwrap_err());
        assert_eq!(
            e,
            "csr: row 0: indices[0] = 2 is out of range for 2 columns"
        );
        let e = rule(parts(1, 3, vec![0, 2], vec![1, 1], vec![1.0, 2.0]).unwrap_err());
        assert_eq!(
            e,
            "csr: row 0: column indices must be strictly increasing, but indices[1] = 1 follows 1"
        );
        // Indices may restart at a row boundary.
        let ok = parts(2, 3, vec![0, 1, 2], vec![2, 0], vec![1.0, 2.0]).unwrap();
        assert_eq!(ok.to_dense().as_slice(), &[0.0, 0.0, 1.0, 2.0, 0.0, 0.0]);
    }

    #[test]
    fn from_parts_empty_and_zero_sized() {
        let a = parts(0, 0, vec![0], vec![], vec![]).unwrap();
        assert_eq!(a.dims(), [0, 0]);
        assert!(parts(0, 3, vec![], vec![], vec![]).is_err());
        let x = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(0),));
        assert_eq!(a.matvec(&x).numel(), 0);
    }

    #[test]
    fn triplets_sum_duplicates_and_sort() {
        let a = Csr::<f64, Const<2>, Const<3>>::from_triplets(
            (Const, Const),
            &[
                (1, 2, 1.0),
                (0, 1, 2.0),
                (1, 0, 3.0),
                (1, 2, 4.0),
                (0, 1, -2.0),
            ],
        )
        .unwrap();
        assert_eq!(a.indptr(), &[0, 1, 3]);
        assert_eq!(a.indices(), &[1, 0, 2]);
        assert_eq!(a.values(), &[0.0, 3.0, 5.0]);
        let e = Csr::<f64, Const<2>, Const<3>>::from_triplets((Const, Const), &[(0, 3, 1.0)]);
        assert_eq!(
            e.unwrap_err().to_string(),
            "csr: triplet 0 has column 3, out of range for 3 columns"
        );
    }

    #[test]
    fn transpose_twice_is_identity() {
        let a = Csr::<f64, Dyn, Dyn>::from_triplets(
            (Dyn(3), Dyn(4)),
            &[(0, 3, 1.0), (2, 0, 2.0), (1, 1, 3.0), (2, 3, 4.0)],
        )
        .unwrap();
        let at = a.transpose();
        assert_eq!(at.dims(), [4, 3]);
        assert_eq!(at.indptr(), &[0, 1, 2, 2, 4]);
        assert_eq!(at.indices(), &[2, 1, 0, 2]);
        assert_eq!(at.transpose(), a);
    }

    #[cfg(feature = "rand")]
    #[test]
    fn random_is_valid_and_has_the_asked_density() {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        for &(m, n, d) in &[
            (10, 10, 0.0),
            (10, 10, 1.0),
            (37, 11, 0.3),
            (1000, 1000, 0.001),
        ] {
            let a = Csr::<f32, Dyn, Dyn>::random((Dyn(m), Dyn(n)), d, &mut rng);
            let k = (d * (m * n) as f64).round() as usize;
            assert_eq!(a.nnz(), k);
            let (p, i, v) = a.clone().into_parts();
            let b = Csr::<f32, Dyn, Dyn>::from_parts((Dyn(m), Dyn(n)), p, i, v).unwrap();
            assert_eq!(a, b);
        }
    }
}
