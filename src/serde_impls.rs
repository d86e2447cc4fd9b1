//! `Serialize` and `Deserialize` (feature `serde`): tensors, views, [`Csr`], the structured
//! matrices and [`Pca`].
//!
//! A tensor serialises as a struct `Tensor { shape, data }`: its sizes, then its elements in
//! row-major order (a view, whatever its strides, writes the same as the tensor it would
//! copy into). Deserialising into `Tensor<T, S>` checks the shape against `S` and the element
//! count against the shape; a mismatch is an error of the format naming both shapes, e.g.
//! `deserialize: shape (2, 3) does not fit the type's shape (_, 4) (`_` is any size)`.
//!
//! Floats are stored as the format stores them: exactly in binary formats; through JSON,
//! f64 values read back exactly when serde_json's `float_roundtrip` feature is on (without
//! it, its parser may miss by one unit in the last place).
//!
//! The other types are structs of their defining parts, checked by their constructors when
//! read back (a corrupt CSR, a Toeplitz whose first row and column disagree, a PCA whose
//! parts have different component counts are errors, never a panic):
//!
//! | type | fields |
//! |---|---|
//! | [`Csr`] | `shape` (`[rows, cols]`), `indptr`, `indices`, `values` (scipy's arrays) |
//! | [`Diagonal`] | `diag` (a tensor) |
//! | [`BlockDiagonal`] | `blocks` (tensors) |
//! | [`Toeplitz`] | `first_col`, `first_row` (tensors) |
//! | [`Circulant`] | `first_col` (a tensor) |
//! | [`Pca`] | `mean`, `components`, `singular_values`, `explained_variance`, `explained_variance_ratio` (tensors) |
//!
//! ```
//! use shaped::{tensor, Const, Dyn, Matrix, Tensor};
//! let a: Matrix<f64, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
//! let json = serde_json::to_string(&a).unwrap();
//! assert_eq!(json, r#"{"shape":[2,3],"data":[1.0,2.0,3.0,4.0,5.0,6.0]}"#);
//! // Read back into a type with a run-time dim: the static one is checked.
//! let b: Tensor<f64, (Dyn, Const<3>)> = serde_json::from_str(&json).unwrap();
//! assert_eq!(b.as_slice(), a.as_slice());
//! let e = serde_json::from_str::<Tensor<f64, (Dyn, Const<4>)>>(&json).unwrap_err();
//! assert!(e.to_string().starts_with(
//!     "deserialize: shape (2, 3) does not fit the type's shape (_, 4) (`_` is any size)"
//! ));
//! // A transposed view writes its elements in its own row-major order.
//! assert_eq!(serde_json::to_string(&a.t()).unwrap(),
//!            r#"{"shape":[3,2],"data":[1.0,4.0,2.0,5.0,3.0,6.0]}"#);
//! ```
//!
//! [`Csr`]: crate::sparse::Csr
//! [`Diagonal`]: crate::structured::Diagonal
//! [`BlockDiagonal`]: crate::structured::BlockDiagonal
//! [`Toeplitz`]: crate::structured::Toeplitz
//! [`Circulant`]: crate::structured::Circulant
//! [`Pca`]: crate::Pca

use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::dim::{Dim, Dyn};
use crate::error::ShapeError;
use crate::ml::Pca;
use crate::scalar::{Float, Scalar};
use crate::shape::{Shape, fmt_dims};
use crate::sparse::Csr;
use crate::structured::{BlockDiagonal, Circulant, Diagonal, Toeplitz};
use crate::tensor::{Tensor, TensorView, TensorViewMut};

/// The elements of a view in row-major order, serialised as a sequence.
struct Elements<'v, 'a, T, S: Shape>(&'v TensorView<'a, T, S>);

impl<T: Serialize, S: Shape> Serialize for Elements<'_, '_, T, S> {
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.collect_seq(self.0.iter())
    }
}

fn serialize_view<T: Serialize, S: Shape, Z: Serializer>(
    v: &TensorView<'_, T, S>,
    s: Z,
) -> Result<Z::Ok, Z::Error> {
    let mut st = s.serialize_struct("Tensor", 2)?;
    st.serialize_field("shape", v.dims().as_ref())?;
    match v.as_slice() {
        Some(data) => st.serialize_field("data", data)?,
        None => st.serialize_field("data", &Elements(v))?,
    }
    st.end()
}

impl<T: Serialize, S: Shape> Serialize for Tensor<T, S> {
    /// Writes `{ shape, data }`: the sizes, then the elements in row-major order.
    ///
    /// ```
    /// use shaped::{tensor, Vector};
    /// let x: Vector<f32, 2> = tensor![0.5, 1.5];
    /// assert_eq!(serde_json::to_string(&x).unwrap(), r#"{"shape":[2],"data":[0.5,1.5]}"#);
    /// ```
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        serialize_view(&self.view(), s)
    }
}

impl<T: Serialize, S: Shape> Serialize for TensorView<'_, T, S> {
    /// Writes the view as the tensor it would copy into: `{ shape, data }`, the elements in
    /// the view's row-major order.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let m: Matrix<i32, 2, 2> = tensor![[1, 2], [3, 4]];
    /// assert_eq!(serde_json::to_string(&m.col(1)).unwrap(), r#"{"shape":[2],"data":[2,4]}"#);
    /// ```
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        serialize_view(self, s)
    }
}

impl<T: Serialize, S: Shape> Serialize for TensorViewMut<'_, T, S> {
    /// Writes the view as the tensor it would copy into, as for `TensorView`.
    ///
    /// ```
    /// use shaped::Matrix;
    /// let mut m = Matrix::<i32, 1, 2>::zeros();
    /// let v = m.view_mut();
    /// assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"shape":[1,2],"data":[0,0]}"#);
    /// ```
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        serialize_view(&self.view(), s)
    }
}

/// What a serialised tensor holds, before its shape is checked.
#[derive(Deserialize)]
#[serde(rename = "Tensor")]
struct TensorRepr<T> {
    shape: Vec<usize>,
    data: Vec<T>,
}

/// The tensor of shape type `S` made of a deserialised shape and data, or the error naming
/// both shapes (or the shape and the element count).
fn tensor_from_parts<T: Scalar, S: Shape>(
    dims: &[usize],
    data: Vec<T>,
) -> Result<Tensor<T, S>, ShapeError> {
    let shape = S::try_from_dims(dims).ok_or_else(|| {
        ShapeError::not_of_named_type("deserialize", dims, &S::static_dims(), S::NAMES)
    })?;
    let n = dims.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d));
    if n != Some(data.len()) {
        return Err(ShapeError::new(
            "deserialize",
            dims,
            format!(
                "shape {} holds {} elements but the data has {}",
                fmt_dims(dims),
                n.map_or_else(|| "more than usize::MAX".to_string(), |n| n.to_string()),
                data.len()
            ),
        ));
    }
    Tensor::from_vec(shape, data)
}

impl<'de, T: Scalar + Deserialize<'de>, S: Shape> Deserialize<'de> for Tensor<T, S> {
    /// Reads `{ shape, data }` and checks it: the shape must fit `S` (same rank, each static
    /// dim equal), and the data must hold exactly the shape's element count.
    ///
    /// # Errors
    /// The format's error, whose message names both shapes (or the shape and the count).
    ///
    /// ```
    /// use shaped::{Dyn, Tensor, Vector};
    /// let v: Tensor<f64, (Dyn,)> = serde_json::from_str(r#"{"shape":[3],"data":[1,2,3]}"#).unwrap();
    /// assert_eq!(v.as_slice(), &[1., 2., 3.]);
    /// let e = serde_json::from_str::<Vector<f64, 3>>(r#"{"shape":[3],"data":[1,2]}"#).unwrap_err();
    /// assert!(e.to_string().starts_with("deserialize: shape (3,) holds 3 elements but the data has 2"));
    /// ```
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = TensorRepr::<T>::deserialize(d)?;
        tensor_from_parts(&r.shape, r.data).map_err(D::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------------
// Csr

impl<T: Scalar + Serialize, R: Dim, C: Dim> Serialize for Csr<T, R, C> {
    /// Writes `{ shape, indptr, indices, values }`, scipy's arrays.
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::Dyn;
    /// let a = Csr::<f64, Dyn, Dyn>::from_triplets((Dyn(2), Dyn(2)), &[(0, 1, 5.0)]).unwrap();
    /// assert_eq!(serde_json::to_string(&a).unwrap(),
    ///            r#"{"shape":[2,2],"indptr":[0,1,1],"indices":[1],"values":[5.0]}"#);
    /// ```
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        let mut st = s.serialize_struct("Csr", 4)?;
        st.serialize_field("shape", &self.dims())?;
        st.serialize_field("indptr", self.indptr())?;
        st.serialize_field("indices", self.indices())?;
        st.serialize_field("values", self.values())?;
        st.end()
    }
}

#[derive(Deserialize)]
#[serde(rename = "Csr")]
struct CsrRepr<T> {
    shape: [usize; 2],
    indptr: Vec<usize>,
    indices: Vec<usize>,
    values: Vec<T>,
}

impl<'de, T: Scalar + Deserialize<'de>, R: Dim, C: Dim> Deserialize<'de> for Csr<T, R, C> {
    /// Reads `{ shape, indptr, indices, values }`: the shape is checked against `(R, C)` and
    /// the arrays by [`Csr::from_parts`] (row pointers, sorted in-range columns, lengths).
    ///
    /// # Errors
    /// The format's error, with the message of the shape or CSR rule that failed.
    ///
    /// ```
    /// use shaped::sparse::Csr;
    /// use shaped::{Const, Dyn};
    /// let json = r#"{"shape":[2,2],"indptr":[0,1,1],"indices":[1],"values":[5.0]}"#;
    /// let a: Csr<f64, Dyn, Const<2>> = serde_json::from_str(json).unwrap();
    /// assert_eq!(a.nnz(), 1);
    /// let bad = r#"{"shape":[2,2],"indptr":[0,1,1],"indices":[7],"values":[5.0]}"#;
    /// assert!(serde_json::from_str::<Csr<f64, Dyn, Dyn>>(bad).is_err());
    /// ```
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = CsrRepr::<T>::deserialize(d)?;
        let shape: (R, C) = <(R, C)>::try_from_dims(&r.shape).ok_or_else(|| {
            D::Error::custom(ShapeError::not_of_named_type(
                "deserialize",
                &r.shape,
                &<(R, C)>::static_dims(),
                <(R, C)>::NAMES,
            ))
        })?;
        Csr::from_parts(shape, r.indptr, r.indices, r.values).map_err(D::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------------
// Structured matrices

impl<T: Scalar + Serialize, N: Dim> Serialize for Diagonal<T, N> {
    /// Writes `{ diag }`.
    ///
    /// ```
    /// use shaped::structured::Diagonal;
    /// use shaped::tensor;
    /// let d = Diagonal::new(&tensor![1.0, 2.0]);
    /// assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"diag":{"shape":[2],"data":[1.0,2.0]}}"#);
    /// ```
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        let mut st = s.serialize_struct("Diagonal", 1)?;
        st.serialize_field("diag", self.diag())?;
        st.end()
    }
}

#[derive(Deserialize)]
#[serde(rename = "Diagonal")]
#[serde(bound = "T: Scalar + Deserialize<'de>")]
struct DiagonalRepr<T, N: Dim> {
    diag: Tensor<T, (N,)>,
}

impl<'de, T: Scalar + Deserialize<'de>, N: Dim> Deserialize<'de> for Diagonal<T, N> {
    /// Reads `{ diag }`, its length checked against `N`.
    ///
    /// # Errors
    /// The format's error naming both shapes when the length does not fit `N`.
    ///
    /// ```
    /// use shaped::structured::Diagonal;
    /// use shaped::Const;
    /// let d: Diagonal<f64, Const<2>> =
    ///     serde_json::from_str(r#"{"diag":{"shape":[2],"data":[1.0,2.0]}}"#).unwrap();
    /// assert_eq!(d.len(), 2);
    /// ```
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = DiagonalRepr::<T, N>::deserialize(d)?;
        Ok(Diagonal::new(&r.diag))
    }
}

impl<T: Scalar + Serialize> Serialize for BlockDiagonal<T> {
    /// Writes `{ blocks }`, the blocks top left to bottom right.
    ///
    /// ```
    /// use shaped::structured::BlockDiagonal;
    /// use shaped::{Dyn, Tensor};
    /// let b = BlockDiagonal::new(vec![Tensor::<f64, (Dyn, Dyn)>::eye_with((Dyn(1), Dyn(1)))]);
    /// assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"blocks":[{"shape":[1,1],"data":[1.0]}]}"#);
    /// ```
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        let mut st = s.serialize_struct("BlockDiagonal", 1)?;
        st.serialize_field("blocks", self.blocks())?;
        st.end()
    }
}

#[derive(Deserialize)]
#[serde(rename = "BlockDiagonal")]
#[serde(bound = "T: Scalar + Deserialize<'de>")]
struct BlockDiagonalRepr<T> {
    blocks: Vec<Tensor<T, (Dyn, Dyn)>>,
}

impl<'de, T: Scalar + Deserialize<'de>> Deserialize<'de> for BlockDiagonal<T> {
    /// Reads `{ blocks }`, each block a matrix.
    ///
    /// # Errors
    /// The format's error when a block is not a valid matrix (rank, element count).
    ///
    /// ```
    /// use shaped::structured::BlockDiagonal;
    /// let b: BlockDiagonal<f64> =
    ///     serde_json::from_str(r#"{"blocks":[{"shape":[1,2],"data":[1.0,2.0]}]}"#).unwrap();
    /// assert_eq!(b.dims(), [1, 2]);
    /// ```
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = BlockDiagonalRepr::<T>::deserialize(d)?;
        Ok(BlockDiagonal::new(r.blocks))
    }
}

impl<T: Scalar + Serialize, M: Dim, N: Dim> Serialize for Toeplitz<T, M, N> {
    /// Writes `{ first_col, first_row }`.
    ///
    /// ```
    /// use shaped::structured::Toeplitz;
    /// use shaped::tensor;
    /// let t = Toeplitz::new(&tensor![1.0, 2.0], &tensor![1.0, 3.0]).unwrap();
    /// let json = serde_json::to_string(&t).unwrap();
    /// assert_eq!(json, r#"{"first_col":{"shape":[2],"data":[1.0,2.0]},"first_row":{"shape":[2],"data":[1.0,3.0]}}"#);
    /// ```
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        let mut st = s.serialize_struct("Toeplitz", 2)?;
        st.serialize_field("first_col", self.first_col())?;
        st.serialize_field("first_row", self.first_row())?;
        st.end()
    }
}

#[derive(Deserialize)]
#[serde(rename = "Toeplitz")]
#[serde(bound = "T: Scalar + Deserialize<'de>")]
struct ToeplitzRepr<T, M: Dim, N: Dim> {
    first_col: Tensor<T, (M,)>,
    first_row: Tensor<T, (N,)>,
}

impl<'de, T: Scalar + Deserialize<'de>, M: Dim, N: Dim> Deserialize<'de> for Toeplitz<T, M, N> {
    /// Reads `{ first_col, first_row }`, checked by [`Toeplitz::new`].
    ///
    /// # Errors
    /// The format's error when a length does not fit its dim, or when the first column and
    /// row are empty or disagree at the corner.
    ///
    /// ```
    /// use shaped::structured::Toeplitz;
    /// use shaped::Dyn;
    /// let bad = r#"{"first_col":{"shape":[1],"data":[1.0]},"first_row":{"shape":[1],"data":[2.0]}}"#;
    /// let e = serde_json::from_str::<Toeplitz<f64, Dyn, Dyn>>(bad).unwrap_err();
    /// assert!(e.to_string().contains("must agree"));
    /// ```
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = ToeplitzRepr::<T, M, N>::deserialize(d)?;
        Toeplitz::new(&r.first_col, &r.first_row).map_err(D::Error::custom)
    }
}

impl<T: Scalar + Serialize, N: Dim> Serialize for Circulant<T, N> {
    /// Writes `{ first_col }`.
    ///
    /// ```
    /// use shaped::structured::Circulant;
    /// use shaped::tensor;
    /// let c = Circulant::new(&tensor![1.0, 2.0]);
    /// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"first_col":{"shape":[2],"data":[1.0,2.0]}}"#);
    /// ```
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        let mut st = s.serialize_struct("Circulant", 1)?;
        st.serialize_field("first_col", self.first_col())?;
        st.end()
    }
}

#[derive(Deserialize)]
#[serde(rename = "Circulant")]
#[serde(bound = "T: Scalar + Deserialize<'de>")]
struct CirculantRepr<T, N: Dim> {
    first_col: Tensor<T, (N,)>,
}

impl<'de, T: Scalar + Deserialize<'de>, N: Dim> Deserialize<'de> for Circulant<T, N> {
    /// Reads `{ first_col }`, its length checked against `N`.
    ///
    /// # Errors
    /// The format's error naming both shapes when the length does not fit `N`.
    ///
    /// ```
    /// use shaped::structured::Circulant;
    /// use shaped::Const;
    /// let c: Circulant<f64, Const<2>> =
    ///     serde_json::from_str(r#"{"first_col":{"shape":[2],"data":[1.0,2.0]}}"#).unwrap();
    /// assert_eq!(c.to_dense().as_slice(), &[1., 2., 2., 1.]);
    /// ```
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = CirculantRepr::<T, N>::deserialize(d)?;
        Ok(Circulant::new(&r.first_col))
    }
}

// ---------------------------------------------------------------------------------------------
// Pca

impl<T: Float + Serialize, K: Dim, D: Dim> Serialize for Pca<T, K, D> {
    /// Writes the five fitted parts, each a tensor.
    ///
    /// ```
    /// use shaped::{tensor, Matrix, Pca, Const};
    /// let x: Matrix<f64, 3, 2> = tensor![[0., 0.], [1., 1.], [2., 2.]];
    /// let pca = x.pca::<1>().unwrap();
    /// let json = serde_json::to_string(&pca).unwrap();
    /// let back: Pca<f64, Const<1>, Const<2>> = serde_json::from_str(&json).unwrap();
    /// assert_eq!(back.components, pca.components);
    /// ```
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        let mut st = s.serialize_struct("Pca", 5)?;
        st.serialize_field("mean", &self.mean)?;
        st.serialize_field("components", &self.components)?;
        st.serialize_field("singular_values", &self.singular_values)?;
        st.serialize_field("explained_variance", &self.explained_variance)?;
        st.serialize_field("explained_variance_ratio", &self.explained_variance_ratio)?;
        st.end()
    }
}

#[derive(Deserialize)]
#[serde(rename = "Pca")]
#[serde(bound = "T: Scalar + Deserialize<'de>")]
struct PcaRepr<T, K: Dim, D: Dim> {
    mean: Tensor<T, (D,)>,
    components: Tensor<T, (K, D)>,
    singular_values: Tensor<T, (K,)>,
    explained_variance: Tensor<T, (K,)>,
    explained_variance_ratio: Tensor<T, (K,)>,
}

impl<'de, T: Float + Deserialize<'de>, K: Dim, D: Dim> Deserialize<'de> for Pca<T, K, D> {
    /// Reads the five parts, each checked against its typed shape, and checks that they
    /// agree: `components` is (K, D) for the K of the three per-component vectors and the
    /// D of `mean`.
    ///
    /// # Errors
    /// The format's error naming the shapes that disagree.
    ///
    /// ```
    /// use shaped::{Dyn, Pca};
    /// let t = |shape: &str, data: &str| format!(r#"{{"shape":{shape},"data":{data}}}"#);
    /// let json = format!(
    ///     r#"{{"mean":{},"components":{},"singular_values":{},"explained_variance":{},"explained_variance_ratio":{}}}"#,
    ///     t("[2]", "[0,0]"), t("[1,2]", "[1,0]"), t("[2]", "[1,1]"), t("[1]", "[1]"), t("[1]", "[1]")
    /// );
    /// let e = serde_json::from_str::<Pca<f64, Dyn, Dyn>>(&json).unwrap_err();
    /// assert!(e.to_string().starts_with("deserialize pca: components (1, 2) has 1 rows but singular_values (2,) has 2 entries"));
    /// ```
    fn deserialize<De: Deserializer<'de>>(d: De) -> Result<Self, De::Error> {
        let r = PcaRepr::<T, K, D>::deserialize(d)?;
        let [k, dd] = r.components.dims();
        let op = "deserialize pca";
        for (name, v) in [
            ("singular_values", &r.singular_values),
            ("explained_variance", &r.explained_variance),
            ("explained_variance_ratio", &r.explained_variance_ratio),
        ] {
            if v.numel() != k {
                return Err(De::Error::custom(ShapeError::pair(
                    op,
                    &[k, dd],
                    &[v.numel()],
                    format!(
                        "components {} has {k} rows but {name} {} has {} entries",
                        fmt_dims(&[k, dd]),
                        fmt_dims(&[v.numel()]),
                        v.numel()
                    ),
                )));
            }
        }
        if r.mean.numel() != dd {
            return Err(De::Error::custom(ShapeError::pair(
                op,
                &[k, dd],
                &[r.mean.numel()],
                format!(
                    "components {} has {dd} columns but mean {} has {} entries",
                    fmt_dims(&[k, dd]),
                    fmt_dims(&[r.mean.numel()]),
                    r.mean.numel()
                ),
            )));
        }
        Ok(Pca {
            mean: r.mean,
            components: r.components,
            singular_values: r.singular_values,
            explained_variance: r.explained_variance,
            explained_variance_ratio: r.explained_variance_ratio,
        })
    }
}
