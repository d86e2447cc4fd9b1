//! Putting computed values in order, with the columns of their vectors (the SVD's descending
//! singular values, `eigh`'s ascending eigenvalues).

/// Swaps columns `i` and `j` of a column-major matrix with `rows` rows.
pub(crate) fn swap_cols<T>(q: &mut [T], rows: usize, i: usize, j: usize) {
    if i == j {
        return;
    }
    let (lo, hi) = if i < j { (i, j) } else { (j, i) };
    let (a, b) = q.split_at_mut(hi * rows);
    a[lo * rows..lo * rows + rows].swap_with_slice(&mut b[..rows]);
}

/// Sorts `d` (descending when `descending`, ascending otherwise; a selection sort, so that few
/// exchanges are made) and calls `swap(i, j)` after each exchange of `d[i]` and `d[j]`, for
/// the caller to move the matching vectors.
pub(crate) fn sort_with<T: PartialOrd + Copy>(
    d: &mut [T],
    descending: bool,
    mut swap: impl FnMut(usize, usize),
) {
    for i in 0..d.len() {
        let mut best = i;
        for j in i + 1..d.len() {
            if (descending && d[j] > d[best]) || (!descending && d[j] < d[best]) {
                best = j;
            }
        }
        if best != i {
            d.swap(i, best);
            swap(i, best);
        }
    }
}
