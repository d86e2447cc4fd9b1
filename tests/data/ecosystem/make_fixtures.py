"""Writes the fixtures of tests/it/safetensors_io.rs and tests/it/npz_io.rs.

Made with numpy 2.4.6 and the Python safetensors package 0.8.0 (its numpy API), in a
virtual environment: `python3 -m venv venv && venv/bin/pip install numpy safetensors`, then
`venv/bin/python make_fixtures.py` from this folder. The tests themselves need no Python.

numpy has no bfloat16 dtype, so `bf16.safetensors` is written by `write_bf16` below, byte by
byte from the format's definition (an 8-byte little-endian header length, a JSON header, the
raw data); the package then reads it back as a check.
"""
import json
import struct

import numpy as np
from safetensors.numpy import load_file, save_file


def weights():
    tensors = {
        # f32 (2, 3): 0.5 * [[0, 1, 2], [3, 4, 5]]
        "w": (np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5),
        # f32 (3,)
        "b": np.array([1.0, -2.0, 0.25], dtype=np.float32),
        # f16 (2, 2): exactly representable values, including a subnormal and a negative zero
        "h": np.array([[1.5, -0.0], [65504.0, 2.0**-24]], dtype=np.float16),
        # f64 (2, 2)
        "d": np.array([[1.0 / 3.0, 2.0], [-1e300, 5e-324]], dtype=np.float64),
        # i64 (4,), i32 (2, 2), u8 (3,)
        "i64": np.array([-(2**62), -1, 0, 2**62], dtype=np.int64),
        "i32": np.array([[1, -2], [3, -4]], dtype=np.int32),
        "u8": np.array([0, 127, 255], dtype=np.uint8),
        # a rank-3 f32 (2, 3, 4)
        "t3": np.arange(24, dtype=np.float32).reshape(2, 3, 4),
        # an empty f32 (0, 3)
        "empty": np.zeros((0, 3), dtype=np.float32),
    }
    save_file(tensors, "weights.safetensors", metadata={"format": "np", "made_by": "make_fixtures.py"})
    back = load_file("weights.safetensors")
    for k, v in tensors.items():
        assert back[k].dtype == v.dtype and np.array_equal(back[k], v), k


def write_bf16():
    # bf16 is the upper half of an f32: these values are exact in bf16.
    values = np.array([[1.0, -2.5], [2.0**127, 2.0**-126]], dtype=np.float32)
    raw = (values.view(np.uint32) >> 16).astype("<u2").tobytes()
    header = {"x": {"dtype": "BF16", "shape": [2, 2], "data_offsets": [0, len(raw)]}}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open("bf16.safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(raw)
    from safetensors import safe_open  # the package accepts it

    with safe_open("bf16.safetensors", framework="np") as f:
        assert f.keys() == ["x"]


def npz():
    arrays = {
        "w": np.arange(6, dtype=np.float64).reshape(2, 3) / 4,
        "v": np.array([1.0, 2.0, 3.0, 4.0], dtype=np.float32),
        # Fortran order: the member's header says fortran_order True
        "f": np.asfortranarray(np.arange(6, dtype=np.float64).reshape(3, 2)),
        "i": np.array([1, 2, 3], dtype=np.int64),
    }
    np.savez("arrays.npz", np.array([7.0, 8.0]), **arrays)  # the positional one is arr_0
    np.savez_compressed("arrays_compressed.npz", np.array([7.0, 8.0]), **arrays)
    for name in ["arrays.npz", "arrays_compressed.npz"]:
        with np.load(name) as z:
            assert sorted(z.files) == ["arr_0", "f", "i", "v", "w"], z.files
            assert np.array_equal(z["f"], arrays["f"]) and z["f"].flags.f_contiguous


if __name__ == "__main__":
    weights()
    write_bf16()
    npz()
