//! The safetensors format (feature `safetensors`): the files ML weights ship in.
//!
//! A file is an 8-byte little-endian header length, a JSON header naming each tensor's
//! dtype, shape and byte range, and the raw little-endian data. [`Safetensors`] reads one
//! (from a path, or from any bytes: a `Vec`, a slice, a memory map) and loads named tensors
//! into typed shapes, with the dtype and the shape checked; [`SafetensorsWriter`] writes a
//! set of tensors. The parsing is the `safetensors` crate's, the format's reference
//! implementation.
//!
//! Element types ([`SafetensorsElement`]): `f32` (`F32`, and `F16` / `BF16` widened exactly
//! through the `half` crate), `f64` (`F64`), and the integers `i8` .. `i64`, `u8` .. `u64`
//! (their own dtype). Nothing narrows or rounds: an `F64` tensor does not load as f32.
//!
//! A file that breaks the format (truncated, a header that is not JSON, byte ranges that
//! overlap, leave gaps or reach past the end, a shape whose size disagrees with its range) is
//! a [`DataError::Invalid`] saying what was wrong; a tensor whose shape does not fit the type
//! is a [`DataError::Shape`] naming the tensor and both shapes. Nothing in a file makes the
//! reader panic.
//!
//! ```
//! use shaped::io::safetensors::{Safetensors, SafetensorsWriter};
//! use shaped::{Const, Dyn, Matrix, Tensor, Vector, tensor};
//!
//! let w: Matrix<f32, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
//! let b: Vector<f32, 3> = tensor![0.5, 0.5, 0.5];
//! let bytes = SafetensorsWriter::new().add("w", &w)?.add("b", &b)?.to_bytes()?;
//!
//! let st = Safetensors::from_bytes(&bytes[..])?;
//! assert_eq!(st.names(), ["b", "w"]); // the order of the data in the file
//! let w2 = st.tensor::<f32, (Const<2>, Const<3>)>("w")?;
//! assert_eq!(w2, w);
//! let b2 = st.tensor::<f32, (Dyn,)>("b")?;
//! assert_eq!(b2.dims(), [3]);
//! // The shape and the dtype are checked:
//! let e = st.tensor::<f32, (Const<3>, Const<2>)>("w").unwrap_err();
//! assert_eq!(e.to_string(), "safetensors: tensor \"w\": shape (2, 3) does not fit the type's shape (3, 2) (`_` is any size)");
//! let e = st.tensor::<f64, (Const<2>, Const<3>)>("w").unwrap_err();
//! assert_eq!(e.to_string(), "safetensors: tensor \"w\" holds F32 data, which does not load as f64 (it loads as f32)");
//! # Ok::<(), shaped::DataError>(())
//! ```

use std::collections::HashMap;
use std::path::Path;

use safetensors::tensor::{Metadata, SafeTensors, View};
use std::borrow::Cow;

pub use safetensors::Dtype;

use crate::error::{DataError, ShapeError};
use crate::scalar::Scalar;
use crate::shape::Shape;
use crate::tensor::{AsView, Tensor};

mod sealed {
    pub trait Sealed {}
}

/// An element type that loads from (and writes to) a safetensors dtype.
///
/// Sealed: implemented for `f32`, `f64`, `i8`, `i16`, `i32`, `i64`, `u8`, `u16`, `u32`,
/// `u64`. Each writes its own dtype and reads it; `f32` also reads `F16` and `BF16`, widened
/// exactly.
///
/// ```
/// use shaped::io::safetensors::{Dtype, SafetensorsElement};
/// assert_eq!(<f32 as SafetensorsElement>::DTYPE, Dtype::F32);
/// assert!(<f32 as SafetensorsElement>::reads(Dtype::BF16));
/// assert!(!<f64 as SafetensorsElement>::reads(Dtype::F32));
/// ```
pub trait SafetensorsElement: Scalar + sealed::Sealed {
    /// The dtype this type is written as.
    const DTYPE: Dtype;
    /// Whether data of `dtype` load as this type (exactly, without rounding).
    fn reads(dtype: Dtype) -> bool {
        dtype == Self::DTYPE
    }
    /// The value stored little-endian in `bytes` as `dtype` (one of the dtypes it
    /// [`reads`](Self::reads); `bytes` holds exactly one element of it).
    fn decode(dtype: Dtype, bytes: &[u8]) -> Self;
    /// Appends the little-endian bytes of the value, as [`Self::DTYPE`].
    fn encode(self, out: &mut Vec<u8>);
}

macro_rules! plain_element {
    ($($t:ty => $d:ident;)*) => {$(
        impl sealed::Sealed for $t {}
        impl SafetensorsElement for $t {
            const DTYPE: Dtype = Dtype::$d;
            #[inline]
            fn decode(_: Dtype, bytes: &[u8]) -> Self {
                let mut b = [0u8; size_of::<$t>()];
                b.copy_from_slice(bytes);
                <$t>::from_le_bytes(b)
            }
            #[inline]
            fn encode(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
        }
    )*};
}

plain_element! {
    f64 => F64;
    i8 => I8;
    i16 => I16;
    i32 => I32;
    i64 => I64;
    u8 => U8;
    u16 => U16;
    u32 => U32;
    u64 => U64;
}

impl sealed::Sealed for f32 {}
impl SafetensorsElement for f32 {
    const DTYPE: Dtype = Dtype::F32;
    fn reads(dtype: Dtype) -> bool {
        matches!(dtype, Dtype::F32 | Dtype::F16 | Dtype::BF16)
    }
    #[inline]
    fn decode(dtype: Dtype, bytes: &[u8]) -> Self {
        match dtype {
            Dtype::F16 => half::f16::from_le_bytes([bytes[0], bytes[1]]).to_f32(),
            Dtype::BF16 => half::bf16::from_le_bytes([bytes[0], bytes[1]]).to_f32(),
            _ => f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
        }
    }
    #[inline]
    fn encode(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

/// The element type name a dtype loads as here, for messages.
fn loads_as(dtype: Dtype) -> Option<&'static str> {
    Some(match dtype {
        Dtype::F32 | Dtype::F16 | Dtype::BF16 => "f32",
        Dtype::F64 => "f64",
        Dtype::I8 => "i8",
        Dtype::I16 => "i16",
        Dtype::I32 => "i32",
        Dtype::I64 => "i64",
        Dtype::U8 => "u8",
        Dtype::U16 => "u16",
        Dtype::U32 => "u32",
        Dtype::U64 => "u64",
        _ => return None,
    })
}

fn invalid(rule: impl Into<String>) -> DataError {
    DataError::invalid("safetensors", rule)
}

/// A safetensors file held in memory: its header parsed and checked, its tensors loaded on
/// request with [`tensor`](Self::tensor).
///
/// `B` is where the bytes live: a `Vec<u8>` ([`read`](Self::read) reads the whole file), a
/// `&[u8]`, or anything else that derefs to bytes (a memory map from the `memmap2` crate, for
/// files larger than memory).
///
/// ```
/// use shaped::io::safetensors::{Safetensors, SafetensorsWriter};
/// use shaped::{Const, Matrix};
/// let path = std::env::temp_dir().join("shaped_doc_safetensors.safetensors");
/// SafetensorsWriter::new().add("eye", &Matrix::<f64, 2, 2>::eye())?.write(&path)?;
/// let st = Safetensors::read(&path)?;
/// assert_eq!(st.tensor::<f64, (Const<2>, Const<2>)>("eye")?, Matrix::eye());
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), shaped::DataError>(())
/// ```
pub struct Safetensors<B: AsRef<[u8]> = Vec<u8>> {
    bytes: B,
    /// Where the data section starts: 8 + the header length.
    data_start: usize,
    metadata: Metadata,
}

impl<B: AsRef<[u8]>> std::fmt::Debug for Safetensors<B> {
    /// The file's size and its tensors' names, dtypes and shapes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tensors: Vec<(String, Dtype, Vec<usize>)> = self
            .names()
            .into_iter()
            .filter_map(|n| {
                let (d, s) = self.info(&n)?;
                Some((n.clone(), d, s.to_vec()))
            })
            .collect();
        f.debug_struct("Safetensors")
            .field("bytes", &self.bytes.as_ref().len())
            .field("tensors", &tensors)
            .finish()
    }
}

impl Safetensors<Vec<u8>> {
    /// Reads a `.safetensors` file whole into memory and checks its header.
    ///
    /// # Errors
    /// [`DataError::Io`] when the file cannot be read; [`DataError::Invalid`] when it breaks
    /// the format (see [`from_bytes`](Self::from_bytes)).
    ///
    /// ```
    /// use shaped::io::safetensors::Safetensors;
    /// let e = Safetensors::read("/nonexistent/model.safetensors").unwrap_err();
    /// assert!(matches!(e, shaped::DataError::Io(_)));
    /// ```
    pub fn read(path: impl AsRef<Path>) -> Result<Self, DataError> {
        Self::from_bytes(std::fs::read(path)?)
    }
}

impl<B: AsRef<[u8]>> Safetensors<B> {
    /// Checks the header of the safetensors bytes `bytes` (a whole file).
    ///
    /// # Errors
    /// [`DataError::Invalid`] saying which rule of the format failed: fewer than 8 bytes, a
    /// header length past the end, a header that is not the JSON the format defines, byte
    /// ranges that do not tile the data section exactly (a truncated file, or extra bytes),
    /// a shape whose size disagrees with its byte range.
    ///
    /// ```
    /// use shaped::io::safetensors::Safetensors;
    /// let e = Safetensors::from_bytes(&b"\x10\x00\x00\x00\x00\x00\x00\x00{}"[..]).unwrap_err();
    /// assert!(e.to_string().contains("header"), "{e}");
    /// ```
    pub fn from_bytes(bytes: B) -> Result<Self, DataError> {
        let buf = bytes.as_ref();
        precheck(buf)?;
        let (n, metadata) = SafeTensors::read_metadata(buf).map_err(describe)?;
        Ok(Safetensors {
            data_start: 8 + n,
            metadata,
            bytes,
        })
    }

    /// The tensors' names, in the order of their data in the file (the writers of the
    /// format, this crate's and the Python package's, order them by dtype alignment, then
    /// name).
    ///
    /// ```
    /// use shaped::io::safetensors::{Safetensors, SafetensorsWriter};
    /// use shaped::Vector;
    /// let bytes = SafetensorsWriter::new().add("b", &Vector::<f32, 1>::zeros())?
    ///     .add("a", &Vector::<f32, 2>::zeros())?.add("c", &Vector::<f64, 1>::zeros())?.to_bytes()?;
    /// assert_eq!(Safetensors::from_bytes(bytes)?.names(), ["c", "a", "b"]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn names(&self) -> Vec<String> {
        self.metadata.offset_keys()
    }

    /// The dtype and shape of the tensor `name`, or `None` when the file has no such tensor.
    ///
    /// ```
    /// use shaped::io::safetensors::{Dtype, Safetensors, SafetensorsWriter};
    /// use shaped::Matrix;
    /// let bytes = SafetensorsWriter::new().add("w", &Matrix::<i64, 2, 3>::zeros())?.to_bytes()?;
    /// let st = Safetensors::from_bytes(bytes)?;
    /// assert_eq!(st.info("w"), Some((Dtype::I64, &[2, 3][..])));
    /// assert_eq!(st.info("v"), None);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn info(&self, name: &str) -> Option<(Dtype, &[usize])> {
        self.metadata
            .info(name)
            .map(|i| (i.dtype, i.shape.as_slice()))
    }

    /// The file's free-form string metadata (the header's `__metadata__`), if any.
    ///
    /// ```
    /// use shaped::io::safetensors::{Safetensors, SafetensorsWriter};
    /// use shaped::Vector;
    /// let bytes = SafetensorsWriter::new().metadata("format", "pt")
    ///     .add("x", &Vector::<f32, 1>::zeros())?.to_bytes()?;
    /// let st = Safetensors::from_bytes(bytes)?;
    /// assert_eq!(st.metadata().and_then(|m| m.get("format")).map(String::as_str), Some("pt"));
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn metadata(&self) -> Option<&HashMap<String, String>> {
        self.metadata.metadata().as_ref()
    }

    /// Loads the tensor `name` into a tensor of element type `T` and shape type `S`.
    ///
    /// The dtype must be one that `T` [reads](SafetensorsElement::reads) (its own; for f32
    /// also F16 and BF16, widened exactly); the shape must fit `S` (same rank, each static
    /// dim equal to the file's size, `Dyn` dims taking the file's sizes).
    ///
    /// # Errors
    /// [`DataError::Invalid`] when the file has no tensor `name` (the message lists the
    /// names it has) or its dtype does not load as `T`; [`DataError::Shape`] naming the
    /// tensor and both shapes when its shape does not fit `S`.
    ///
    /// ```
    /// use shaped::io::safetensors::{Safetensors, SafetensorsWriter};
    /// use shaped::{Const, Dyn, Matrix};
    /// let bytes = SafetensorsWriter::new().add("w", &Matrix::<f32, 2, 2>::eye())?.to_bytes()?;
    /// let st = Safetensors::from_bytes(bytes)?;
    /// assert_eq!(st.tensor::<f32, (Dyn, Dyn)>("w")?.dims(), [2, 2]);
    /// let e = st.tensor::<f32, (Dyn, Dyn)>("v").unwrap_err();
    /// assert_eq!(e.to_string(), "safetensors: no tensor named \"v\" (the file holds \"w\")");
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn tensor<T: SafetensorsElement, S: Shape>(
        &self,
        name: &str,
    ) -> Result<Tensor<T, S>, DataError> {
        let Some(info) = self.metadata.info(name) else {
            let names: Vec<String> = self.names().iter().map(|n| format!("{n:?}")).collect();
            let held = if names.is_empty() {
                "the file holds no tensor".to_string()
            } else {
                format!("the file holds {}", names.join(", "))
            };
            return Err(invalid(format!("no tensor named {name:?} ({held})")));
        };
        if !T::reads(info.dtype) {
            let hint = match loads_as(info.dtype) {
                Some(t) => format!("it loads as {t}"),
                None => "no element type here loads it".to_string(),
            };
            return Err(invalid(format!(
                "tensor {name:?} holds {:?} data, which does not load as {} ({hint})",
                info.dtype,
                T::NAME
            )));
        }
        let shape = S::try_from_dims(&info.shape).ok_or_else(|| {
            let e = ShapeError::not_of_named_type(
                "safetensors",
                &info.shape,
                &S::static_dims(),
                S::NAMES,
            );
            let why = e.to_string();
            let why = why
                .strip_prefix("safetensors: ")
                .unwrap_or(&why)
                .to_string();
            DataError::Shape(ShapeError::new(
                "safetensors",
                &info.shape,
                format!("tensor {name:?}: {why}"),
            ))
        })?;
        let (start, end) = info.data_offsets;
        // The header check made every range lie inside the data section.
        let bytes = self
            .bytes
            .as_ref()
            .get(self.data_start + start..self.data_start + end)
            .ok_or_else(|| invalid(format!("tensor {name:?}: its byte range is past the end")))?;
        let size = info.dtype.bitsize() / 8;
        let data: Vec<T> = bytes
            .chunks_exact(size)
            .map(|b| T::decode(info.dtype, b))
            .collect();
        Ok(Tensor::from_vec(shape, data)?)
    }
}

/// Checks what the `safetensors` crate's parser adds up without overflow checks: every byte
/// range must end inside the file. A hostile header then cannot make it overflow.
fn precheck(buf: &[u8]) -> Result<(), DataError> {
    let Some(len) = buf.get(..8) else {
        return Err(invalid(format!(
            "the file is {} bytes long, shorter than the 8-byte header length",
            buf.len()
        )));
    };
    let n = u64::from_le_bytes(len.try_into().unwrap_or_default());
    let rest = (buf.len() - 8) as u64;
    if n > rest {
        return Err(invalid(format!(
            "the header is {n} bytes long but the file holds only {rest} bytes after the header length (truncated?)"
        )));
    }
    let header = &buf[8..8 + n as usize];
    let Ok(entries) = serde_json::from_slice::<HashMap<String, serde_json::Value>>(header) else {
        // The crate's parser reports what is wrong with it.
        return Ok(());
    };
    let data_len = rest - n;
    for (name, v) in &entries {
        let end = v
            .get("data_offsets")
            .and_then(|o| o.get(1))
            .and_then(serde_json::Value::as_u64);
        if let Some(end) = end
            && end > data_len
        {
            return Err(invalid(format!(
                "tensor {name:?} ends at byte {end} of the data but the file holds {data_len} bytes of data (truncated?)"
            )));
        }
    }
    Ok(())
}

/// The crate's error as a [`DataError`] saying what was wrong.
fn describe(e: safetensors::SafeTensorError) -> DataError {
    use safetensors::SafeTensorError as E;
    invalid(match e {
        E::HeaderTooSmall => "the file is shorter than the 8-byte header length".to_string(),
        E::HeaderTooLarge => "the header length is larger than the 100 MB accepted".to_string(),
        E::InvalidHeaderLength => "the header length reaches past the end of the file".to_string(),
        E::InvalidHeader(u) => format!("the header is not valid UTF-8 ({u})"),
        E::InvalidHeaderDeserialization(j) => {
            format!("the header is not the JSON the format defines ({j})")
        }
        E::MetadataIncompleteBuffer => {
            "the tensors' byte ranges do not cover the data section exactly (a truncated file, or bytes after the last tensor)".to_string()
        }
        E::InvalidOffset(name) => format!(
            "tensor {name:?}: its byte range does not start where the previous one ends (ranges must tile the data section in order)"
        ),
        E::TensorInvalidInfo => {
            "a tensor's byte range does not match its shape and dtype".to_string()
        }
        E::ValidationOverflow => "a tensor's shape has more bytes than memory can address".to_string(),
        other => other.to_string(),
    })
}

/// One tensor to write: its dtype, shape and little-endian bytes.
struct Entry {
    dtype: Dtype,
    shape: Vec<usize>,
    data: Vec<u8>,
}

impl View for &Entry {
    fn dtype(&self) -> Dtype {
        self.dtype
    }
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn data(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.data)
    }
    fn data_len(&self) -> usize {
        self.data.len()
    }
}

/// A set of named tensors to write as one safetensors file.
///
/// The tensors' data are laid out by dtype alignment, then name (the `safetensors` crate's
/// order, the Python package's too), each in row-major order; views are written as the
/// tensors they would copy into.
///
/// ```
/// use shaped::io::safetensors::{Safetensors, SafetensorsWriter};
/// use shaped::{Const, Matrix, tensor};
/// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
/// let mut w = SafetensorsWriter::new();
/// w.add("a", &a)?.add("a_t", &a.t())?;
/// let st = Safetensors::from_bytes(w.to_bytes()?)?;
/// assert_eq!(st.tensor::<f64, (Const<2>, Const<2>)>("a_t")?.as_slice(), &[1., 3., 2., 4.]);
/// # Ok::<(), shaped::DataError>(())
/// ```
#[derive(Default)]
pub struct SafetensorsWriter {
    entries: Vec<(String, Entry)>,
    metadata: HashMap<String, String>,
}

impl SafetensorsWriter {
    /// An empty set.
    ///
    /// ```
    /// use shaped::io::safetensors::SafetensorsWriter;
    /// let bytes = SafetensorsWriter::new().to_bytes()?;
    /// assert_eq!(&bytes[8..], b"{}      "); // an empty header, padded to 8 bytes
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the tensor (or view) `t` under `name`, as dtype `T::DTYPE`.
    ///
    /// # Errors
    /// [`DataError::Invalid`] when the set already has a tensor `name`, or when `name` is
    /// `__metadata__` (reserved by the format).
    ///
    /// ```
    /// use shaped::io::safetensors::SafetensorsWriter;
    /// use shaped::Vector;
    /// let mut w = SafetensorsWriter::new();
    /// w.add("x", &Vector::<f32, 2>::zeros())?;
    /// assert!(w.add("x", &Vector::<f32, 2>::zeros()).is_err());
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn add<T: SafetensorsElement, S: Shape>(
        &mut self,
        name: impl Into<String>,
        t: &impl AsView<T, S>,
    ) -> Result<&mut Self, DataError> {
        let name = name.into();
        if name == "__metadata__" {
            return Err(invalid(
                "\"__metadata__\" is reserved by the format for the header's metadata, not a tensor name",
            ));
        }
        if self.entries.iter().any(|(n, _)| *n == name) {
            return Err(invalid(format!(
                "a tensor named {name:?} was already added"
            )));
        }
        let v = t.view();
        let mut data = Vec::with_capacity(v.numel() * size_of::<T>());
        for &x in v.iter() {
            x.encode(&mut data);
        }
        let entry = Entry {
            dtype: T::DTYPE,
            shape: v.dims().as_ref().to_vec(),
            data,
        };
        self.entries.push((name, entry));
        Ok(self)
    }

    /// Sets a `__metadata__` string entry (e.g. `"format"` = `"pt"`, which some loaders
    /// expect).
    ///
    /// ```
    /// use shaped::io::safetensors::SafetensorsWriter;
    /// let bytes = SafetensorsWriter::new().metadata("format", "pt").to_bytes()?;
    /// assert!(String::from_utf8_lossy(&bytes).contains(r#""format":"pt""#));
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn metadata(&mut self, key: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    fn info(&self) -> Option<HashMap<String, String>> {
        (!self.metadata.is_empty()).then(|| self.metadata.clone())
    }

    /// The bytes of the safetensors file holding the tensors added so far.
    ///
    /// # Errors
    /// [`DataError::Invalid`] when the `safetensors` crate refuses the set (a header over its
    /// 100 MB limit).
    ///
    /// ```
    /// use shaped::io::safetensors::SafetensorsWriter;
    /// use shaped::Vector;
    /// let bytes = SafetensorsWriter::new().add("x", &Vector::<u8, 3>::ones())?.to_bytes()?;
    /// assert_eq!(&bytes[bytes.len() - 3..], &[1, 1, 1]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn to_bytes(&self) -> Result<Vec<u8>, DataError> {
        let data = self.entries.iter().map(|(n, e)| (n.as_str(), e));
        safetensors::serialize(data, self.info()).map_err(describe)
    }

    /// Writes the safetensors file to `path` (replacing an existing file).
    ///
    /// # Errors
    /// [`DataError::Io`] when the file cannot be written; [`DataError::Invalid`] as for
    /// [`to_bytes`](Self::to_bytes).
    ///
    /// ```
    /// use shaped::io::safetensors::{Safetensors, SafetensorsWriter};
    /// use shaped::Vector;
    /// let path = std::env::temp_dir().join("shaped_doc_st_write.safetensors");
    /// SafetensorsWriter::new().add("x", &Vector::<f32, 2>::ones())?.write(&path)?;
    /// assert_eq!(Safetensors::read(&path)?.names(), ["x"]);
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn write(&self, path: impl AsRef<Path>) -> Result<(), DataError> {
        std::fs::write(path, self.to_bytes()?)?;
        Ok(())
    }
}
