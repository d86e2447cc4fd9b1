//! cholesky (linalg-a).
