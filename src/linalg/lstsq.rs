//! Least squares, pseudo-inverse, rank and condition number.
