#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shaped_fuzz::npy(data));
