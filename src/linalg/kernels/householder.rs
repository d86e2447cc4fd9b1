//! Householder reflectors: building one from a vector and applying it from either side.
