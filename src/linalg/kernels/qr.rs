//! Householder QR, `A = Q R`, on a column-major working copy (columns contiguous).

use crate::gemm::{MatMut, MatRef, gemm};
use crate::linalg::kernels::copy_map;
use crate::linalg::kernels::householder::{apply_left, apply_wy, apply_wy_skip, house, wy_factor};
use crate::scalar::Float;

/// Up to this many columns (`min(m, n)`, or the columns of Q), [`qr`] and [`form_thin_q`]
/// work one reflector at a time; above, by panels of [`panel_width`] columns.
pub const QR_UNBLOCKED: usize = 16;

/// The panel width of the compact-WY QR for `k = min(m, n)` columns: narrow panels while the
/// level-2 work of each panel (its own factorisation and its `T`) weighs most, wider ones
/// where the GEMMs need the rank. Measured on the kernels (min of 40 batches of calls), square
/// f64, QR and thin Q: n = 64: 8 wide 74 µs, 16 wide 78 µs, unblocked 99 µs; n = 256: 16
/// wide 3.60 ms, 32 wide 3.82 ms, 64 wide 5.48 ms; n = 1024: 16 wide 249 ms, 32 and 64 wide
/// 213 ms. With the recursive panel (`qr_panel`, criterion `block_size`, loaded machine):
/// n = 256: 16 wide 2.22 ms, 32 wide 2.32 ms; n = 1024: 32 wide 107.4 ms, 64 wide 107.7 ms.
pub fn panel_width(k: usize) -> usize {
    if k <= 384 { 16 } else { 32 }
}

/// [`qr_unblocked`] up to [`QR_UNBLOCKED`] columns, [`qr_blocked`] with [`panel_width`]
/// above.
pub fn qr<T: Float>(a: &mut [T], m: usize, n: usize, lda: usize, tau: &mut [T]) {
    let kk = m.min(n);
    if kk <= QR_UNBLOCKED {
        qr_unblocked(a, m, n, lda, tau)
    } else {
        qr_blocked(a, m, n, lda, tau, panel_width(kk))
    }
}

/// [`form_q`] up to [`QR_UNBLOCKED`] columns, [`form_q_blocked`] with [`panel_width`] above
/// (row-major when `row_major`, else column-major).
pub fn form_thin_q<T: Float>(
    a: &[T],
    m: usize,
    lda: usize,
    tau: &[T],
    kq: usize,
    row_major: bool,
) -> Vec<T> {
    if kq <= QR_UNBLOCKED {
        form_q(a, m, lda, tau, kq, row_major)
    } else {
        form_q_blocked(a, m, lda, tau, kq, panel_width(kq), row_major)
    }
}

/// The explicit reflectors `V` ((m - k) x b, column-major, unit diagonal, zeros above) of the
/// panel at `(k, k)` of `a` (element `(i, j)` at `a[i * rs + j * cs]`), and the
/// upper-triangular `T` (b x b, column-major) of the compact WY form
/// `H_k ... H_{k+b-1} = I - V T V^T`, by [`wy_factor`].
#[allow(clippy::too_many_arguments)]
fn wy<T: Float>(
    a: &[T],
    m: usize,
    rs: usize,
    cs: usize,
    tau: &[T],
    k: usize,
    b: usize,
) -> (Vec<T>, Vec<T>) {
    let v = wy_v(a, m, rs, cs, k, b);
    let t = t_factor(&v, m - k, b, &tau[k..k + b]);
    (v, t)
}

/// The explicit reflectors `V` of [`wy`] alone.
fn wy_v<T: Float>(a: &[T], m: usize, rs: usize, cs: usize, k: usize, b: usize) -> Vec<T> {
    let mut v = vec![T::ZERO; (m - k) * b];
    wy_v_into(a, m, rs, cs, k, b, &mut v);
    v
}

/// [`wy_v`] into `v` (`(m - k) * b` elements, every one written).
fn wy_v_into<T: Float>(a: &[T], m: usize, rs: usize, cs: usize, k: usize, b: usize, v: &mut [T]) {
    let mv = m - k;
    if rs == 1 {
        for j in 0..b {
            v[j * mv + j + 1..j * mv + mv]
                .copy_from_slice(&a[(k + j) * cs + k + j + 1..(k + j) * cs + m]);
        }
    } else {
        copy_map(mv, b, &a[k * rs + k * cs..], rs, cs, v, 1, mv, |x| x);
    }
    for j in 0..b {
        v[j * mv..j * mv + j].fill(T::ZERO);
        v[j * mv + j] = T::ONE;
    }
}

/// The `T` (b x b, column-major) of [`wy_factor`] for the reflectors `v` (`mv x b`,
/// column-major, unit diagonal, zeros above).
fn t_factor<T: Float>(v: &[T], mv: usize, b: usize, tau: &[T]) -> Vec<T> {
    let mut t = vec![T::ZERO; b * b];
    let mut g = vec![T::ZERO; b * b];
    wy_factor(v, mv, b, mv, tau, &mut t, b, &mut g);
    t
}

/// Up to this many columns, `qr_panel` factors its panel one reflector at a time.
const PANEL_BASE: usize = 8;

/// Factors the tall panel `a` (`m x n`, `m >= n`, as [`qr_unblocked`]) recursively: the left
/// half of its columns first, whose reflectors then reach the right half as one compact-WY
/// block through GEMM (`apply_wy`), then the right half below the left's rows. Up to
/// [`PANEL_BASE`] columns, [`qr_unblocked`].
fn qr_panel<T: Float>(
    a: &mut [T],
    m: usize,
    n: usize,
    lda: usize,
    tau: &mut [T],
    w: &mut Vec<T>,
    w2: &mut Vec<T>,
) {
    if n <= PANEL_BASE {
        return qr_unblocked(a, m, n, lda, tau);
    }
    let n1 = n / 2;
    qr_panel(a, m, n1, lda, &mut tau[..n1], w, w2);
    let (v, t) = wy(a, m, 1, lda, tau, 0, n1);
    apply_wy(
        &v,
        m,
        n1,
        m,
        &t,
        n1,
        true,
        &mut a[n1 * lda..],
        n - n1,
        1,
        lda,
        w,
        w2,
    );
    qr_panel(
        &mut a[n1 * lda + n1..],
        m - n1,
        n - n1,
        lda,
        &mut tau[n1..],
        w,
        w2,
    );
}

/// Compact-WY Householder QR, same contract as [`qr_unblocked`]: each panel of `nb` columns is
/// factored by `qr_panel`, and its reflectors reach the trailing columns as
/// `I - V T^T V^T` through GEMMs (`apply_wy`).
pub fn qr_blocked<T: Float>(a: &mut [T], m: usize, n: usize, lda: usize, tau: &mut [T], nb: usize) {
    let kmax = m.min(n);
    let nb = nb.max(1);
    let (mut w, mut w2) = (Vec::new(), Vec::new());
    let mut k = 0;
    while k < kmax {
        let b = nb.min(kmax - k);
        qr_panel(
            &mut a[k * lda + k..],
            m - k,
            b,
            lda,
            &mut tau[k..k + b],
            &mut w,
            &mut w2,
        );
        if k + b < n {
            let (v, t) = wy(a, m, 1, lda, tau, k, b);
            apply_wy(
                &v,
                m - k,
                b,
                m - k,
                &t,
                b,
                true,
                &mut a[(k + b) * lda + k..],
                n - k - b,
                1,
                lda,
                &mut w,
                &mut w2,
            );
        }
        k += b;
    }
}

/// The thin `Q` of [`form_q`] (row-major when `row_major`), built block by block from the
/// last panel to the first, each block applied as `I - V T V^T` through GEMMs (`apply_wy`).
pub fn form_q_blocked<T: Float>(
    a: &[T],
    m: usize,
    lda: usize,
    tau: &[T],
    kq: usize,
    nb: usize,
    row_major: bool,
) -> Vec<T> {
    form_q_blocked_strided(a, m, 1, lda, tau, kq, nb, row_major)
}

/// [`form_q_blocked`] from the reflectors of [`qr_blocked_strided`] (element `(i, j)` of the
/// factored matrix at `a[i * rs + j * cs]`).
#[allow(clippy::too_many_arguments)]
pub fn form_q_blocked_strided<T: Float>(
    a: &[T],
    m: usize,
    a_rs: usize,
    a_cs: usize,
    tau: &[T],
    kq: usize,
    nb: usize,
    row_major: bool,
) -> Vec<T> {
    form_q_blocked_wy(a, m, a_rs, a_cs, tau, kq, nb, row_major, None)
}

/// The compact-WY form of every panel of a blocked QR, stored by [`qr_blocked_wy`] for
/// [`form_q_blocked_wy`]: the panel at column `k`, `b` wide, has its `T` (`b x b`,
/// column-major, `H_k .. H_{k+b-1} = I - V T V^T`) in `t` and, when `v` is kept, its `V`
/// (`(m - k) x b`, column-major, unit diagonal, zeros above) in `v`, each concatenated in
/// panel order.
#[derive(Clone, Debug, Default)]
pub struct WyBlocks<T> {
    /// The `T` factors.
    pub t: Vec<T>,
    /// The reflectors, when kept (`Some` asks [`qr_blocked_wy`] to keep them).
    pub v: Option<Vec<T>>,
    /// `apply_wy`'s W and W2, passed from the factorisation to forming Q so that they are
    /// allocated once (their size at the first panel serves every later one).
    pub(crate) scratch: [Vec<T>; 2],
}

/// [`form_q_blocked_strided`], with every panel's `T` factor (and its `V` when kept, `a` then
/// unread) taken from `blocks` when given (as [`qr_blocked_wy`] stores them, for the same
/// `nb` and `kq = min(m, n)`) instead of computed again from the reflectors in `a`.
///
/// # Panics
/// When `blocks` does not hold one `T` (and `V`) of the right size for every panel.
#[allow(clippy::too_many_arguments)]
pub fn form_q_blocked_wy<T: Float>(
    a: &[T],
    m: usize,
    a_rs: usize,
    a_cs: usize,
    tau: &[T],
    kq: usize,
    nb: usize,
    row_major: bool,
    mut blocks: Option<&mut WyBlocks<T>>,
) -> Vec<T> {
    let [mut w, mut w2] = blocks
        .as_deref_mut()
        .map_or_else(Default::default, |bl| std::mem::take(&mut bl.scratch));
    let blocks = blocks.as_deref();
    let (rs, cs) = if row_major { (kq, 1) } else { (1, m) };
    let mut q = vec![T::ZERO; m * kq];
    for j in 0..kq {
        q[j * rs + j * cs] = T::ONE;
    }
    let nb = nb.max(1);
    let mut starts: Vec<usize> = (0..kq).step_by(nb).collect();
    // Where each panel's T and V start in `blocks`.
    let (mut toff, mut voff) = (Vec::new(), Vec::new());
    let (mut tt, mut vv) = (0, 0);
    for &k in &starts {
        let b = nb.min(kq - k);
        toff.push(tt);
        voff.push(vv);
        tt += b * b;
        vv += (m - k) * b;
    }
    if let Some(bl) = blocks {
        assert_eq!(bl.t.len(), tt, "form_q_blocked_wy: T factors");
        if let Some(v) = &bl.v {
            assert_eq!(v.len(), vv, "form_q_blocked_wy: reflectors");
        }
    }
    starts.reverse();
    // The `b x b` product of `apply_wy_to_identity`.
    let mut z = vec![T::ZERO; nb.min(kq) * nb.min(kq)];
    // V of each panel when not stored: one buffer for the largest (the first panel's,
    // reached last), every element rewritten by `wy_v_into`.
    let mut vbuf = if blocks.is_some_and(|bl| bl.v.is_none()) {
        vec![T::ZERO; m * nb.min(kq)]
    } else {
        Vec::new()
    };
    for k in starts {
        let b = nb.min(kq - k);
        let i = k / nb;
        let (v, t): (&[T], Vec<T>) = match blocks {
            Some(bl) => {
                let t = bl.t[toff[i]..toff[i] + b * b].to_vec();
                match &bl.v {
                    Some(vs) => (&vs[voff[i]..voff[i] + (m - k) * b], t),
                    None => {
                        let v = &mut vbuf[..(m - k) * b];
                        wy_v_into(a, m, a_rs, a_cs, k, b, v);
                        (v, t)
                    }
                }
            }
            None => {
                let (v, t) = wy(a, m, a_rs, a_cs, tau, k, b);
                vbuf = v;
                (&vbuf, t)
            }
        };
        // Q[k.., k..] is still [I_b 0; 0 Q22] here (the blocks after this one reach rows and
        // columns from k + b on only): its first b columns are made directly, and the others,
        // whose top b rows are zero, skip those rows in W = Y^T C.
        let len = m - k;
        apply_wy_to_identity(v, len, b, &t, &mut q[k * rs + k * cs..], rs, cs, &mut z);
        if kq > k + b {
            apply_wy_skip(
                v,
                len,
                b,
                len,
                &t,
                b,
                false,
                &mut q[k * rs + (k + b) * cs..],
                kq - k - b,
                rs,
                cs,
                &mut w,
                &mut w2,
                b,
            );
        }
    }
    q
}

/// `C := (I - Y T Y^T) C` for the `len x b` block `C = [I_b; 0]` (element `(i, j)` at
/// `c[i * rs + j * cs]`), with `Y` (`len x b`, column-major, unit diagonal, zeros above) and
/// `T` (`b x b`, column-major) of a compact-WY block: `Y^T C` is the top `b x b` of `Y`
/// transposed, so `C = [I_b; 0] - Y (T Y_1^T)` without a product over `len`; `z` (at least
/// `b * b` elements) is scratch.
#[allow(clippy::too_many_arguments)]
fn apply_wy_to_identity<T: Float>(
    y: &[T],
    len: usize,
    b: usize,
    t: &[T],
    c: &mut [T],
    rs: usize,
    cs: usize,
    z: &mut [T],
) {
    if len == 0 || b == 0 {
        return;
    }
    let z = &mut z[..b * b];
    // Y_1^T: element (p, j) is Y[j, p], at y[j + p * len].
    gemm(
        T::ONE,
        MatRef::new(t, b, b, 1, b),
        MatRef::new(y, b, b, len, 1),
        T::ZERO,
        MatMut::new(z, b, b, 1, b),
    );
    gemm(
        -T::ONE,
        MatRef::new(y, len, b, 1, len),
        MatRef::new(z, b, b, 1, b),
        T::ONE,
        MatMut::new(c, len, b, rs, cs),
    );
}

/// [`qr_blocked`] on a matrix of any layout, element `(i, j)` at `a[i * rs + j * cs]` (a
/// row-major one in `crate::linalg::qr`, which then needs no change of layout): each panel
/// is copied to a column-major scratch, factored there by `qr_panel` and copied back, and
/// its reflectors reach the trailing columns in place through GEMMs (`apply_wy`).
#[allow(clippy::too_many_arguments)]
pub fn qr_blocked_strided<T: Float>(
    a: &mut [T],
    m: usize,
    n: usize,
    rs: usize,
    cs: usize,
    tau: &mut [T],
    nb: usize,
) {
    qr_blocked_wy(a, m, n, rs, cs, tau, nb, None);
}

/// [`qr_blocked_strided`], also storing in `blocks` (when given; cleared first) the compact-WY
/// form of every panel, for [`form_q_blocked_wy`]. When `blocks.v` is `Some`, the reflectors
/// go there instead of back into `a`: below the first `b` rows of each panel (`b` its
/// width), the part of `a` under the diagonal is then left unspecified (R, the upper
/// triangle, is whole).
#[allow(clippy::too_many_arguments)]
pub fn qr_blocked_wy<T: Float>(
    a: &mut [T],
    m: usize,
    n: usize,
    rs: usize,
    cs: usize,
    tau: &mut [T],
    nb: usize,
    mut blocks: Option<&mut WyBlocks<T>>,
) {
    let kmax = m.min(n);
    let nb = nb.max(1);
    if let Some(bl) = blocks.as_deref_mut() {
        bl.t.clear();
        if let Some(v) = &mut bl.v {
            v.clear();
        }
    }
    // With V kept, each panel is factored straight in its place in `vs` (sized once, zeroed
    // by the allocator: the panels' V are `(m - k) x b` each); else in the scratch `p`.
    let mut vs = blocks.as_deref_mut().and_then(|bl| bl.v.take());
    let keep_v = vs.is_some();
    let [mut w, mut w2] = blocks
        .as_deref_mut()
        .map_or_else(Default::default, |bl| std::mem::take(&mut bl.scratch));
    if let Some(vs) = &mut vs {
        let vv: usize = (0..kmax)
            .step_by(nb)
            .map(|k| (m - k) * nb.min(kmax - k))
            .sum();
        *vs = vec![T::ZERO; vv];
    }
    let mut p = Vec::new();
    let mut voff = 0;
    let mut k = 0;
    while k < kmax {
        let b = nb.min(kmax - k);
        let len = m - k;
        let off = k * rs + k * cs;
        let p = match &mut vs {
            Some(vs) => {
                voff += len * b;
                &mut vs[voff - len * b..voff]
            }
            None => {
                // The scratch only grows: `copy_map` writes every element of the panel.
                if p.len() < len * b {
                    p.resize(len * b, T::ZERO);
                }
                &mut p[..len * b]
            }
        };
        copy_map(len, b, &a[off..], rs, cs, p, 1, len, |x| x);
        qr_panel(p, len, b, len, &mut tau[k..k + b], &mut w, &mut w2);
        // With the reflectors kept apart, only the rows holding R go back.
        let back = if keep_v { b } else { len };
        copy_map(back, b, p, 1, len, &mut a[off..], rs, cs, |x| x);
        if k + b < n || blocks.is_some() {
            // The panel's own storage becomes V: unit diagonal, zeros above.
            for j in 0..b {
                p[j * len..j * len + j].fill(T::ZERO);
                p[j * len + j] = T::ONE;
            }
            let t = t_factor(p, len, b, &tau[k..k + b]);
            if let Some(bl) = blocks.as_deref_mut() {
                bl.t.extend_from_slice(&t);
            }
            if k + b == n {
                break;
            }
            apply_wy(
                p,
                len,
                b,
                len,
                &t,
                b,
                true,
                &mut a[off + b * cs..],
                n - k - b,
                rs,
                cs,
                &mut w,
                &mut w2,
            );
        }
        k += b;
    }
    if let Some(bl) = blocks {
        bl.v = vs;
        bl.scratch = [w, w2];
    }
}

/// Factors the `m x n` column-major matrix `a` (column `j` at `a[j * lda..]`, `lda >= m`) in
/// place: on return the upper triangle holds `R` (its diagonal the `beta`s) and the part below
/// the diagonal of column `k` holds the tail of reflector `k` (`v[0] = 1` not stored).
/// `tau` receives `min(m, n)` reflector coefficients.
pub fn qr_unblocked<T: Float>(a: &mut [T], m: usize, n: usize, lda: usize, tau: &mut [T]) {
    let kmax = m.min(n);
    let mut v = vec![T::ZERO; m];
    for k in 0..kmax {
        let len = m - k;
        v[..len].copy_from_slice(&a[k * lda + k..k * lda + m]);
        let (t, beta) = house(&mut v[..len]);
        tau[k] = t;
        // Apply H_k to the trailing columns, rows k..m.
        if k + 1 < n {
            let rest = &mut a[(k + 1) * lda + k..];
            apply_left(&v[..len], t, rest, len, n - k - 1, 1, lda);
        }
        a[k * lda + k] = beta;
        a[k * lda + k + 1..k * lda + m].copy_from_slice(&v[1..len]);
    }
}

/// Forms the thin `Q` (`m x kq`, `kq <= min(m, n)`; column-major with leading dimension `m`,
/// or row-major when `row_major`) from the reflectors stored by [`qr_unblocked`].
pub fn form_q<T: Float>(
    a: &[T],
    m: usize,
    lda: usize,
    tau: &[T],
    kq: usize,
    row_major: bool,
) -> Vec<T> {
    let (rs, cs) = if row_major { (kq, 1) } else { (1, m) };
    let mut q = vec![T::ZERO; m * kq];
    for j in 0..kq {
        q[j * rs + j * cs] = T::ONE;
    }
    let mut v = vec![T::ZERO; m];
    for k in (0..kq).rev() {
        let len = m - k;
        v[0] = T::ONE;
        v[1..len].copy_from_slice(&a[k * lda + k + 1..k * lda + m]);
        // H_k touches rows k..m; columns before k of Q are still e_j there (zero), so only
        // columns k..kq change.
        apply_left(
            &v[..len],
            tau[k],
            &mut q[k * rs + k * cs..],
            len,
            kq - k,
            rs,
            cs,
        );
    }
    q
}

/// Householder QR with column pivoting on the `m x n` column-major matrix `a` (as
/// [`qr_unblocked`]), `A P = Q R`: at each step the remaining column of largest norm moves to
/// the front. `perm[j]` is the original column now at position `j`. Returns the numerical rank:
/// the number of diagonal entries of `R` above `max(m, n) * eps * |R[0, 0]|`.
pub fn qr_pivoted<T: Float>(
    a: &mut [T],
    m: usize,
    n: usize,
    lda: usize,
    tau: &mut [T],
    perm: &mut [usize],
) -> usize {
    use crate::linalg::kernels::householder::norm2;
    let kmax = m.min(n);
    for (j, p) in perm.iter_mut().enumerate() {
        *p = j;
    }
    let mut v = vec![T::ZERO; m];
    for k in 0..kmax {
        // Norms of the remaining parts of the columns, recomputed (robust, O(m n) per step).
        let mut best = k;
        let mut best_norm = -T::ONE;
        for j in k..n {
            let nj = norm2(&a[j * lda + k..j * lda + m]);
            if nj > best_norm {
                best_norm = nj;
                best = j;
            }
        }
        if best != k {
            let (left, right) = a.split_at_mut(best * lda);
            left[k * lda..k * lda + m].swap_with_slice(&mut right[..m]);
            perm.swap(k, best);
        }
        let len = m - k;
        v[..len].copy_from_slice(&a[k * lda + k..k * lda + m]);
        let (t, beta) = house(&mut v[..len]);
        tau[k] = t;
        if k + 1 < n {
            apply_left(
                &v[..len],
                t,
                &mut a[(k + 1) * lda + k..],
                len,
                n - k - 1,
                1,
                lda,
            );
        }
        a[k * lda + k] = beta;
        a[k * lda + k + 1..k * lda + m].copy_from_slice(&v[1..len]);
    }
    if kmax == 0 {
        return 0;
    }
    let r00 = a[0].abs();
    let tol = T::of(m.max(n) as f64) * T::epsilon() * r00;
    (0..kmax)
        .take_while(|&k| a[k * lda + k].abs() > tol)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_matches_unblocked_with_every_block_size() {
        for (m, n) in [(1, 1), (7, 5), (5, 7), (40, 17), (17, 40), (33, 33)] {
            let a0: Vec<f64> = (0..m * n)
                .map(|k| ((k * k * 7919 + 13 * k) % 10007) as f64 / 10007.0 - 0.5)
                .collect();
            let kk = m.min(n);
            let mut a1 = a0.clone();
            let mut t1 = vec![0.0; kk];
            qr_unblocked(&mut a1, m, n, m, &mut t1);
            let q1 = form_q(&a1, m, m, &t1, kk, false);
            for nb in [1, 3, 8, 16, 64] {
                let mut a2 = a0.clone();
                let mut t2 = vec![0.0; kk];
                qr_blocked(&mut a2, m, n, m, &mut t2, nb);
                let q2 = form_q_blocked(&a2, m, m, &t2, kk, nb, false);
                let d = |x: &[f64], y: &[f64]| {
                    x.iter().zip(y).fold(0f64, |s, (a, b)| s.max((a - b).abs()))
                };
                assert!(d(&a1, &a2) < 1e-12, "{m}x{n}, nb = {nb}: factors differ");
                assert!(d(&t1, &t2) < 1e-12, "{m}x{n}, nb = {nb}: tau differ");
                assert!(d(&q1, &q2) < 1e-12, "{m}x{n}, nb = {nb}: Q differ");
            }
        }
    }

    #[test]
    fn stored_wy_blocks_give_the_same_r_and_q() {
        // Empty, single, odd remainders of the panel width, square, tall and wide; T alone
        // and T with V.
        for (m, n) in [
            (0, 0),
            (0, 3),
            (3, 0),
            (1, 1),
            (5, 3),
            (3, 5),
            (33, 33),
            (70, 41),
            (41, 70),
        ] {
            let a0 = crate::linalg::kernels::test_data(m * n, (m * 13 + n) as u64);
            let kk = m.min(n);
            for nb in [1, 3, 8, 16, 32, 64] {
                let mut a1 = a0.clone();
                let mut t1 = vec![0.0; kk];
                qr_blocked_strided(&mut a1, m, n, n, 1, &mut t1, nb);
                for keep_v in [false, true] {
                    let mut a2 = a0.clone();
                    let mut t2 = vec![0.0; kk];
                    // Stale contents are cleared.
                    let mut bl = WyBlocks {
                        t: vec![7.0],
                        v: keep_v.then(|| vec![7.0]),
                        ..Default::default()
                    };
                    qr_blocked_wy(&mut a2, m, n, n, 1, &mut t2, nb, Some(&mut bl));
                    assert_eq!(t1, t2, "{m}x{n}, nb = {nb}: tau");
                    for i in 0..kk {
                        // R whole; below the diagonal, V only when not kept apart.
                        let from = if keep_v { i } else { 0 };
                        assert_eq!(a1[i * n + from..i * n + n], a2[i * n + from..i * n + n]);
                    }
                    if !keep_v {
                        assert_eq!(a1, a2, "{m}x{n}, nb = {nb}: factors");
                    }
                    for row_major in [false, true] {
                        let q1 = form_q_blocked_strided(&a1, m, n, 1, &t1, kk, nb, row_major);
                        let q2 =
                            form_q_blocked_wy(&a2, m, n, 1, &t2, kk, nb, row_major, Some(&mut bl));
                        assert_eq!(q1, q2, "{m}x{n}, nb = {nb}, keep_v {keep_v}: Q");
                    }
                }
            }
        }
    }

    #[test]
    #[should_panic(expected = "form_q_blocked_wy: T factors")]
    fn wy_blocks_of_another_panel_width_are_refused() {
        let (m, n) = (20, 20);
        let mut a = crate::linalg::kernels::test_data(m * n, 1);
        let mut tau = vec![0.0; n];
        let mut bl = WyBlocks::default();
        qr_blocked_wy(&mut a, m, n, n, 1, &mut tau, 8, Some(&mut bl));
        form_q_blocked_wy(&a, m, n, 1, &tau, n, 16, true, Some(&mut bl));
    }

    #[test]
    fn row_major_blocked_matches_column_major_unblocked() {
        // Sizes around the panel widths (16, 32), the unblocked limit and odd remainders;
        // square, tall and wide.
        for (m, n) in [
            (1, 1),
            (1, 5),
            (5, 1),
            (2, 3),
            (17, 17),
            (33, 17),
            (17, 33),
            (40, 47),
            (65, 64),
            (64, 65),
            (100, 37),
            (37, 100),
        ] {
            let a0 = crate::linalg::kernels::test_data(m * n, (m * 31 + n) as u64);
            let kk = m.min(n);
            // a0 is the column-major matrix; its row-major copy is `ar`.
            let mut ar = vec![0.0; m * n];
            copy_map(m, n, &a0, 1, m, &mut ar, n, 1, |x| x);
            let mut a1 = a0.clone();
            let mut t1 = vec![0.0; kk];
            qr_unblocked(&mut a1, m, n, m, &mut t1);
            let q1 = form_q(&a1, m, m, &t1, kk, true);
            let mut a1r = vec![0.0; m * n];
            copy_map(m, n, &a1, 1, m, &mut a1r, n, 1, |x| x);
            for nb in [1, 3, 8, 16, 32] {
                let mut a2 = ar.clone();
                let mut t2 = vec![0.0; kk];
                qr_blocked_strided(&mut a2, m, n, n, 1, &mut t2, nb);
                let d = |x: &[f64], y: &[f64]| {
                    x.iter().zip(y).fold(0f64, |s, (a, b)| s.max((a - b).abs()))
                };
                assert!(d(&a1r, &a2) < 1e-12, "{m}x{n}, nb = {nb}: factors differ");
                assert!(d(&t1, &t2) < 1e-12, "{m}x{n}, nb = {nb}: tau differ");
                for row_major in [false, true] {
                    let q2 = form_q_blocked_strided(&a2, m, n, 1, &t2, kk, nb, row_major);
                    let q1 = if row_major {
                        q1.clone()
                    } else {
                        let mut c = vec![0.0; m * kk];
                        copy_map(m, kk, &q1, kk, 1, &mut c, 1, m, |x| x);
                        c
                    };
                    assert!(d(&q1, &q2) < 1e-12, "{m}x{n}, nb = {nb}: Q differ");
                }
            }
        }
    }
}
