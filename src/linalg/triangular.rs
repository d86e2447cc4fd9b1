//! triangular (linalg-a).
