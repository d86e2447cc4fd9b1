//! `Display` for tensors and views, laid out as numpy's `str(array)`.
//!
//! Rows are in brackets, one per line, with a blank line between blocks of rank 3 and more;
//! columns are aligned; floats print as numpy prints them (the shortest digits that identify
//! the value, at most 8 after the point, `1.` for a whole number, scientific notation when the
//! magnitudes span more than a factor 1000 or reach 1e8 (1e6 in f32) or go below 1e-4; complex
//! numbers as `1.+2.j`); tensors of more than 1000 elements show only their first and last 3
//! items along each axis, with `...` between. Lines wrap at 75 characters. `{:.3}` sets the number of digits after the point
//! (numpy's `precision`).
//!
//! ```
//! use shaped::{tensor, Matrix};
//! let a: Matrix<f64, 2, 3> = tensor![[1., -2.5, 3.], [4., 5., 0.125]];
//! assert_eq!(a.to_string(), "[[ 1.    -2.5    3.   ]\n [ 4.     5.     0.125]]");
//! ```

use core::fmt;

use super::{Data, Tensor};

use crate::scalar::Number;
use crate::shape::Shape;
use num_complex::Complex;

/// numpy prints at most this many elements in full (its `threshold`).
const THRESHOLD: usize = 1000;
/// Items shown at each end of an axis of an elided tensor (numpy's `edgeitems`).
const EDGE_ITEMS: usize = 3;
/// The width lines are wrapped at (numpy's `linewidth`).
const LINE_WIDTH: usize = 75;
/// Digits after the point, at most, when the formatter gives no precision.
const PRECISION: usize = 8;

mod sealed {
    pub trait Sealed {}
}

/// An element type that tensors print: the floats (numpy's float format), the primitive
/// integers (right-aligned) and the complex numbers (numpy's `1.+2.j`). Implemented for every
/// [`Number`]; sealed.
///
/// `Display` of a [`Tensor`], [`TensorView`](crate::TensorView) or [`TensorViewMut`](crate::TensorViewMut) follows numpy's
/// `str(array)`: rows in brackets, one per line, a blank line between blocks of rank 3 and
/// more; columns aligned; floats with the shortest digits that identify the value, at most 8
/// after the point (`{:.3}` sets another number, as numpy's `precision`), `1.` for a whole
/// number, scientific notation when the magnitudes span more than a factor 1000, reach 1e8
/// (1e6 for f32, as numpy 2) or go below 1e-4; more than 1000 elements are elided to the
/// first and last 3 items of each axis around `...`; lines wrap at 75 characters. A rank-0 tensor prints its element alone.
/// A complex element prints its real part, then its imaginary part with its sign and a `j`;
/// the real parts and the imaginary parts each get one format (width, digits, notation), as
/// numpy's do.
///
/// ```
/// use shaped::{tensor, Complex, Vector};
/// let v: Vector<i32, 3> = tensor![1, -20, 300];
/// assert_eq!(v.to_string(), "[  1 -20 300]");
/// let z: Vector<Complex<f64>, 2> = tensor![Complex::new(1., 2.), Complex::new(3., -4.5)];
/// assert_eq!(z.to_string(), "[1.+2.j  3.-4.5j]");
/// ```
pub trait DisplayElement: Number + sealed::Sealed {
    /// The type of the printed parts: the type itself for a real number, `T` for `Complex<T>`.
    #[doc(hidden)]
    type Part: DisplayPart;
    /// Whether the type is complex (printed as a real and an imaginary part).
    #[doc(hidden)]
    const COMPLEX: bool;
    /// The real and imaginary parts (the number itself twice for a real number).
    #[doc(hidden)]
    fn parts(self) -> (Self::Part, Self::Part);
}

/// A real number as [`DisplayElement`] prints it (a float or an integer); sealed.
#[doc(hidden)]
pub trait DisplayPart: Copy + fmt::Display + sealed::Sealed {
    /// Whether the type is a float (printed with numpy's float rules).
    const FLOAT: bool;
    /// Magnitudes from this one up print in scientific notation: numpy's
    /// `10 ** min(8, finfo(dtype).precision)`, 1e8 for f64 and 1e6 for f32.
    const SCIENTIFIC_FROM: f64;
    /// The value as f64, for the choice between positional and scientific notation.
    fn magnitude(self) -> f64;
    /// Scientific notation: `{:e}`, or `{:.p$e}` with `Some(p)`.
    fn fmt_exp(self, precision: Option<usize>) -> String;
}

macro_rules! display_element {
    (float: $($f:ty => $sci:literal),*; int: $($i:ty),*) => {
        $(
            impl sealed::Sealed for $f {}
            impl DisplayPart for $f {
                const FLOAT: bool = true;
                const SCIENTIFIC_FROM: f64 = $sci;
                #[inline]
                fn magnitude(self) -> f64 {
                    self as f64
                }
                fn fmt_exp(self, precision: Option<usize>) -> String {
                    match precision {
                        Some(p) => format!("{:.*e}", p, self),
                        None => format!("{:e}", self),
                    }
                }
            }
            impl DisplayElement for $f {
                type Part = $f;
                const COMPLEX: bool = false;
                #[inline]
                fn parts(self) -> ($f, $f) {
                    (self, self)
                }
            }
            impl sealed::Sealed for Complex<$f> {}
            impl DisplayElement for Complex<$f> {
                type Part = $f;
                const COMPLEX: bool = true;
                #[inline]
                fn parts(self) -> ($f, $f) {
                    (self.re, self.im)
                }
            }
        )*
        $(
            impl sealed::Sealed for $i {}
            impl DisplayPart for $i {
                const FLOAT: bool = false;
                const SCIENTIFIC_FROM: f64 = f64::INFINITY;
                #[inline]
                fn magnitude(self) -> f64 {
                    self as f64
                }
                fn fmt_exp(self, _precision: Option<usize>) -> String {
                    format!("{:e}", self)
                }
            }
            impl DisplayElement for $i {
                type Part = $i;
                const COMPLEX: bool = false;
                #[inline]
                fn parts(self) -> ($i, $i) {
                    (self, self)
                }
            }
        )*
    };
}

display_element!(float: f32 => 1e6, f64 => 1e8; int: i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

/// The integer part of a number as printed with an explicit sign (`plus`, numpy's `sign='+'`
/// of imaginary parts): `"2"` becomes `"+2"`; a negative part keeps its `-`.
fn signed(int: &str, plus: bool) -> String {
    if plus && !int.starts_with('-') {
        format!("+{int}")
    } else {
        int.to_string()
    }
}

/// Splits `"12.5"` into `("12", "5")` and `"12"` into `("12", "")`.
fn split_point(s: &str) -> (&str, &str) {
    s.split_once('.').unwrap_or((s, ""))
}

/// The shortest digits that identify `x`, at most `precision` after the point, as
/// `(integer part with sign, fraction digits)`. Among equally short candidates the one
/// nearest to `x` is taken, an exact tie going to the even digit (numpy's Dragon4 does so;
/// Rust's shortest `Display` rounds ties up, its fixed-precision formatting to even).
fn positional<T: DisplayPart>(x: T, precision: usize) -> (String, String) {
    let shortest = x.to_string();
    let digits = split_point(&shortest).1.len().min(precision);
    let r = format!("{x:.digits$}");
    let (int, frac) = split_point(&r);
    (int.to_string(), frac.trim_end_matches('0').to_string())
}

/// Splits `"1.25e-3"` into `("1", "25", -3)`.
fn exp_parts(s: &str) -> (String, String, i32) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let (int, frac) = split_point(mant);
    (int.to_string(), frac.to_string(), exp.parse().unwrap_or(0))
}

/// The number of mantissa digits after the point that identify `x` in scientific notation,
/// at most `precision`.
fn scientific_digits<T: DisplayPart>(x: T, precision: usize) -> usize {
    let shortest = exp_parts(&x.fmt_exp(None)).1.len().min(precision);
    // The capped form may end in zeros (0.99999999999 -> 1.00000000e0): drop them.
    let (_, frac, _) = exp_parts(&x.fmt_exp(Some(shortest)));
    frac.trim_end_matches('0').len()
}

/// How every element of one tensor is printed: one width for all.
enum Format {
    Int {
        width: usize,
    },
    Positional {
        precision: usize,
        pad_left: usize,
        pad_right: usize,
        plus: bool,
    },
    Scientific {
        digits: usize,
        pad_left: usize,
        exp_digits: usize,
        plus: bool,
    },
}

impl Format {
    /// numpy's choice of format for the (shown) elements `sample`; `plus` prints a sign on
    /// positive values too (the imaginary parts of complex numbers).
    fn new<T: DisplayPart>(sample: &[T], precision: usize, plus: bool) -> Format {
        if !T::FLOAT {
            let width = sample
                .iter()
                .map(|x| x.to_string().len())
                .max()
                .unwrap_or(0);
            return Format::Int { width };
        }
        let finite: Vec<T> = sample
            .iter()
            .copied()
            .filter(|x| x.magnitude().is_finite())
            .collect();
        let (mut max, mut min) = (0.0f64, f64::INFINITY);
        for x in &finite {
            let a = x.magnitude().abs();
            if a != 0.0 {
                max = max.max(a);
                min = min.min(a);
            }
        }
        let scientific_needed =
            min.is_finite() && (max >= T::SCIENTIFIC_FROM || min < 1e-4 || max / min > 1e3);
        let (mut pad_left, pad_right, mut format) = if scientific_needed {
            // Every element gets as many mantissa digits as the one that needs most; numpy
            // prints the value's own further digits there, not zeros.
            let digits = finite
                .iter()
                .map(|&x| scientific_digits(x, precision))
                .max()
                .unwrap_or(0);
            let parts: Vec<_> = finite
                .iter()
                .map(|&x| exp_parts(&x.fmt_exp(Some(digits))))
                .collect();
            let exp_digits = parts
                .iter()
                .map(|p| p.2.unsigned_abs().to_string().len())
                .max()
                .unwrap_or(0)
                .max(2);
            let pad_left = parts
                .iter()
                .map(|p| signed(&p.0, plus).len())
                .max()
                .unwrap_or(0);
            let pad_right = exp_digits + 2 + digits;
            let f = Format::Scientific {
                digits,
                pad_left,
                exp_digits,
                plus,
            };
            (pad_left, pad_right, f)
        } else {
            let parts: Vec<_> = finite.iter().map(|&x| positional(x, precision)).collect();
            let pad_left = parts
                .iter()
                .map(|p| signed(&p.0, plus).len())
                .max()
                .unwrap_or(0);
            let pad_right = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
            let f = Format::Positional {
                precision,
                pad_left,
                pad_right,
                plus,
            };
            (pad_left, pad_right, f)
        };
        // Room for nan and inf, right-aligned in the same width.
        if finite.len() < sample.len() {
            let neg_inf = sample.iter().any(|x| x.magnitude() == f64::NEG_INFINITY);
            let need = 3 + usize::from(neg_inf || plus);
            let width = pad_left + pad_right + 1;
            if need > width {
                pad_left += need - width;
            }
            match &mut format {
                Format::Positional { pad_left: p, .. } | Format::Scientific { pad_left: p, .. } => {
                    *p = pad_left
                }
                Format::Int { .. } => {}
            }
        }
        format
    }

    fn width(&self) -> usize {
        match *self {
            Format::Int { width } => width,
            Format::Positional {
                pad_left,
                pad_right,
                ..
            } => pad_left + 1 + pad_right,
            Format::Scientific {
                digits,
                pad_left,
                exp_digits,
                ..
            } => pad_left + 1 + digits + 2 + exp_digits,
        }
    }

    fn format<T: DisplayPart>(&self, x: T) -> String {
        let m = x.magnitude();
        if T::FLOAT && !m.is_finite() {
            let plus = matches!(
                *self,
                Format::Positional { plus: true, .. } | Format::Scientific { plus: true, .. }
            );
            let word = if m.is_nan() {
                "nan"
            } else if m > 0.0 {
                "inf"
            } else {
                "-inf"
            };
            let word = signed(word, plus);
            return format!("{word:>w$}", w = self.width());
        }
        match *self {
            Format::Int { width } => format!("{x:>width$}"),
            Format::Positional {
                precision,
                pad_left,
                pad_right,
                plus,
            } => {
                let (int, frac) = positional(x, precision);
                let int = signed(&int, plus);
                format!("{int:>pad_left$}.{frac:<pad_right$}")
            }
            Format::Scientific {
                digits,
                pad_left,
                exp_digits,
                plus,
            } => {
                let (int, frac, exp) = exp_parts(&x.fmt_exp(Some(digits)));
                let int = signed(&int, plus);
                let sign = if exp < 0 { '-' } else { '+' };
                let e = exp.unsigned_abs();
                format!("{int:>pad_left$}.{frac:0<digits$}e{sign}{e:0>exp_digits$}")
            }
        }
    }
}

/// The indices shown along an axis of size `n`: all of them, or the first and last
/// [`EDGE_ITEMS`] when the tensor is elided.
fn shown(n: usize, summarize: bool) -> Vec<usize> {
    if summarize && n > 2 * EDGE_ITEMS {
        (0..EDGE_ITEMS).chain(n - EDGE_ITEMS..n).collect()
    } else {
        (0..n).collect()
    }
}

/// `{:?}` of a tensor or view: its kind and sizes (named dims with their names,
/// `Tensor(Batch=2, 3)`), then its elements in nested brackets,
/// each printed by its own `Debug` (so any element type prints), elided past [`THRESHOLD`]
/// elements to the first and last [`EDGE_ITEMS`] of each axis as `Display` does. Two
/// 100 x 100 tensors in a failed `assert_eq!` take a few lines, not 10 000 numbers.
pub(crate) fn debug_render<T: fmt::Debug>(
    f: &mut fmt::Formatter<'_>,
    kind: &str,
    data: &[T],
    dims: &[usize],
    strides: &[usize],
    names: &[Option<&'static str>],
) -> fmt::Result {
    write!(f, "{kind}{} ", crate::shape::fmt_named(dims, names))?;
    let summarize = dims.iter().product::<usize>() > THRESHOLD;
    debug_block(f, data, dims, strides, 0, summarize)
}

/// The block of `data` that starts at `offset`, over the axes `dims` (see [`debug_render`]).
fn debug_block<T: fmt::Debug>(
    f: &mut fmt::Formatter<'_>,
    data: &[T],
    dims: &[usize],
    strides: &[usize],
    offset: usize,
    summarize: bool,
) -> fmt::Result {
    let Some((&n, inner)) = dims.split_first() else {
        return fmt::Debug::fmt(&data[offset], f);
    };
    f.write_str("[")?;
    let mut last = None;
    for i in shown(n, summarize) {
        if let Some(prev) = last {
            f.write_str(if i > prev + 1 { ", ..., " } else { ", " })?;
        }
        debug_block(
            f,
            data,
            inner,
            &strides[1..],
            offset + i * strides[0],
            summarize,
        )?;
        last = Some(i);
    }
    f.write_str("]")
}

/// A tensor seen through its sizes and strides, for printing.
struct Printer<'a, T> {
    data: &'a [T],
    dims: &'a [usize],
    strides: &'a [usize],
    summarize: bool,
    format: Format,
    /// The format of the imaginary parts (complex elements only).
    imag: Option<Format>,
}

impl<T: DisplayElement> Printer<'_, T> {
    fn at(&self, idx: &[usize]) -> T {
        let off: usize = idx.iter().zip(self.strides).map(|(i, s)| i * s).sum();
        self.data[off]
    }

    /// One element as printed: a real number in its format; a complex one as its real part
    /// then its imaginary part with a `j` before the padding (numpy's `1.+2.j `).
    fn element(&self, x: T) -> String {
        let (re, im) = x.parts();
        let r = self.format.format(re);
        match &self.imag {
            None => r,
            Some(f) => {
                let i = f.format(im);
                let end = i.trim_end().len();
                format!("{r}{}j{}", &i[..end], &i[end..])
            }
        }
    }

    /// The indices shown along an axis of size `n`.
    fn shown(&self, n: usize) -> Vec<usize> {
        shown(n, self.summarize)
    }

    /// The elements that will be shown (numpy sizes the columns from these alone).
    fn sample(&self, idx: &mut Vec<usize>, out: &mut Vec<T>) {
        if idx.len() == self.dims.len() {
            out.push(self.at(idx));
            return;
        }
        for i in self.shown(self.dims[idx.len()]) {
            idx.push(i);
            self.sample(idx, out);
            idx.pop();
        }
    }

    /// numpy's `_formatArray`: the block at `idx`, its first line indented by `hanging`
    /// (removed at the end), wrapped to `width`.
    fn block(&self, idx: &mut Vec<usize>, hanging: &str, width: usize) -> String {
        let axis = idx.len();
        let axes_left = self.dims.len() - axis;
        if axes_left == 0 {
            return self.element(self.at(idx));
        }
        let next_hanging = format!("{hanging} ");
        let next_width = width.saturating_sub(1);
        let n = self.dims[axis];
        let shown = self.shown(n);
        let elided = shown.len() < n;
        let mut s = String::new();
        let item = |i: usize, idx: &mut Vec<usize>| {
            idx.push(i);
            let out = self.block(idx, &next_hanging, next_width);
            idx.pop();
            out
        };
        if axes_left == 1 {
            let elem_width = width.saturating_sub(1);
            let mut line = hanging.to_string();
            for (k, &i) in shown.iter().enumerate() {
                if elided && k == EDGE_ITEMS {
                    extend_line(&mut s, &mut line, "...", elem_width, hanging);
                    line.push(' ');
                }
                let word = item(i, idx);
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                if k + 1 < shown.len() {
                    line.push(' ');
                }
            }
            s.push_str(&line);
        } else {
            let line_sep = "\n".repeat(axes_left - 1);
            for (k, &i) in shown.iter().enumerate() {
                if elided && k == EDGE_ITEMS {
                    s.push_str(hanging);
                    s.push_str("...");
                    s.push_str(&line_sep);
                }
                s.push_str(hanging);
                s.push_str(&item(i, idx));
                if k + 1 < shown.len() {
                    s.push_str(&line_sep);
                }
            }
        }
        format!("[{}]", &s[hanging.len()..])
    }
}

/// numpy's `_extendLine`: appends `word` to `line`, first moving `line` into `s` when the
/// word would pass `width` (unless the line holds only its indent).
fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, indent: &str) {
    if line.len() + word.len() > width && line.len() > indent.len() {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = indent.to_string();
    }
    line.push_str(word);
}

/// Prints the elements of `data` seen with `dims` and `strides`.
fn render<T: DisplayElement>(
    f: &mut fmt::Formatter<'_>,
    data: &[T],
    dims: &[usize],
    strides: &[usize],
) -> fmt::Result {
    let numel: usize = dims.iter().product();
    if numel == 0 {
        return f.write_str("[]");
    }
    let mut p = Printer {
        data,
        dims,
        strides,
        summarize: numel > THRESHOLD,
        format: Format::Int { width: 0 },
        imag: None,
    };
    let mut sample = Vec::new();
    p.sample(&mut Vec::with_capacity(dims.len()), &mut sample);
    let precision = f.precision().unwrap_or(PRECISION);
    let re: Vec<T::Part> = sample.iter().map(|x| x.parts().0).collect();
    p.format = Format::new(&re, precision, false);
    if T::COMPLEX {
        let im: Vec<T::Part> = sample.iter().map(|x| x.parts().1).collect();
        p.imag = Some(Format::new(&im, precision, true));
    }
    f.write_str(&p.block(&mut Vec::with_capacity(dims.len()), " ", LINE_WIDTH))
}

impl<T: DisplayElement, S: Shape, D: Data<T>> fmt::Display for Tensor<T, S, D> {
    /// Prints the tensor as numpy's `str(array)` does (the rules are listed at
    /// [`DisplayElement`]); a view prints its elements in its own (logical) order.
    ///
    /// ```
    /// use shaped::{tensor, Matrix, Tensor3};
    /// let t: Tensor3<i32, 2, 2, 2> = tensor![[[1, 2], [3, 4]], [[5, 6], [7, 8]]];
    /// assert_eq!(t.to_string(), "[[[1 2]\n  [3 4]]\n\n [[5 6]\n  [7 8]]]");
    /// let a: Matrix<f64, 2, 2> = tensor![[1., 2.], [3., 4.]];
    /// assert_eq!(a.t().to_string(), "[[1. 3.]\n [2. 4.]]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render(
            f,
            self.data.elements(),
            self.dims().as_ref(),
            self.strides().as_ref(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positional_caps_digits_at_the_precision() {
        assert_eq!(positional(1.0f64 / 3.0, 8), ("0".into(), "33333333".into()));
        assert_eq!(positional(0.1f64 + 0.2, 8), ("0".into(), "3".into()));
        assert_eq!(positional(0.999_999_999_9f64, 8), ("1".into(), "".into()));
        assert_eq!(positional(0.1f32, 8), ("0".into(), "1".into()));
        assert_eq!(positional(-0.0f64, 8), ("-0".into(), "".into()));
    }

    #[test]
    fn ties_go_to_the_even_digit() {
        // 305223.125 is an f32; .12 and .13 both identify it. numpy prints .12.
        assert_eq!(
            positional(305_223.12f32, 8), // the f32 305223.125
            ("305223".into(), "12".into())
        );
    }

    #[test]
    fn scientific_digits_are_the_shortest_mantissa() {
        assert_eq!(scientific_digits(1.5e5f64, 8), 1);
        assert_eq!(scientific_digits(-1e-7f64, 8), 0);
        assert_eq!(scientific_digits(1.0f64 / 3.0 * 1e-9, 8), 8);
        assert_eq!(scientific_digits(9.999_999_999_9f64, 8), 0);
        assert_eq!(exp_parts("-2.50e-3"), ("-2".into(), "50".into(), -3));
    }
}
