//! Convolution of two signals, numpy.convolve's three modes, with the output length in the
//! type: `full` (A + B - 1, [`ConvFullOf`]), `valid` (max - min + 1, [`ConvValidOf`]) and
//! `same` (max(A, B), [`MaxOf`]).

use crate::derived::{ConvFullOf, ConvValidOf, MaxOf};
use crate::dim::{Dim, Dyn};
use crate::error::{ShapeError, unwrap_or_panic};
use crate::operator::contiguous;
use crate::shape::fmt_dims;
use crate::tensor::{AsView, Tensor};

use super::Method;
use super::fft::{FftScalar, circular_pair, conv_len};
use super::kernels::{conv_range_direct, direct_cost, fft_wins};

/// Which part of the full convolution to return (numpy.convolve's `mode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Every index where the signals overlap: length M + N - 1.
    Full,
    /// Only where one signal lies entirely inside the other: length max - min + 1.
    Valid,
    /// The centre of the full convolution, of the length of the longer signal: max(M, N).
    Same,
}

impl Mode {
    /// The range `lo..hi` of the full convolution that this mode keeps, for non-empty
    /// signals of lengths `m` and `n`.
    fn range(self, m: usize, n: usize) -> (usize, usize) {
        let (short, long) = (m.min(n), m.max(n));
        match self {
            Mode::Full => (0, m + n - 1),
            Mode::Valid => (short - 1, long),
            Mode::Same => {
                let lo = (short - 1) / 2;
                (lo, lo + long)
            }
        }
    }

    fn op(self) -> &'static str {
        match self {
            Mode::Full => "convolve_full",
            Mode::Valid => "convolve_valid",
            Mode::Same => "convolve_same",
        }
    }
}

/// Indices `lo..hi` of the full convolution of two non-empty slices, direct or by FFT.
pub(crate) fn conv_slices<T: FftScalar>(
    a: &[T],
    v: &[T],
    lo: usize,
    hi: usize,
    method: Method,
) -> Vec<T> {
    // The direct loop runs its inner axpy over the longer signal.
    let (a, v) = if a.len() <= v.len() { (a, v) } else { (v, a) };
    let (m, n) = (a.len(), v.len());
    let len = conv_len(m, n, lo, hi);
    let fft = match method {
        Method::Direct => false,
        Method::Fft => true,
        // NaN or an infinity would reach every output through the FFT; the direct method
        // keeps it to the outputs whose window covers it, as numpy does.
        Method::Auto => {
            fft_wins(direct_cost(m, n, lo, hi), len) && a.iter().chain(v).all(|x| x.is_finite())
        }
    };
    let mut out = vec![T::zero(); hi - lo];
    if fft {
        circular_pair(a, v, len, lo, &mut out);
    } else {
        conv_range_direct(a, v, lo, &mut out);
    }
    out
}

fn check_nonempty(op: &'static str, m: usize, n: usize) -> Result<(), ShapeError> {
    if m == 0 || n == 0 {
        return Err(ShapeError::pair(
            op,
            &[m],
            &[n],
            format!(
                "cannot convolve {} with {}: both signals must be non-empty",
                fmt_dims(&[m]),
                fmt_dims(&[n])
            ),
        ));
    }
    Ok(())
}

fn run<T: FftScalar, A: Dim, B: Dim>(
    a: &impl AsView<T, (A,)>,
    v: &impl AsView<T, (B,)>,
    mode: Mode,
    method: Method,
) -> Result<Vec<T>, ShapeError> {
    let (av, vv) = (a.view(), v.view());
    let (m, n) = (av.dims()[0], vv.dims()[0]);
    check_nonempty(mode.op(), m, n)?;
    let (lo, hi) = mode.range(m, n);
    Ok(conv_slices(
        &contiguous(&av),
        &contiguous(&vv),
        lo,
        hi,
        method,
    ))
}

/// The full discrete convolution, `out[k] = sum_j a[j] v[k - j]`: (M,) and (N,) ->
/// (M + N - 1,), numpy's `convolve(a, v, "full")`.
///
/// The output length is the derived dim [`ConvFullOf<M, N>`], static when both inputs are.
/// Runs direct loops for short signals and FFTs (O(L log L)) above a size threshold chosen
/// by `benches/structured.rs`.
///
/// # Panics
/// When either signal is empty (see [`try_convolve_full`]).
///
/// ```
/// use shaped::structured::convolve_full;
/// use shaped::{Const, Vector, tensor};
/// let a: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];
/// let v: Vector<f64, 2> = tensor![0.0, 1.0];
/// let y = convolve_full(&a, &v); // Tensor<f64, (ConvFullOf<Const<3>, Const<2>>,)>
/// assert_eq!(y.as_slice(), &[0.0, 1.0, 2.0, 3.0]);
/// let y4: Vector<f64, 4> = y.reshape::<(Const<4>,)>();
/// # let _ = y4;
/// ```
#[track_caller]
pub fn convolve_full<T: FftScalar, A: Dim, B: Dim>(
    a: &impl AsView<T, (A,)>,
    v: &impl AsView<T, (B,)>,
) -> Tensor<T, (ConvFullOf<A, B>,)> {
    unwrap_or_panic(try_convolve_full(a, v))
}

/// [`convolve_full`], returning an error for an empty signal.
///
/// # Errors
/// [`ShapeError`] when either signal is empty.
///
/// ```
/// use shaped::structured::try_convolve_full;
/// use shaped::{Dyn, Tensor};
/// let a = Tensor::<f64, (Dyn,)>::zeros_with((Dyn(0),));
/// let v = Tensor::<f64, (Dyn,)>::ones_with((Dyn(3),));
/// assert_eq!(
///     try_convolve_full(&a, &v).unwrap_err().to_string(),
///     "convolve_full: cannot convolve (0,) with (3,): both signals must be non-empty"
/// );
/// ```
pub fn try_convolve_full<T: FftScalar, A: Dim, B: Dim>(
    a: &impl AsView<T, (A,)>,
    v: &impl AsView<T, (B,)>,
) -> Result<Tensor<T, (ConvFullOf<A, B>,)>, ShapeError> {
    let out = run(a, v, Mode::Full, Method::Auto)?;
    let d = ConvFullOf::<A, B>::new(out.len());
    Tensor::from_vec((d,), out)
}

/// The valid part of the convolution, where one signal lies entirely inside the other:
/// (M,) and (N,) -> (max(M, N) - min(M, N) + 1,), numpy's `convolve(a, v, "valid")`.
///
/// # Panics
/// When either signal is empty (see [`try_convolve_valid`]).
///
/// ```
/// use shaped::structured::convolve_valid;
/// use shaped::{Vector, tensor};
/// let a: Vector<f64, 4> = tensor![1.0, 2.0, 3.0, 4.0];
/// let v: Vector<f64, 2> = tensor![1.0, 1.0];
/// assert_eq!(convolve_valid(&a, &v).as_slice(), &[3.0, 5.0, 7.0]);
/// ```
#[track_caller]
pub fn convolve_valid<T: FftScalar, A: Dim, B: Dim>(
    a: &impl AsView<T, (A,)>,
    v: &impl AsView<T, (B,)>,
) -> Tensor<T, (ConvValidOf<A, B>,)> {
    unwrap_or_panic(try_convolve_valid(a, v))
}

/// [`convolve_valid`], returning an error for an empty signal.
///
/// # Errors
/// [`ShapeError`] when either signal is empty.
///
/// ```
/// use shaped::structured::try_convolve_valid;
/// use shaped::{Dyn, Tensor};
/// let a = Tensor::<f64, (Dyn,)>::ones_with((Dyn(3),));
/// assert_eq!(try_convolve_valid(&a, &a)?.as_slice(), &[3.0]);
/// # Ok::<(), shaped::ShapeError>(())
/// ```
pub fn try_convolve_valid<T: FftScalar, A: Dim, B: Dim>(
    a: &impl AsView<T, (A,)>,
    v: &impl AsView<T, (B,)>,
) -> Result<Tensor<T, (ConvValidOf<A, B>,)>, ShapeError> {
    let out = run(a, v, Mode::Valid, Method::Auto)?;
    let d = ConvValidOf::<A, B>::new(out.len());
    Tensor::from_vec((d,), out)
}

/// The centre of the full convolution, as long as the longer signal: (M,) and (N,) ->
/// (max(M, N),), numpy's `convolve(a, v, "same")`.
///
/// # Panics
/// When either signal is empty (see [`try_convolve_same`]).
///
/// ```
/// use shaped::structured::convolve_same;
/// use shaped::{Vector, tensor};
/// let a: Vector<f64, 4> = tensor![1.0, 2.0, 3.0, 4.0];
/// let v: Vector<f64, 3> = tensor![1.0, 1.0, 1.0];
/// assert_eq!(convolve_same(&a, &v).as_slice(), &[3.0, 6.0, 9.0, 7.0]);
/// ```
#[track_caller]
pub fn convolve_same<T: FftScalar, A: Dim, B: Dim>(
    a: &impl AsView<T, (A,)>,
    v: &impl AsView<T, (B,)>,
) -> Tensor<T, (MaxOf<A, B>,)> {
    unwrap_or_panic(try_convolve_same(a, v))
}

/// [`convolve_same`], returning an error for an empty signal.
///
/// # Errors
/// [`ShapeError`] when either signal is empty.
///
/// ```
/// use shaped::structured::try_convolve_same;
/// use shaped::{Dyn, Tensor};
/// let a = Tensor::<f64, (Dyn,)>::ones_with((Dyn(2),));
/// let e = Tensor::<f64, (Dyn,)>::ones_with((Dyn(0),));
/// assert!(try_convolve_same(&a, &e).is_err());
/// ```
pub fn try_convolve_same<T: FftScalar, A: Dim, B: Dim>(
    a: &impl AsView<T, (A,)>,
    v: &impl AsView<T, (B,)>,
) -> Result<Tensor<T, (MaxOf<A, B>,)>, ShapeError> {
    let out = run(a, v, Mode::Same, Method::Auto)?;
    let d = MaxOf::<A, B>::new(out.len());
    Tensor::from_vec((d,), out)
}

/// numpy's `convolve(a, v, mode)` with the mode and the method chosen at run time; the
/// output length is `Dyn`. [`Method::Direct`] and [`Method::Fft`] force one path (for
/// benchmarks and tests), [`Method::Auto`] is what the typed functions use.
///
/// # Errors
/// [`ShapeError`] when either signal is empty.
///
/// ```
/// use shaped::structured::{convolve, Method, Mode};
/// use shaped::{Vector, tensor};
/// let a: Vector<f64, 3> = tensor![1.0, 2.0, 3.0];
/// let v: Vector<f64, 3> = tensor![0.0, 1.0, 0.5];
/// let direct = convolve(&a, &v, Mode::Full, Method::Direct)?;
/// let fft = convolve(&a, &v, Mode::Full, Method::Fft)?;
/// assert_eq!(direct.as_slice(), &[0.0, 1.0, 2.5, 4.0, 1.5]);
/// for (d, f) in direct.iter().zip(fft.iter()) {
///     assert!((d - f).abs() < 1e-12);
/// }
/// # Ok::<(), shaped::ShapeError>(())
/// ```
pub fn convolve<T: FftScalar, A: Dim, B: Dim>(
    a: &impl AsView<T, (A,)>,
    v: &impl AsView<T, (B,)>,
    mode: Mode,
    method: Method,
) -> Result<Tensor<T, (Dyn,)>, ShapeError> {
    let out = run(a, v, mode, method)?;
    Tensor::from_vec((Dyn(out.len()),), out)
}
