//! numpy's `.npz` archives (feature `npz`): a zip file of `.npy` members, one per array, as
//! `np.savez` (stored) and `np.savez_compressed` (deflated) write them.
//!
//! Each member is read and written by the `.npy` code of [`crate::io::npy`], with the same
//! rules: dtypes `'<f4'` / `'<f8'`, C or Fortran order, the shape checked against the type.
//! Members are named without the `.npy` suffix, as numpy's `NpzFile` names them (`np.savez(f,
//! x)` writes `arr_0`).
//!
//! A damaged archive (not a zip file, truncated, a member whose checksum or deflate stream
//! is wrong, a member that breaks the `.npy` format) is a [`DataError::Invalid`] naming the
//! member and the rule that failed; a member whose shape does not fit the type is a
//! [`DataError::Shape`] naming the member and both shapes. Nothing in an archive makes the
//! reader panic.
//!
//! ```
//! use shaped::io::npz::{NpzReader, NpzWriter};
//! use shaped::{Const, Dyn, Matrix, Tensor, tensor};
//! use std::io::Cursor;
//!
//! let w: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
//! let mut out = NpzWriter::new_compressed(Cursor::new(Vec::new()));
//! out.add("w", &w)?;
//! out.add("w_t", &w.t())?;
//! let bytes = out.finish()?.into_inner();
//!
//! let mut npz = NpzReader::new(Cursor::new(bytes))?;
//! assert_eq!(npz.names(), ["w", "w_t"]);
//! assert_eq!(npz.tensor::<f64, (Dyn, Const<2>)>("w_t")?.as_slice(), &[1., 3., 2., 4.]);
//! let e = npz.tensor::<f64, (Dyn, Const<3>)>("w").unwrap_err();
//! assert_eq!(e.to_string(), "npz: member \"w\": shape (2, 2) does not fit the type's shape (_, 3) (`_` is any size)");
//! # Ok::<(), shaped::DataError>(())
//! ```

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::Path;

use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::error::{DataError, ShapeError};
use crate::io::npy::NpyElement;
use crate::shape::Shape;
use crate::tensor::{AsView, Tensor};

fn invalid(rule: impl Into<String>) -> DataError {
    DataError::invalid("npz", rule)
}

/// A zip error as a [`DataError`]: i/o errors stay i/o errors, the rest say what was wrong.
fn zip_error(context: &str, e: ZipError) -> DataError {
    match e {
        ZipError::Io(e) if e.kind() != io::ErrorKind::InvalidData => DataError::Io(e),
        other => invalid(format!("{context}: {other}")),
    }
}

/// The member name of an array: `name.npy`.
fn member(name: &str) -> String {
    format!("{name}.npy")
}

/// An `.npz` archive open for reading: [`names`](Self::names) lists its arrays,
/// [`tensor`](Self::tensor) loads one into a typed shape.
///
/// ```
/// use shaped::io::npz::{NpzReader, NpzWriter};
/// use shaped::{Const, Vector};
/// let path = std::env::temp_dir().join("shaped_doc_npz_reader.npz");
/// let mut w = NpzWriter::create(&path)?;
/// w.add("x", &Vector::<f32, 3>::ones())?;
/// w.finish()?;
/// let mut npz = NpzReader::open(&path)?;
/// assert_eq!(npz.tensor::<f32, (Const<3>,)>("x")?.as_slice(), &[1.0; 3]);
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), shaped::DataError>(())
/// ```
pub struct NpzReader<R: Read + Seek> {
    zip: ZipArchive<R>,
}

impl<R: Read + Seek> std::fmt::Debug for NpzReader<R> {
    /// The names of the archive's arrays.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NpzReader")
            .field("names", &self.names())
            .finish()
    }
}

impl NpzReader<BufReader<File>> {
    /// Opens the `.npz` file at `path` and reads its directory.
    ///
    /// # Errors
    /// [`DataError::Io`] when the file cannot be opened or read; [`DataError::Invalid`] when
    /// it is not a zip archive.
    ///
    /// ```
    /// use shaped::io::npz::NpzReader;
    /// assert!(matches!(NpzReader::open("/nonexistent.npz"), Err(shaped::DataError::Io(_))));
    /// ```
    pub fn open(path: impl AsRef<Path>) -> Result<Self, DataError> {
        Self::new(BufReader::new(File::open(path)?))
    }
}

impl<R: Read + Seek> NpzReader<R> {
    /// Reads the directory of the archive in `reader` (a file, or `Cursor::new(bytes)` for
    /// an archive in memory).
    ///
    /// # Errors
    /// [`DataError::Invalid`] when the bytes are not a zip archive (or a truncated one);
    /// [`DataError::Io`] when reading fails.
    ///
    /// ```
    /// use shaped::io::npz::NpzReader;
    /// use std::io::Cursor;
    /// let e = NpzReader::new(Cursor::new(b"not a zip file".to_vec())).unwrap_err();
    /// assert!(e.to_string().starts_with("npz: "), "{e}");
    /// ```
    pub fn new(reader: R) -> Result<Self, DataError> {
        let zip =
            ZipArchive::new(reader).map_err(|e| zip_error("not a readable zip archive", e))?;
        Ok(NpzReader { zip })
    }

    /// The arrays' names, in the archive's order, without the `.npy` suffix (members that
    /// are not `.npy` files are left out).
    ///
    /// ```
    /// use shaped::io::npz::{NpzReader, NpzWriter};
    /// use shaped::Vector;
    /// use std::io::Cursor;
    /// let mut w = NpzWriter::new(Cursor::new(Vec::new()));
    /// w.add("b", &Vector::<f64, 1>::zeros())?;
    /// w.add("a", &Vector::<f64, 1>::zeros())?;
    /// let npz = NpzReader::new(w.finish()?)?;
    /// assert_eq!(npz.names(), ["b", "a"]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .filter_map(|n| n.strip_suffix(".npy").map(str::to_string))
            .collect()
    }

    /// Loads the array `name` (the member `name.npy`) into a tensor of element type `T` and
    /// shape type `S`, with the rules of [`Tensor::read_npy`].
    ///
    /// # Errors
    /// - [`DataError::Invalid`] when the archive has no such member (the message lists the
    ///   names it has), when the member's data are damaged (checksum, deflate stream), or
    ///   when it breaks the `.npy` format or holds another dtype;
    /// - [`DataError::Shape`] naming the member and both shapes when its shape does not fit
    ///   `S`;
    /// - [`DataError::Io`] when reading fails.
    ///
    /// ```
    /// use shaped::io::npz::{NpzReader, NpzWriter};
    /// use shaped::{Dyn, Vector};
    /// use std::io::Cursor;
    /// let mut w = NpzWriter::new(Cursor::new(Vec::new()));
    /// w.add("x", &Vector::<f32, 2>::ones())?;
    /// let mut npz = NpzReader::new(w.finish()?)?;
    /// let e = npz.tensor::<f32, (Dyn,)>("y").unwrap_err();
    /// assert_eq!(e.to_string(), "npz: no array named \"y\" (the archive holds \"x\")");
    /// let e = npz.tensor::<f64, (Dyn,)>("x").unwrap_err();
    /// assert!(e.to_string().starts_with("npz: member \"x\": the file holds f32 data"), "{e}");
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn tensor<T: NpyElement, S: Shape>(
        &mut self,
        name: &str,
    ) -> Result<Tensor<T, S>, DataError> {
        let names = self.names();
        let mut file = match self.zip.by_name(&member(name)) {
            Ok(f) => f,
            Err(ZipError::FileNotFound) => {
                let held: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
                let held = if held.is_empty() {
                    "the archive holds no array".to_string()
                } else {
                    format!("the archive holds {}", held.join(", "))
                };
                return Err(invalid(format!("no array named {name:?} ({held})")));
            }
            Err(e) => return Err(zip_error(&format!("member {name:?}"), e)),
        };
        Tensor::<T, S>::read_npy_from(&mut file).map_err(|e| in_member(name, e))
    }
}

/// The `.npy` reader's error for the member `name`, reworded to name it.
fn in_member(name: &str, e: DataError) -> DataError {
    match e {
        DataError::Invalid { rule, .. } => invalid(format!("member {name:?}: {rule}")),
        DataError::Shape(s) => {
            let text = s.to_string();
            let why = text.split_once(": ").map_or(text.as_str(), |(_, w)| w);
            DataError::Shape(ShapeError::new(
                "npz",
                s.lhs(),
                format!("member {name:?}: {why}"),
            ))
        }
        // A wrong checksum or a broken deflate stream surfaces as invalid data.
        DataError::Io(io) if io.kind() == io::ErrorKind::InvalidData => {
            invalid(format!("member {name:?} is damaged: {io}"))
        }
        other => other,
    }
}

/// An `.npz` archive being written: [`add`](Self::add) each array, then
/// [`finish`](Self::finish).
///
/// [`new`](Self::new) and [`create`](Self::create) store the members uncompressed, as
/// `np.savez` does; [`new_compressed`](Self::new_compressed) and
/// [`create_compressed`](Self::create_compressed) deflate them, as `np.savez_compressed`
/// does. numpy reads both.
///
/// ```
/// use shaped::io::npz::{NpzReader, NpzWriter};
/// use shaped::{Const, Matrix};
/// let path = std::env::temp_dir().join("shaped_doc_npz_writer.npz");
/// let mut w = NpzWriter::create_compressed(&path)?;
/// w.add("eye", &Matrix::<f64, 3, 3>::eye())?;
/// w.finish()?;
/// let mut npz = NpzReader::open(&path)?;
/// assert_eq!(npz.tensor::<f64, (Const<3>, Const<3>)>("eye")?, Matrix::eye());
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), shaped::DataError>(())
/// ```
pub struct NpzWriter<W: Write + Seek> {
    zip: ZipWriter<W>,
    method: CompressionMethod,
    names: Vec<String>,
}

impl NpzWriter<BufWriter<File>> {
    /// Creates (or replaces) the `.npz` file at `path`, members stored uncompressed.
    ///
    /// # Errors
    /// [`DataError::Io`] when the file cannot be created.
    ///
    /// ```
    /// use shaped::io::npz::NpzWriter;
    /// assert!(NpzWriter::create("/nonexistent/dir/out.npz").is_err());
    /// ```
    pub fn create(path: impl AsRef<Path>) -> Result<Self, DataError> {
        Ok(Self::new(BufWriter::new(File::create(path)?)))
    }

    /// Creates (or replaces) the `.npz` file at `path`, members deflated.
    ///
    /// # Errors
    /// [`DataError::Io`] when the file cannot be created.
    ///
    /// ```
    /// use shaped::io::npz::NpzWriter;
    /// assert!(NpzWriter::create_compressed("/nonexistent/dir/out.npz").is_err());
    /// ```
    pub fn create_compressed(path: impl AsRef<Path>) -> Result<Self, DataError> {
        Ok(Self::new_compressed(BufWriter::new(File::create(path)?)))
    }
}

impl<W: Write + Seek> NpzWriter<W> {
    /// An archive written to `writer`, members stored uncompressed (`np.savez`).
    ///
    /// ```
    /// use shaped::io::npz::NpzWriter;
    /// use std::io::Cursor;
    /// let bytes = NpzWriter::new(Cursor::new(Vec::new())).finish()?.into_inner();
    /// assert_eq!(&bytes[..4], b"PK\x05\x06"); // an empty zip archive
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn new(writer: W) -> Self {
        Self::with_method(writer, CompressionMethod::Stored)
    }

    /// An archive written to `writer`, members deflated (`np.savez_compressed`).
    ///
    /// ```
    /// use shaped::io::npz::{NpzReader, NpzWriter};
    /// use shaped::{Dyn, Tensor};
    /// use std::io::Cursor;
    /// let zeros = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(10_000),));
    /// let mut w = NpzWriter::new_compressed(Cursor::new(Vec::new()));
    /// w.add("z", &zeros)?;
    /// let bytes = w.finish()?.into_inner();
    /// assert!(bytes.len() < 1_000); // 80 000 bytes of zeros deflate to little
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn new_compressed(writer: W) -> Self {
        Self::with_method(writer, CompressionMethod::Deflated)
    }

    fn with_method(writer: W, method: CompressionMethod) -> Self {
        NpzWriter {
            zip: ZipWriter::new(writer),
            method,
            names: Vec::new(),
        }
    }

    /// Adds the tensor (or view) `t` as the member `name.npy` (C order; a view is written as
    /// the tensor it would copy into).
    ///
    /// # Errors
    /// [`DataError::Invalid`] when the archive already has an array `name`;
    /// [`DataError::Io`] when writing fails.
    ///
    /// ```
    /// use shaped::io::npz::NpzWriter;
    /// use shaped::Vector;
    /// use std::io::Cursor;
    /// let mut w = NpzWriter::new(Cursor::new(Vec::new()));
    /// w.add("x", &Vector::<f64, 2>::zeros())?;
    /// assert!(w.add("x", &Vector::<f64, 2>::zeros()).is_err());
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn add<T: NpyElement, S: Shape>(
        &mut self,
        name: &str,
        t: &impl AsView<T, S>,
    ) -> Result<(), DataError> {
        if self.names.iter().any(|n| n == name) {
            return Err(invalid(format!(
                "an array named {name:?} was already added"
            )));
        }
        let v = t.view();
        // Members of 4 GiB or more need the zip64 extension (numpy always writes it).
        let large = (v.numel() as u64).saturating_mul(T::SIZE as u64) >= u64::from(u32::MAX) - 4096;
        let options = SimpleFileOptions::default()
            .compression_method(self.method)
            .large_file(large);
        self.zip
            .start_file(member(name), options)
            .map_err(|e| zip_error(&format!("member {name:?}"), e))?;
        v.write_npy_to(&mut self.zip)?;
        self.names.push(name.to_string());
        Ok(())
    }

    /// Writes the archive's directory and returns the writer.
    ///
    /// # Errors
    /// [`DataError::Io`] when writing fails.
    ///
    /// ```
    /// use shaped::io::npz::NpzWriter;
    /// use shaped::Vector;
    /// use std::io::Cursor;
    /// let mut w = NpzWriter::new(Cursor::new(Vec::new()));
    /// w.add("x", &Vector::<f32, 1>::ones())?;
    /// let bytes = w.finish()?.into_inner();
    /// assert_eq!(&bytes[..4], b"PK\x03\x04");
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn finish(self) -> Result<W, DataError> {
        self.zip
            .finish()
            .map_err(|e| zip_error("finishing the archive", e))
    }
}
