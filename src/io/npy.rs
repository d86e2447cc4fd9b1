//! numpy's `.npy` format: one array per file, a small text header and the raw elements.
//!
//! Read: versions 1.0, 2.0 and 3.0; dtypes `'<f4'` (f32), `'<f8'` (f64), the integers
//! `'|i1'`, `'<i2'`, `'<i4'`, `'<i8'`, `'|u1'` .. `'<u8'` (i8 .. i64, u8 .. u64; `usize` and
//! `isize` as 64-bit on 64-bit targets), `'<c8'` and `'<c16'` (`Complex<f32>`,
//! `Complex<f64>`: the real part, then the imaginary part) and `'|b1'` (bool); C order and
//! Fortran order (what `np.save(path, a.T)` writes; the elements are put back in row-major
//! order). Write: version 1.0, C order, with the header padded so that the data start at a
//! multiple of 64 bytes, as numpy does.
//!
//! A file that breaks the format (wrong magic string, a header that is not the dict numpy
//! writes, a dtype other than the tensor's, too few or too many data bytes) is a
//! [`DataError::Invalid`] whose message says what was wrong; a well-formed file whose shape does
//! not fit the tensor's type is a [`DataError::Shape`] naming both shapes. Nothing in a file
//! makes the reader panic, and a header that claims a huge shape does not make it allocate
//! more than the file holds.
//!
//! ```
//! use shaped::{Const, Dyn, Tensor, tensor, Vector};
//! let v: Vector<f32, 3> = tensor![1.0, 2.5, -3.0];
//! let bytes = v.to_npy_bytes();
//! assert_eq!(&bytes[..6], b"\x93NUMPY");
//! assert_eq!(Tensor::<f32, (Dyn,)>::from_npy_bytes(&bytes)?.as_slice(), v.as_slice());
//! // f32 data do not read as f64, and a length of 3 is not a length of 4:
//! let e = Tensor::<f64, (Dyn,)>::from_npy_bytes(&bytes).unwrap_err();
//! assert!(e.to_string().contains("f32"));
//! assert!(Vector::<f32, 4>::from_npy_bytes(&bytes).is_err());
//! # Ok::<(), shaped::DataError>(())
//! ```

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

use num_complex::Complex;

use crate::error::{DataError, ShapeError};
use crate::scalar::Element;
use crate::shape::{Shape, fmt_dims};
use crate::tensor::{Data, Tensor, TensorView};

/// The six bytes every `.npy` file starts with.
const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// The largest header accepted (numpy's own default limit is 10 000 bytes).
const MAX_HEADER_LEN: usize = 1 << 20;
/// Deepest nesting of brackets accepted in a header.
const MAX_DEPTH: usize = 16;
/// Bytes read at a time from the data section.
const CHUNK: usize = 1 << 16;

mod sealed {
    pub trait Sealed {}
}

/// An element type that `.npy` files carry: `f32` (`'<f4'`), `f64` (`'<f8'`), the integers
/// `i8` .. `i64` (`'|i1'`, `'<i2'`, `'<i4'`, `'<i8'`), `u8` .. `u64` (`'|u1'` .. `'<u8'`),
/// `isize` / `usize` on 64-bit targets (as `'<i8'` / `'<u8'`), `Complex<f32>` (`'<c8'`),
/// `Complex<f64>` (`'<c16'`) and `bool` (`'|b1'`).
///
/// The trait is sealed: these are its only implementations.
///
/// ```
/// use shaped::io::NpyElement;
/// assert_eq!(<f64 as NpyElement>::DESCR, "<f8");
/// assert_eq!(<f32 as NpyElement>::DESCR, "<f4");
/// assert_eq!(<u8 as NpyElement>::DESCR, "|u1");
/// assert_eq!(<bool as NpyElement>::DESCR, "|b1");
/// assert_eq!(<shaped::Complex<f64> as NpyElement>::DESCR, "<c16");
/// ```
pub trait NpyElement: Element + sealed::Sealed {
    /// numpy's dtype string for the type: `"<f8"`, `"<f4"`, `"<i8"`, `"|u1"`, `"|b1"`, ...
    const DESCR: &'static str;
    /// The Rust name of the type, for messages (`"f64"`, `"i32"`, `"bool"`).
    const TYPE_NAME: &'static str;
    /// The size of one element in bytes.
    const SIZE: usize;
    /// The value stored little-endian in `bytes` (exactly [`Self::SIZE`] bytes).
    fn from_le_slice(bytes: &[u8]) -> Self;
    /// Writes the little-endian bytes of the value into `out` (exactly [`Self::SIZE`] bytes).
    fn write_le(self, out: &mut [u8]);
}

/// Implements `NpyElement` for number types with `from_le_bytes` / `to_le_bytes`: one impl
/// per `type => descr, size;` line.
macro_rules! npy_numbers {
    ($($t:ty => $descr:literal, $size:literal;)*) => {$(
        impl sealed::Sealed for $t {}
        impl NpyElement for $t {
            const DESCR: &'static str = $descr;
            const TYPE_NAME: &'static str = stringify!($t);
            const SIZE: usize = $size;
            #[inline]
            fn from_le_slice(bytes: &[u8]) -> Self {
                let mut b = [0u8; $size];
                b.copy_from_slice(bytes);
                <$t>::from_le_bytes(b)
            }
            #[inline]
            fn write_le(self, out: &mut [u8]) {
                out.copy_from_slice(&self.to_le_bytes());
            }
        }
    )*};
}

npy_numbers! {
    f32 => "<f4", 4;
    f64 => "<f8", 8;
    i8 => "|i1", 1;
    i16 => "<i2", 2;
    i32 => "<i4", 4;
    i64 => "<i8", 8;
    u8 => "|u1", 1;
    u16 => "<u2", 2;
    u32 => "<u4", 4;
    u64 => "<u8", 8;
}

#[cfg(target_pointer_width = "64")]
npy_numbers! {
    isize => "<i8", 8;
    usize => "<u8", 8;
}

/// Implements `NpyElement` for `Complex<T>` of a float `T` of `$half` bytes: numpy's complex
/// dtypes store the real part, then the imaginary part, each little-endian.
macro_rules! npy_complex {
    ($($t:ty => $descr:literal, $half:literal;)*) => {$(
        impl sealed::Sealed for Complex<$t> {}
        impl NpyElement for Complex<$t> {
            const DESCR: &'static str = $descr;
            const TYPE_NAME: &'static str = concat!("Complex<", stringify!($t), ">");
            const SIZE: usize = 2 * $half;
            #[inline]
            fn from_le_slice(bytes: &[u8]) -> Self {
                let (re, im) = bytes.split_at($half);
                Complex::new(<$t>::from_le_slice(re), <$t>::from_le_slice(im))
            }
            #[inline]
            fn write_le(self, out: &mut [u8]) {
                let (re, im) = out.split_at_mut($half);
                self.re.write_le(re);
                self.im.write_le(im);
            }
        }
    )*};
}

npy_complex! {
    f32 => "<c8", 4;
    f64 => "<c16", 8;
}

impl sealed::Sealed for bool {}

/// numpy's bool: one byte, 0 or 1 (a nonzero byte reads as true).
impl NpyElement for bool {
    const DESCR: &'static str = "|b1";
    const TYPE_NAME: &'static str = "bool";
    const SIZE: usize = 1;
    #[inline]
    fn from_le_slice(bytes: &[u8]) -> Self {
        bytes[0] != 0
    }
    #[inline]
    fn write_le(self, out: &mut [u8]) {
        out[0] = u8::from(self);
    }
}

fn invalid(rule: impl Into<String>) -> DataError {
    DataError::invalid("npy", rule)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads until `buf` is full or the input ends; returns the number of bytes read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// What the header of a `.npy` file says.
#[derive(Debug, PartialEq)]
struct Header {
    descr: String,
    fortran_order: bool,
    shape: Vec<usize>,
}

/// Reads the magic string, the version, the header length and the header, and parses it.
fn read_header(r: &mut impl Read) -> Result<Header, DataError> {
    let mut pre = [0u8; 8];
    let got = read_full(r, &mut pre)?;
    if got < 6 || &pre[..6] != MAGIC {
        let found = &pre[..got.min(6)];
        return Err(invalid(format!(
            "not an npy file: it does not start with the magic string \"\\x93NUMPY\" (found {})",
            escape_bytes(found)
        )));
    }
    if got < 8 {
        return Err(invalid(format!(
            "the file is truncated: it ends after {got} bytes, inside the format version"
        )));
    }
    let (major, minor) = (pre[6], pre[7]);
    let len_bytes = match major {
        1 => 2,
        2 | 3 => 4,
        _ => {
            return Err(invalid(format!(
                "format version {major}.{minor} is not supported (versions 1.0, 2.0 and 3.0 are)"
            )));
        }
    };
    let mut len_buf = [0u8; 4];
    if read_full(r, &mut len_buf[..len_bytes])? < len_bytes {
        return Err(invalid(
            "the file is truncated: it ends inside the header length",
        ));
    }
    let header_len = u32::from_le_bytes(len_buf) as usize;
    if header_len > MAX_HEADER_LEN {
        return Err(invalid(format!(
            "the header length {header_len} is larger than the {MAX_HEADER_LEN} bytes accepted"
        )));
    }
    let mut raw = vec![0u8; header_len];
    let got = read_full(r, &mut raw)?;
    if got < header_len {
        return Err(invalid(format!(
            "the file is truncated: the header is {header_len} bytes long but the file ends after {got} of them"
        )));
    }
    let text: String = if major == 3 {
        String::from_utf8(raw).map_err(|_| invalid("the version 3.0 header is not valid UTF-8"))?
    } else {
        // Versions 1 and 2 are latin-1: every byte is the char of the same number.
        raw.iter().map(|&b| b as char).collect()
    };
    parse_header(&text)
}

/// A Python literal, as far as npy headers use them.
#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Str(String),
    Bool(bool),
    Int(usize),
    None,
    Tuple(Vec<Literal>),
    List(Vec<Literal>),
    Dict(Vec<(Literal, Literal)>),
}

impl Literal {
    fn kind(&self) -> &'static str {
        match self {
            Literal::Str(_) => "a string",
            Literal::Bool(_) => "a bool",
            Literal::Int(_) => "an integer",
            Literal::None => "None",
            Literal::Tuple(_) => "a tuple",
            Literal::List(_) => "a list",
            Literal::Dict(_) => "a dict",
        }
    }
}

/// A small parser for the Python literals of an npy header.
struct Parser<'a> {
    chars: core::iter::Peekable<core::str::CharIndices<'a>>,
    text: &'a str,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            chars: text.char_indices().peekable(),
            text,
        }
    }

    fn skip_ws(&mut self) {
        while self.chars.next_if(|&(_, c)| c.is_whitespace()).is_some() {}
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.chars.peek().map(|&(_, c)| c)
    }

    fn pos(&mut self) -> usize {
        self.chars.peek().map_or(self.text.len(), |&(i, _)| i)
    }

    fn error(&mut self, what: &str) -> DataError {
        let at = self.pos();
        let rest: String = self.text[at..].chars().take(20).collect();
        invalid(format!(
            "the header is not a valid Python dict: {what} at byte {at} (near {rest:?}); header: {:?}",
            self.text.trim_end()
        ))
    }

    fn expect(&mut self, c: char) -> Result<(), DataError> {
        if self.peek() == Some(c) {
            self.chars.next();
            Ok(())
        } else {
            Err(self.error(&format!("expected '{c}'")))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Literal, DataError> {
        if depth > MAX_DEPTH {
            return Err(self.error("brackets nested too deeply"));
        }
        match self.peek() {
            Some('{') => {
                self.chars.next();
                let mut items = Vec::new();
                loop {
                    if self.peek() == Some('}') {
                        self.chars.next();
                        break;
                    }
                    let k = self.value(depth + 1)?;
                    self.expect(':')?;
                    let v = self.value(depth + 1)?;
                    items.push((k, v));
                    match self.peek() {
                        Some(',') => {
                            self.chars.next();
                        }
                        Some('}') => {}
                        _ => return Err(self.error("expected ',' or '}'")),
                    }
                }
                Ok(Literal::Dict(items))
            }
            Some(open @ ('(' | '[')) => {
                self.chars.next();
                let close = if open == '(' { ')' } else { ']' };
                let mut items = Vec::new();
                let mut saw_comma = false;
                loop {
                    if self.peek() == Some(close) {
                        self.chars.next();
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    match self.peek() {
                        Some(',') => {
                            self.chars.next();
                            saw_comma = true;
                        }
                        Some(c) if c == close => {}
                        _ => return Err(self.error(&format!("expected ',' or '{close}'"))),
                    }
                }
                if open == '[' {
                    Ok(Literal::List(items))
                } else if items.len() == 1 && !saw_comma {
                    // `(3)` is just 3 in Python.
                    Ok(items.pop().unwrap_or(Literal::None))
                } else {
                    Ok(Literal::Tuple(items))
                }
            }
            Some(q @ ('\'' | '"')) => {
                self.chars.next();
                let mut s = String::new();
                loop {
                    match self.chars.next() {
                        Some((_, c)) if c == q => break,
                        Some((_, '\\')) => match self.chars.next() {
                            Some((_, c)) => s.push(c),
                            None => return Err(self.error("unterminated string")),
                        },
                        Some((_, c)) => s.push(c),
                        None => return Err(self.error("unterminated string")),
                    }
                }
                Ok(Literal::Str(s))
            }
            Some(c) if c.is_ascii_digit() => {
                let mut n: usize = 0;
                while let Some((_, d)) = self.chars.next_if(|&(_, c)| c.is_ascii_digit()) {
                    let digit = d as usize - '0' as usize;
                    n = n
                        .checked_mul(10)
                        .and_then(|n| n.checked_add(digit))
                        .ok_or_else(|| self.error("an integer too large for usize"))?;
                }
                // Python 2 wrote long integers with an `L` suffix.
                self.chars.next_if(|&(_, c)| c == 'L' || c == 'l');
                Ok(Literal::Int(n))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.pos();
                while self
                    .chars
                    .next_if(|&(_, c)| c.is_ascii_alphanumeric() || c == '_')
                    .is_some()
                {}
                let end = self.pos();
                match &self.text[start..end] {
                    "True" => Ok(Literal::Bool(true)),
                    "False" => Ok(Literal::Bool(false)),
                    "None" => Ok(Literal::None),
                    word => {
                        let msg = format!("unexpected name {word:?}");
                        Err(self.error(&msg))
                    }
                }
            }
            Some('-') => Err(self.error("a negative number")),
            Some(_) => Err(self.error("unexpected character")),
            None => Err(self.error("unexpected end of the header")),
        }
    }
}

/// Parses the header dict: exactly the keys `descr`, `fortran_order` and `shape`.
fn parse_header(text: &str) -> Result<Header, DataError> {
    let mut p = Parser::new(text);
    if p.peek() != Some('{') {
        return Err(p.error("expected '{'"));
    }
    let dict = p.value(0)?;
    if p.peek().is_some() {
        return Err(p.error("text after the closing '}'"));
    }
    let Literal::Dict(items) = dict else {
        return Err(p.error("expected a dict"));
    };
    let (mut descr, mut fortran, mut shape) = (None, None, None);
    for (k, v) in items {
        let Literal::Str(key) = k else {
            return Err(invalid(format!(
                "the header's keys must be strings, found {}",
                k.kind()
            )));
        };
        let slot = match key.as_str() {
            "descr" => &mut descr,
            "fortran_order" => &mut fortran,
            "shape" => &mut shape,
            other => {
                return Err(invalid(format!(
                    "the header has an unexpected key {other:?} (only 'descr', 'fortran_order' and 'shape' are allowed)"
                )));
            }
        };
        if slot.replace(v).is_some() {
            return Err(invalid(format!("the header repeats the key {key:?}")));
        }
    }
    let missing = |k: &str| invalid(format!("the header has no {k:?} key"));
    let descr = match descr.ok_or_else(|| missing("descr"))? {
        Literal::Str(s) => s,
        other @ (Literal::List(_) | Literal::Tuple(_) | Literal::Dict(_)) => {
            return Err(invalid(format!(
                "structured dtypes are not supported ('descr' is {}; only '<f4' and '<f8' are read)",
                other.kind()
            )));
        }
        other => {
            return Err(invalid(format!(
                "'descr' must be a dtype string, found {}",
                other.kind()
            )));
        }
    };
    let fortran_order = match fortran.ok_or_else(|| missing("fortran_order"))? {
        Literal::Bool(b) => b,
        other => {
            return Err(invalid(format!(
                "'fortran_order' must be True or False, found {}",
                other.kind()
            )));
        }
    };
    let shape = match shape.ok_or_else(|| missing("shape"))? {
        Literal::Tuple(items) => items
            .into_iter()
            .map(|d| match d {
                Literal::Int(n) => Ok(n),
                other => Err(invalid(format!(
                    "'shape' must be a tuple of non-negative integers, found {} in it",
                    other.kind()
                ))),
            })
            .collect::<Result<Vec<usize>, _>>()?,
        other => {
            return Err(invalid(format!(
                "'shape' must be a tuple of non-negative integers, found {}",
                other.kind()
            )));
        }
    };
    Ok(Header {
        descr,
        fortran_order,
        shape,
    })
}

/// The name of a float dtype numpy might write, for messages.
fn dtype_name(descr: &str) -> Option<&'static str> {
    match descr.get(1..) {
        Some("f2") => Some("f16"),
        Some("f4") => Some("f32"),
        Some("f8") => Some("f64"),
        Some("i1") => Some("i8"),
        Some("i2") => Some("i16"),
        Some("i4") => Some("i32"),
        Some("i8") => Some("i64"),
        Some("u1") => Some("u8"),
        Some("u2") => Some("u16"),
        Some("u4") => Some("u32"),
        Some("u8") => Some("u64"),
        Some("b1") => Some("bool"),
        Some("c8") => Some("Complex<f32>"),
        Some("c16") => Some("Complex<f64>"),
        _ => None,
    }
}

/// Checks the header's dtype against the element type.
fn check_descr<T: NpyElement>(descr: &str) -> Result<(), DataError> {
    // a one-byte type has no byte order: numpy writes '|', and '<' / '=' mean the same
    let one_byte = T::SIZE == 1
        && descr.len() == 3
        && matches!(descr.as_bytes()[0], b'<' | b'>' | b'=' | b'|')
        && descr[1..] == T::DESCR[1..];
    if descr == T::DESCR || one_byte {
        return Ok(());
    }
    let want = T::TYPE_NAME;
    if descr.starts_with('>') && descr.len() > 2 {
        return Err(invalid(format!(
            "big-endian data ('{descr}') are not supported: the tensor reads little-endian {want} ('{}'); save with `a.astype('{}')`",
            T::DESCR,
            T::DESCR
        )));
    }
    match (
        descr.starts_with('<') || descr.starts_with('|'),
        dtype_name(descr),
    ) {
        (true, Some(name)) => Err(invalid(format!(
            "the file holds {name} data ('{descr}') but the tensor's element type is {want} ('{}')",
            T::DESCR
        ))),
        _ => Err(invalid(format!(
            "dtype '{descr}' is not supported: the tensor's element type is {want} ('{}'); only little-endian floats, integers, complex numbers and bools ('<f8', '<i4', '|u1', '<c16', '|b1', ...) are read",
            T::DESCR
        ))),
    }
}

/// Reads the data section: exactly `n` elements, then checks that nothing follows.
fn read_data<T: NpyElement>(
    r: &mut impl Read,
    n: usize,
    shape: &[usize],
) -> Result<Vec<T>, DataError> {
    let need = n.checked_mul(T::SIZE).ok_or_else(|| {
        invalid(format!(
            "shape {} has more bytes of data than memory can address",
            fmt_dims(shape)
        ))
    })?;
    // Never trust the header with an allocation: grow with what the file actually holds.
    let mut out: Vec<T> = Vec::with_capacity(n.min(CHUNK));
    let mut buf = vec![0u8; CHUNK - CHUNK % T::SIZE];
    let mut done = 0usize;
    while done < need {
        let want = (need - done).min(buf.len());
        let got = read_full(r, &mut buf[..want])?;
        let whole = got - got % T::SIZE;
        out.extend(buf[..whole].chunks_exact(T::SIZE).map(T::from_le_slice));
        done += got;
        if got < want {
            return Err(invalid(format!(
                "the data are truncated: shape {} needs {need} bytes of {} but the file holds {done}",
                fmt_dims(shape),
                T::TYPE_NAME
            )));
        }
    }
    let extra = io::copy(r, &mut io::sink())?;
    if extra > 0 {
        return Err(invalid(format!(
            "the file has {extra} bytes after the {need} bytes of data of shape {}",
            fmt_dims(shape)
        )));
    }
    Ok(out)
}

/// Reads a whole `.npy` stream into a tensor of shape type `S`.
fn read_tensor<T: NpyElement, S: Shape>(
    r: &mut impl Read,
    op: &'static str,
) -> Result<Tensor<T, S>, DataError> {
    let h = read_header(r)?;
    check_descr::<T>(&h.descr)?;
    let shape = S::try_from_dims(&h.shape).ok_or_else(|| {
        DataError::Shape(ShapeError::not_of_named_type(
            op,
            &h.shape,
            &S::static_dims(),
            S::NAMES,
        ))
    })?;
    let n = h
        .shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .ok_or_else(|| {
            invalid(format!(
                "shape {} has more elements than memory can address",
                fmt_dims(&h.shape)
            ))
        })?;
    let data = read_data::<T>(r, n, &h.shape)?;
    if h.fortran_order && S::RANK > 1 {
        // Column-major: axis 0 varies fastest. Read through a strided view, copy row-major.
        let mut strides = S::Index::default();
        let mut acc = 1;
        for (s, &d) in strides.as_mut().iter_mut().zip(&h.shape) {
            *s = acc;
            acc *= d;
        }
        let view = TensorView::from_slice_strided(&data, shape, strides)?;
        return Ok(Tensor::from_vec(shape, view.iter().copied().collect())?);
    }
    Ok(Tensor::from_vec(shape, data)?)
}

// ---------------------------------------------------------------------------------------------
// Writing

/// The version 1.0 header for `dims` and dtype `descr`, padded to a multiple of 64 bytes.
fn header_bytes(descr: &str, dims: &[usize]) -> Vec<u8> {
    let dict = format!(
        "{{'descr': '{descr}', 'fortran_order': False, 'shape': {}, }}",
        fmt_dims(dims)
    );
    // magic (6) + version (2) + length (2) + dict + padding + '\n' = a multiple of 64.
    let unpadded = MAGIC.len() + 4 + dict.len() + 1;
    let pad = (64 - unpadded % 64) % 64;
    let header_len = dict.len() + pad + 1;
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + header_len);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[1, 0]);
    // A rank-6 shape of 20-digit sizes is far below 65 535 bytes.
    out.extend_from_slice(&(header_len as u16).to_le_bytes());
    out.extend_from_slice(dict.as_bytes());
    out.resize(out.len() + pad, b' ');
    out.push(b'\n');
    out
}

/// Writes a C-order version 1.0 file of the given sizes and elements (in row-major order).
fn write_stream<T: NpyElement>(
    w: &mut impl Write,
    dims: &[usize],
    elems: impl Iterator<Item = T>,
) -> io::Result<()> {
    w.write_all(&header_bytes(T::DESCR, dims))?;
    // Gather a chunk of values, convert it in one tight loop, write it.
    let per_chunk = CHUNK / T::SIZE;
    let mut values: Vec<T> = Vec::with_capacity(per_chunk);
    let mut buf = vec![0u8; per_chunk * T::SIZE];
    let mut elems = elems.fuse();
    loop {
        values.clear();
        values.extend(elems.by_ref().take(per_chunk));
        if values.is_empty() {
            break;
        }
        let bytes = &mut buf[..values.len() * T::SIZE];
        for (dst, &x) in bytes.chunks_exact_mut(T::SIZE).zip(&values) {
            x.write_le(dst);
        }
        w.write_all(bytes)?;
    }
    w.flush()
}

fn write_file<T: NpyElement>(
    path: &Path,
    dims: &[usize],
    elems: impl Iterator<Item = T>,
) -> Result<(), DataError> {
    let mut w = BufWriter::new(File::create(path)?);
    write_stream(&mut w, dims, elems)?;
    Ok(())
}

fn to_bytes<T: NpyElement>(dims: &[usize], elems: impl ExactSizeIterator<Item = T>) -> Vec<u8> {
    let mut out = Vec::with_capacity(128 + elems.len() * T::SIZE);
    // Writing into a Vec cannot fail.
    let _ = write_stream(&mut out, dims, elems);
    out
}

impl<T: NpyElement, S: Shape> Tensor<T, S> {
    /// Reads a `.npy` file (as written by `numpy.save`) into a tensor of shape type `S`.
    ///
    /// The file's shape must fit `S`: same rank, and each static dim equal to the file's size
    /// on that axis; `Dyn` dims take the file's sizes. The dtype must be `T`'s (`'<f8'` for
    /// f64, `'<f4'` for f32): nothing is converted silently. Fortran-order files are read too
    /// (their elements are put back in row-major order).
    ///
    /// # Errors
    /// - [`DataError::Io`] when the file cannot be opened or read;
    /// - [`DataError::Invalid`] when the file breaks the npy format or holds another dtype,
    ///   saying which rule failed (truncated data, wrong magic string, bad header, ...);
    /// - [`DataError::Shape`] when the file's shape does not fit `S`, naming both shapes.
    ///
    /// ```
    /// use shaped::{Const, Dyn, Matrix, Tensor};
    /// let path = std::env::temp_dir().join("shaped_doc_read_npy.npy");
    /// let a = Matrix::<f64, 2, 2>::eye();
    /// a.write_npy(&path)?;
    /// let b = Tensor::<f64, (Dyn, Const<2>)>::read_npy(&path)?;
    /// assert_eq!(b.as_slice(), &[1., 0., 0., 1.]);
    /// // The file is 2x2; a 2x3 type does not fit:
    /// let e = Tensor::<f64, (Dyn, Const<3>)>::read_npy(&path).unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     "read_npy: shape (2, 2) does not fit the type's shape (_, 3) (`_` is any size)"
    /// );
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn read_npy(path: impl AsRef<Path>) -> Result<Self, DataError> {
        let mut r = BufReader::new(File::open(path)?);
        read_tensor(&mut r, "read_npy")
    }

    /// Reads a `.npy` stream from any reader (a file, a socket, a byte slice). The same rules
    /// as [`Self::read_npy`]; the stream must end after the array's data.
    ///
    /// # Errors
    /// As [`Self::read_npy`].
    ///
    /// ```
    /// use shaped::{Dyn, Tensor, tensor, Vector};
    /// let v: Vector<f32, 2> = tensor![0.5, 1.5];
    /// let bytes = v.to_npy_bytes();
    /// let w = Tensor::<f32, (Dyn,)>::read_npy_from(&mut &bytes[..])?;
    /// assert_eq!(w.as_slice(), &[0.5, 1.5]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn read_npy_from(reader: &mut impl Read) -> Result<Self, DataError> {
        read_tensor(reader, "read_npy")
    }

    /// Reads a tensor from the bytes of a `.npy` file. The same rules as [`Self::read_npy`].
    ///
    /// # Errors
    /// As [`Self::read_npy`] (never [`DataError::Io`]).
    ///
    /// ```
    /// use shaped::{DataError, Vector};
    /// let e = Vector::<f64, 3>::from_npy_bytes(b"PK\x03\x04 not npy").unwrap_err();
    /// assert!(matches!(e, DataError::Invalid { .. }));
    /// assert!(e.to_string().contains("magic string"));
    /// ```
    pub fn from_npy_bytes(bytes: &[u8]) -> Result<Self, DataError> {
        read_tensor(&mut &bytes[..], "from_npy_bytes")
    }
}

impl<T: NpyElement, S: Shape, D: Data<T>> Tensor<T, S, D> {
    /// Writes the elements, in row-major (logical) order, to a `.npy` file (version 1.0,
    /// C order, little-endian), readable by `numpy.load`: a transposed view is written as the
    /// transposed matrix. An existing file is replaced.
    ///
    /// # Errors
    /// [`DataError::Io`] when the file cannot be created or written.
    ///
    /// ```
    /// use shaped::{tensor, Matrix};
    /// let path = std::env::temp_dir().join("shaped_doc_write_npy.npy");
    /// let a: Matrix<f32, 2, 3> = tensor![[1., 2., 3.], [4., 5., 6.]];
    /// a.write_npy(&path)?;
    /// assert_eq!(Matrix::<f32, 2, 3>::read_npy(&path)?, a);
    /// a.t().write_npy(&path)?;
    /// let at = Matrix::<f32, 3, 2>::read_npy(&path)?;
    /// assert_eq!(at.as_slice(), &[1., 4., 2., 5., 3., 6.]);
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn write_npy(&self, path: impl AsRef<Path>) -> Result<(), DataError> {
        write_file(
            path.as_ref(),
            self.dims().as_ref(),
            self.view().iter().copied(),
        )
    }

    /// Writes the elements as a `.npy` stream (C order) to any writer.
    ///
    /// # Errors
    /// [`DataError::Io`] when the writer fails.
    ///
    /// ```
    /// use shaped::{tensor, Matrix, Vector};
    /// let mut out = Vec::new();
    /// Vector::<f64, 2>::ones().write_npy_to(&mut out)?;
    /// assert_eq!(out.len(), 128 + 16); // the header (padded to 64 bytes), then two f64
    /// let a: Matrix<f32, 2, 2> = tensor![[1., 2.], [3., 4.]];
    /// let mut out = Vec::new();
    /// a.t().write_npy_to(&mut out)?;
    /// assert_eq!(Matrix::<f32, 2, 2>::from_npy_bytes(&out)?, tensor![[1., 3.], [2., 4.]]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn write_npy_to(&self, writer: &mut impl Write) -> Result<(), DataError> {
        write_stream(writer, self.dims().as_ref(), self.view().iter().copied())?;
        Ok(())
    }

    /// The bytes of a `.npy` file holding the elements in row-major order (version 1.0,
    /// C order, little-endian).
    ///
    /// ```
    /// use shaped::{tensor, Matrix, Vector};
    /// let bytes = Vector::<f64, 3>::zeros().to_npy_bytes();
    /// assert_eq!(&bytes[..8], b"\x93NUMPY\x01\x00");
    /// assert_eq!(bytes.len(), 128 + 3 * 8); // the header (padded to 64 bytes), the data
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    /// let col = a.col(1);
    /// assert_eq!(Vector::<f64, 2>::from_npy_bytes(&col.to_npy_bytes())?.as_slice(), &[2., 4.]);
    /// # Ok::<(), shaped::DataError>(())
    /// ```
    pub fn to_npy_bytes(&self) -> Vec<u8> {
        to_bytes(self.dims().as_ref(), self.view().iter().copied())
    }
}

/// Formats bytes for a message: printable ASCII as is, the rest as `\xNN`.
fn escape_bytes(bytes: &[u8]) -> String {
    let mut s = String::from("\"");
    for &b in bytes {
        if b.is_ascii_graphic() || b == b' ' {
            s.push(b as char);
        } else {
            s.push_str(&format!("\\x{b:02x}"));
        }
    }
    s.push('"');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_padded_to_64_and_parses_back() {
        for dims in [
            &[][..],
            &[3],
            &[2, 3],
            &[1, 2, 3, 4, 5, 6],
            &[usize::MAX; 6],
        ] {
            let h = header_bytes("<f8", dims);
            assert_eq!(h.len() % 64, 0, "{dims:?}");
            assert_eq!(*h.last().unwrap(), b'\n');
            let parsed = read_header(&mut &h[..]).unwrap();
            assert_eq!(
                parsed,
                Header {
                    descr: "<f8".into(),
                    fortran_order: false,
                    shape: dims.to_vec()
                }
            );
        }
    }

    #[test]
    fn parser_reads_the_python_literals_numpy_writes() {
        let h = parse_header("{\"shape\": (4L, 5), 'fortran_order': True, 'descr': '<f4'}  \n")
            .unwrap();
        assert_eq!(h.shape, vec![4, 5]);
        assert!(h.fortran_order);
        assert_eq!(h.descr, "<f4");
        // `(3)` is the integer 3, not a tuple.
        let e = parse_header("{'descr': '<f8', 'fortran_order': False, 'shape': (3)}").unwrap_err();
        assert!(e.to_string().contains("'shape' must be a tuple"), "{e}");
        let e =
            parse_header("{'descr': '<f8', 'fortran_order': False, 'shape': (-3,)}").unwrap_err();
        assert!(e.to_string().contains("negative"), "{e}");
        let deep = format!("{{'descr': {}", "[".repeat(100));
        assert!(
            parse_header(&deep)
                .unwrap_err()
                .to_string()
                .contains("nested")
        );
    }
}
