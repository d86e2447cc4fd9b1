//! qr (linalg-a).
