#!/usr/bin/env bash
# Build-time benchmark: what a user pays at `cargo build` for each distinct static shape.
#
# For each operation (matmul, matvec, add with broadcasting, einsum!, solve, svd, pca::<K>)
# and N in {1, 10, 100} (override with NS="1 10"), it writes a user crate whose main.rs makes N
# calls of that operation on N distinct static shapes (all sizes <= 16), builds it in debug and
# in release with the dependencies already built (one shared target dir, warmed first), and
# prints the CPU seconds (user + sys of cargo and rustc) of that build over the baseline: the
# same crate with the same data construction and no products (each call's inputs, and in the
# measured crate its result, go through `std::hint::black_box`, so nothing is optimised away
# and both crates instantiate the same data code). The table gives milliseconds of
# CPU per call: (cpu(N) - cpu(baseline N)) / N.
#
# Usage, from the repository root:   bash benches/build_time/run.sh [OUT.md]
# It takes about 15 minutes of CPU on a 2-core machine. CPU seconds move less with the load
# of the machine than wall time, but a quiet machine still gives the steadiest figures.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out_md="${1:-/dev/stdout}"
NS="${NS:-1 10 100}"
OPS="${OPS:-matmul matvec add_broadcast einsum solve svd pca}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="$work/target"

mkdir -p "$work/user/src"
cat >"$work/user/Cargo.toml" <<EOF
[package]
name = "user"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
shaped = { path = "$repo", default-features = false }

[workspace]
EOF

# The i-th shape: distinct (a, b, c) triples with sizes 1..=16 (i < 256).
dims() { # i -> "a b c"
    local i=$1
    echo "$(( i % 16 + 1 )) $(( i / 16 % 16 + 1 )) $(( (5 * i + 3) % 16 + 1 ))"
}

# One call of operation $1 on shape $2 (a, b, c), or only its data when $3 = base.
call() {
    local op=$1 a=$2 b=$3 c=$4 mode=$5
    local m n
    case $op in
    matmul | einsum)
        echo "    let x = Matrix::<f64, $a, $b>::from_fn(|[i, j]| (i + 2 * j) as f64);"
        echo "    let y = Matrix::<f64, $b, $c>::from_fn(|[i, j]| (3 * i + j) as f64);"
        if [ "$mode" = base ]; then
            echo "    black_box((&x, &y));"
        elif [ "$op" = matmul ]; then
            echo "    black_box(x.matmul(&y));"
        else
            echo "    black_box(einsum!(\"ij,jk->ik\", x, y));"
        fi ;;
    matvec)
        echo "    let x = Matrix::<f64, $a, $b>::from_fn(|[i, j]| (i + 2 * j) as f64);"
        echo "    let v = Vector::<f64, $b>::from_fn(|[i]| i as f64);"
        [ "$mode" = base ] && echo "    black_box((&x, &v));" || echo "    black_box(x.matvec(&v));" ;;
    add_broadcast)
        echo "    let x = Matrix::<f64, $a, $b>::from_fn(|[i, j]| (i + 2 * j) as f64);"
        echo "    let v = Vector::<f64, $b>::from_fn(|[i]| i as f64);"
        [ "$mode" = base ] && echo "    black_box((&x, &v));" || echo "    black_box(&x + &v);" ;;
    solve)
        # (a, a) with an (a, b) right-hand side: (a, b) pairs are distinct for i < 256.
        echo "    let x = Matrix::<f64, $a, $a>::from_fn(|[i, j]| if i == j { 4.0 } else { 1.0 / (1 + i + j) as f64 });"
        echo "    let r = Matrix::<f64, $a, $b>::from_fn(|[i, j]| (i + j) as f64);"
        [ "$mode" = base ] && echo "    black_box((&x, &r));" || echo "    black_box(x.solve(&r));" ;;
    svd)
        echo "    let x = Matrix::<f64, $a, $b>::from_fn(|[i, j]| ((i * 7 + j * 3) % 5) as f64);"
        [ "$mode" = base ] && echo "    black_box(&x);" || echo "    black_box(x.svd());" ;;
    pca)
        # (m, d) data with K <= min(m, d): m = a + 1, d = b, K = 1 + c % min(m, d).
        m=$(( a + 1 )); n=$b
        local k=$(( c % (m < n ? m : n) + 1 ))
        echo "    let x = Matrix::<f64, $m, $n>::from_fn(|[i, j]| ((i * 7 + j * 3) % 5) as f64);"
        [ "$mode" = base ] && echo "    black_box(&x);" || echo "    black_box(x.pca::<$k>());" ;;
    esac
}

write_main() { # op n mode
    local op=$1 n=$2 mode=$3
    {
        echo "use shaped::prelude::*;"
        echo "use std::hint::black_box;"
        echo "#[allow(unused_variables, clippy::all)]"
        echo "fn main() {"
        for ((i = 0; i < n; i++)); do
            # shellcheck disable=SC2046
            call "$op" $(dims "$i") "$mode"
        done
        echo "}"
    } >"$work/user/src/main.rs"
}

cpu_of_build() { # profile -> CPU seconds of the user crate's build
    local flag=$1 t
    touch "$work/user/src/main.rs"
    t=$( { /usr/bin/time -f '%U %S' cargo build -q $flag --manifest-path "$work/user/Cargo.toml" 2>&1 >/dev/null; } | tail -1)
    awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.2f", a[1] + a[2] }'
}

# Warm the dependency cache (the library itself included) in both profiles.
write_main matmul 1 base
cargo build -q --manifest-path "$work/user/Cargo.toml"
cargo build -q --release --manifest-path "$work/user/Cargo.toml"

{
    echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| op | N | debug: ms per call | release: ms per call | debug: s (N calls / baseline) | release: s (N calls / baseline) |"
    echo "|---|---:|---:|---:|---:|---:|"
    for op in $OPS; do
        for n in $NS; do
            row=()
            for flag in "" "--release"; do
                write_main "$op" "$n" base
                b=$(cpu_of_build "$flag")
                write_main "$op" "$n" call
                c=$(cpu_of_build "$flag")
                row+=("$b" "$c")
            done
            awk -v op="$op" -v n="$n" -v db="${row[0]}" -v dc="${row[1]}" -v rb="${row[2]}" -v rc="${row[3]}" \
                'BEGIN { printf "| %s | %d | %.0f | %.0f | %.2f / %.2f | %.2f / %.2f |\n", op, n, 1000 * (dc - db) / n, 1000 * (rc - rb) / n, dc, db, rc, rb }'
        done
    done
} | tee "$out_md"
