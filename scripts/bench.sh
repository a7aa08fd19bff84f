#!/usr/bin/env bash
# Benchmarks geokg (extraction, ingest vs bulk load, query latency, peak RSS); see scripts/bench.py.
# usage: scripts/bench.sh [--sizes 1000,10000,100000] [--out bench.json] [--repeat 20]
# Builds the release binary into $CARGO_TARGET_DIR (default target/) unless NO_BUILD is set.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
[ -n "${NO_BUILD:-}" ] || cargo build --release
exec python3 scripts/bench.py --bin "$target/release/geokg" "$@"
