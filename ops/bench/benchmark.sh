#!/usr/bin/env bash
# LLM402's benchmark in one command: builds the jar, starts the shared mock upstream, starts LLM402 with a bootstrap
# file (one user, one key, one channel; billing, events and projections on) and measures it against the direct
# upstream in the same run, scenario by scenario, on SQLite and/or PostgreSQL, and against Portkey when asked.
# Everything binds to 127.0.0.1 and stops by itself; processes are stopped by their PIDs.
#
#   ops/bench/benchmark.sh [--db sqlite|postgres|both] [--with-portkey] [--no-build]
#                          [--scenarios "json-c64 json-c8 json-rate500 stream-c8"] [--duration 20] [--repeat 2]
#                          [--warm-up 120] [--harness ../shared/bench] [--out DIR]
#
# The harness (mock upstream, wrk/h2load scripts, CPU pinning, the Portkey peer) is the shared one in
# ../shared/bench; its setup.sh installs wrk, nginx and h2load from Debian when they are missing.
# --warm-up runs load for that many seconds before measuring: the JVM's JIT needs minutes to reach steady state.
# Output: DIR/summary.md (every scenario's table, direct vs gateway) plus the harness's raw runs per scenario.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HARNESS="$ROOT/../shared/bench"
DBS="sqlite" PORTKEY=0 BUILD=1 DURATION=20 REPEAT=2 WARM_UP=120
SCENARIOS="json-c64 json-c8 json-rate500 stream-c8"
OUT="/tmp/llm402-bench/benchmark-$(date +%Y%m%d-%H%M%S)"
while [[ $# -gt 0 ]]; do
  case "$1" in
  --db) DBS="$2"; [[ "$DBS" == both ]] && DBS="sqlite postgres"; shift 2 ;;
  --with-portkey) PORTKEY=1; shift ;;
  --no-build) BUILD=0; shift ;;
  --scenarios) SCENARIOS="$2"; shift 2 ;;
  --duration) DURATION="$2"; shift 2 ;;
  --repeat) REPEAT="$2"; shift 2 ;;
  --warm-up) WARM_UP="$2"; shift 2 ;;
  --harness) HARNESS="$(cd "$2" && pwd)"; shift 2 ;;
  --out) OUT="$2"; shift 2 ;;
  *) echo "benchmark: unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ -d "$HARNESS" ]] || { echo "benchmark: no harness at $HARNESS (use --harness)" >&2; exit 1; }
mkdir -p "$OUT"

if [[ $BUILD == 1 ]]; then
  echo "== building ops/target/llm402.jar" >&2
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -pl ops -am package)
fi
if ! command -v wrk >/dev/null || ! command -v h2load >/dev/null || ! command -v nginx >/dev/null; then
  echo "== installing the harness tools (wrk, h2load, nginx) with $HARNESS/setup.sh" >&2
  "$HARNESS/setup.sh" >&2
fi

GATEWAY_STOP=""
cleanup() {
  [[ -n "$GATEWAY_STOP" ]] && "$GATEWAY_STOP" >/dev/null 2>&1 || true
  "$HARNESS/mock/stop-mock.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT
"$HARNESS/mock/start-mock.sh" >&2

# One gateway: a warm-up run (discarded), then the scenarios of suite.sh.
measure() {
  local label="$1" envf="$2"
  if [[ "$WARM_UP" -gt 0 ]]; then
    echo "== $label: warming up for ${WARM_UP} s" >&2
    "$HARNESS/run-compare.sh" --gateway-env "$envf" --label "$label-warm-up" --mode json --conns 8 \
      --duration "$WARM_UP" --repeat 1 --warmup 0 --out "$OUT/$label-warm-up" >/dev/null 2>"$OUT/$label-warm-up.log" || true
  fi
  echo "== $label: $SCENARIOS" >&2
  "$HARNESS/suite.sh" --gateway-env "$envf" --label "$label" --scenarios "$SCENARIOS" --duration "$DURATION" \
    --repeat "$REPEAT" --warmup 5 --out "$OUT/$label" >/dev/null
}

for db in $DBS; do
  dsn=""
  if [[ "$db" == postgres ]]; then
    # A fresh schema each run in the local PostgreSQL (127.0.0.1:5432, database test).
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS llm402_bench CASCADE; CREATE SCHEMA llm402_bench" >&2
    dsn="jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=llm402_bench"
  fi
  envf="$(LLM402_CHECKOUT="$ROOT" SQL_DSN="$dsn" "$HARNESS/gateways/llm402/start.sh")"
  GATEWAY_STOP="$HARNESS/gateways/llm402/stop.sh"
  if [[ "$db" == postgres ]]; then
    # The database works for the gateway: count its CPU and memory as the gateway's.
    pg_pid="$(head -n1 /var/run/postgresql/*-main.pid 2>/dev/null | head -n1 || true)"
    [[ -n "$pg_pid" ]] && echo "GATEWAY_EXTRA_PIDS=\"$pg_pid\"" >>"$envf"
  fi
  measure "llm402-$db" "$envf"
  "$GATEWAY_STOP" >&2
  GATEWAY_STOP=""
done

if [[ $PORTKEY == 1 ]]; then
  envf="$("$HARNESS/gateways/portkey/start.sh")"
  GATEWAY_STOP="$HARNESS/gateways/portkey/stop.sh"
  WARM_UP=0 measure "portkey" "$envf"
  "$GATEWAY_STOP" >&2
  GATEWAY_STOP=""
fi

{
  echo "# LLM402 benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, gateway pinned to CPU 0, load and mock on CPU 1;"
  echo "$DURATION s per run, $REPEAT repeats (medians), warm-up ${WARM_UP} s. Scenarios: $SCENARIOS."
  for dir in "$OUT"/*/; do
    [[ -f "$dir/suite-summary.txt" ]] || continue
    echo
    echo "## $(basename "$dir")"
    echo
    echo '```'
    cat "$dir/suite-summary.txt"
    echo '```'
  done
} >"$OUT/summary.md"
cat "$OUT/summary.md"
echo "benchmark results: $OUT/summary.md" >&2
