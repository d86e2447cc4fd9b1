//! The factorisation kernels compiled once, in this library, for `f32` and `f64`.
//!
//! A generic function is compiled in the crate that instantiates it: were the SVD, eigh and
//! LU entry points called as `thin_svd_raw::<T>` from the typed layer, every user crate that
//! calls `svd()` would compile the whole SVD (bidiagonalisation, divide and conquer, QR
//! sweeps) again, on each release build of that crate (about 2 s of CPU for the SVD alone,
//! `benches/build_time/run.sh`). [`Kernels`] is a supertrait of [`Float`](crate::Float)
//! implemented for the two element types here, so that the typed layer calls
//! `T::thin_svd(...)`: a call into code this library already compiled. The same for eigh,
//! the general `eig`, LU and Cholesky. It lives in a private module, so it cannot be named or
//! implemented outside the crate (a sealed trait); its methods take sizes, strides and
//! slices, never shapes.

use crate::error::LinalgError;
use crate::linalg::eig::EigData;
use crate::linalg::kernels::lu::LuInfo;
use crate::linalg::svd::Thin;

/// The erased entry points of the heavy factorisations, one compiled instance per element
/// type (see the module documentation).
pub trait Kernels: Sized {
    /// [`thin_svd_raw`](crate::linalg::svd::thin_svd_raw).
    fn thin_svd(
        data: &[Self],
        dims: [usize; 2],
        strides: [usize; 2],
        op: &'static str,
        want_vectors: bool,
    ) -> Result<Thin<Self>, LinalgError>;

    /// [`eigh_raw`](crate::linalg::eigh::eigh_raw): values, row-major vectors, size.
    #[allow(clippy::type_complexity)]
    fn eigh(
        data: &[Self],
        dims: [usize; 2],
        strides: [usize; 2],
        want_vectors: bool,
    ) -> Result<(Vec<Self>, Vec<Self>, usize), LinalgError>;

    /// [`eig_raw`](crate::linalg::eig::eig_raw): complex values, row-major complex vectors,
    /// size.
    fn eig(
        data: &[Self],
        dims: [usize; 2],
        strides: [usize; 2],
        op: &'static str,
        want_vectors: bool,
    ) -> Result<EigData<Self>, LinalgError>;

    /// [`factor`](crate::linalg::cholesky::factor): the Cholesky factor of a row-major
    /// `n x n` matrix.
    fn cholesky_factor(data: Vec<Self>, n: usize) -> Result<Vec<Self>, LinalgError>;

    /// [`solve_raw`](crate::linalg::cholesky::solve_raw): solves with that factor for the
    /// `n x r` right-hand side `x`.
    fn cholesky_solve(
        l: &[Self],
        n: usize,
        x: Vec<Self>,
        r: usize,
    ) -> Result<Vec<Self>, LinalgError>;

    /// [`factor`](crate::linalg::lu::factor): the LU factors of a row-major `n x n` matrix.
    #[allow(clippy::type_complexity)]
    fn lu_factor(
        data: Vec<Self>,
        n: usize,
    ) -> Result<(Vec<Self>, Vec<usize>, LuInfo, i32), LinalgError>;

    /// [`solve_factored`](crate::linalg::lu::solve_factored): solves with the factors of
    /// [`lu_factor`](Kernels::lu_factor) for the `n x r` right-hand side `x`.
    fn lu_solve_factored(
        lu: &[Self],
        perm: &[usize],
        info: &LuInfo,
        scale: i32,
        x: Vec<Self>,
        r: usize,
    ) -> Result<Vec<Self>, LinalgError>;

    /// [`solve_raw`](crate::linalg::lu::solve_raw): factor and solve for `r` right-hand sides.
    fn lu_solve(a: Vec<Self>, n: usize, b: Vec<Self>, r: usize) -> Result<Vec<Self>, LinalgError>;
}

macro_rules! compiled_here {
    ($($t:ty),*) => {$(
        impl Kernels for $t {
            fn thin_svd(
                data: &[Self],
                dims: [usize; 2],
                strides: [usize; 2],
                op: &'static str,
                want_vectors: bool,
            ) -> Result<Thin<Self>, LinalgError> {
                crate::parallel::on_pool(dims[0].min(dims[1]), || {
                    crate::linalg::svd::thin_svd_raw(data, dims, strides, op, want_vectors)
                })
            }

            fn eigh(
                data: &[Self],
                dims: [usize; 2],
                strides: [usize; 2],
                want_vectors: bool,
            ) -> Result<(Vec<Self>, Vec<Self>, usize), LinalgError> {
                crate::parallel::on_pool(dims[0], || {
                    crate::linalg::eigh::eigh_raw(data, dims, strides, want_vectors)
                })
            }

            fn eig(
                data: &[Self],
                dims: [usize; 2],
                strides: [usize; 2],
                op: &'static str,
                want_vectors: bool,
            ) -> Result<EigData<Self>, LinalgError> {
                crate::parallel::on_pool(dims[0], || {
                    crate::linalg::eig::eig_raw(data, dims, strides, op, want_vectors)
                })
            }

            fn cholesky_factor(data: Vec<Self>, n: usize) -> Result<Vec<Self>, LinalgError> {
                crate::parallel::on_pool(n, || crate::linalg::cholesky::factor(data, n))
            }

            fn cholesky_solve(
                l: &[Self],
                n: usize,
                x: Vec<Self>,
                r: usize,
            ) -> Result<Vec<Self>, LinalgError> {
                crate::linalg::cholesky::solve_raw(l, n, x, r)
            }

            fn lu_factor(
                data: Vec<Self>,
                n: usize,
            ) -> Result<(Vec<Self>, Vec<usize>, LuInfo, i32), LinalgError> {
                crate::parallel::on_pool(n, || crate::linalg::lu::factor(data, n))
            }

            fn lu_solve_factored(
                lu: &[Self],
                perm: &[usize],
                info: &LuInfo,
                scale: i32,
                x: Vec<Self>,
                r: usize,
            ) -> Result<Vec<Self>, LinalgError> {
                crate::linalg::lu::solve_factored(lu, perm, info, scale, x, r)
            }

            fn lu_solve(
                a: Vec<Self>,
                n: usize,
                b: Vec<Self>,
                r: usize,
            ) -> Result<Vec<Self>, LinalgError> {
                crate::parallel::on_pool(n, || crate::linalg::lu::solve_raw(a, n, b, r))
            }
        }
    )*};
}

compiled_here!(f32, f64);
