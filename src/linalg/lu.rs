//! lu (linalg-a).
