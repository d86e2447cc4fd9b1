//! Matrix norms built on the singular values and on row and column sums.
