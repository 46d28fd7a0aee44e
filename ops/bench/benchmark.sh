#!/usr/bin/env bash
# LLM402's benchmark in one command: builds the jar, starts the shared mock upstream, starts LLM402 with a bootstrap
# file (one user, one key, one channel; billing, events and projections on) and measures it against the direct
# upstream in the same run, scenario by scenario, on SQLite and/or PostgreSQL, and against Portkey when asked.
# Everything binds to 127.0.0.1 and stops by itself; processes are stopped by their PIDs.
#
#   ops/bench/benchmark.sh [--db sqlite|postgres|both] [--with-portkey] [--no-build]
#                          [--scenarios "json-c64 json-c8 json-rate500 stream-c8"] [--duration 20] [--repeat 2]
#                          [--warm-up 120] [--harness ../shared/bench] [--out DIR] [--rate-limits]
#
# The harness (mock upstream, wrk/h2load scripts, CPU pinning, the Portkey peer) is the shared one in
# ../shared/bench; its setup.sh installs wrk, nginx and h2load from Debian when they are missing.
# --warm-up runs load for that many seconds before measuring: the JVM's JIT needs minutes to reach steady state.
# --rate-limits switches on, through the management API, a per-user model request limit (success count only, high
# enough never to refuse) and an in-flight limit per key: every request then pays the limiter's Hazelcast round trips.
# Output: DIR/summary.md (every scenario's table, direct vs gateway, LLM402's projection lag under c64 load, and the
# time to first token at c1) plus the harness's raw runs per scenario.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HARNESS="$ROOT/../shared/bench"
DBS="sqlite" PORTKEY=0 BUILD=1 DURATION=20 REPEAT=2 WARM_UP=120 RATE_LIMITS=0
SCENARIOS="json-c64 json-c8 json-rate500 stream-c8"
OUT="/tmp/llm402-bench/benchmark-$(date +%Y%m%d-%H%M%S)"
while [[ $# -gt 0 ]]; do
  case "$1" in
  --db) DBS="$2"; [[ "$DBS" == both ]] && DBS="sqlite postgres"; shift 2 ;;
  --with-portkey) PORTKEY=1; shift ;;
  --rate-limits) RATE_LIMITS=1; shift ;;
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
# Prometheus is served on a management port only (never on the relay port); the projection-lag probe reads it there.
export LLM402_MANAGEMENT_PORT="${LLM402_MANAGEMENT_PORT:-47189}"
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
"$HARNESS/mock/start-mock.sh" >&2 || {
  echo "benchmark: the mock upstream did not start; a previous one is stopped with $HARNESS/mock/stop-mock.sh" >&2
  exit 1
}

# Fixed offered rate: wrk with a paced script (see paced.lua), direct and gateway alternating (ABBA), 25 connections.
paced() {
  local label="$1" envf="$2" rate="$3" dir="$OUT/$label/json-rate$rate"
  mkdir -p "$dir"
  (
    # shellcheck disable=SC1090
    source "$envf"
    cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$GATEWAY_PID/stat"; }
    run() {
      local target="$1" url="$2" key="$3" headers="$4" out="$5" before after
      before="$(cpu_ticks)"
      BENCH_CHAT_LUA="$HARNESS/lib/chat.lua" BENCH_CONNS=25 BENCH_RATE="$rate" BENCH_API_KEY="$key" \
        BENCH_HEADERS="$headers" taskset -c "${LOADGEN_CPUS:-1}" wrk -t1 -c25 -d"${DURATION}s" --timeout 10s \
        -s "$ROOT/ops/bench/paced.lua" "$url" >"$out" 2>&1 || true
      after="$(cpu_ticks)"
      local result; result="$(grep '^RESULT' "$out" | tail -1)"
      local requests; requests="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")"
      local cpu_us=0
      [[ "$target" == gateway && "${requests:-0}" -gt 0 ]] && cpu_us=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))
      echo "$target $result gw_cpu_us_per_rq=$cpu_us"
    }
    direct="http://127.0.0.1:${MOCK_PORT:-47180}/v1/chat/completions"
    {
      run direct "$direct" "" "" "$dir/run-direct-1.txt"
      run gateway "$GATEWAY_URL" "$GATEWAY_API_KEY" "${GATEWAY_HEADERS:-}" "$dir/run-gateway-1.txt"
      run gateway "$GATEWAY_URL" "$GATEWAY_API_KEY" "${GATEWAY_HEADERS:-}" "$dir/run-gateway-2.txt"
      run direct "$direct" "" "" "$dir/run-direct-2.txt"
    } >"$dir/runs.txt"
    awk -v label="$label" -v rate="$rate" '
      function v(name,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] } }
      { t = $1; n[t]++; rps[t] += v("rps"); p50[t] += v("lat_p50_us"); p90[t] += v("lat_p90_us");
        p99[t] += v("lat_p99_us"); err[t] += v("err_status") + v("err_timeout") + v("err_read"); cpu[t] += v("gw_cpu_us_per_rq") }
      END {
        printf "%s  mode=json  paced %d req/s offered, 25 connections (wrk + ops/bench/paced.lua; mean of 2 runs)\n", label, rate
        printf "%-8s %8s %9s %9s %9s %7s %14s\n", "target", "req/s", "p50 ms", "p90 ms", "p99 ms", "errors", "gw cpu us/rq"
        for (t in n) printf "%-8s %8.0f %9.3f %9.3f %9.3f %7d %14.0f\n", t, rps[t]/n[t], p50[t]/n[t]/1000, p90[t]/n[t]/1000, p99[t]/n[t]/1000, err[t], cpu[t]/n[t]
        printf "added latency (gateway - direct): p50 +%.3f ms   p90 +%.3f ms   p99 +%.3f ms\n",
          (p50["gateway"]/n["gateway"] - p50["direct"]/n["direct"])/1000, (p90["gateway"]/n["gateway"] - p90["direct"]/n["direct"])/1000,
          (p99["gateway"]/n["gateway"] - p99["direct"]/n["direct"])/1000
      }' "$dir/runs.txt" >"$dir/summary.txt"
  )
  { echo "== json-rate$rate (paced wrk)"; cat "$dir/summary.txt"; echo; } >>"$OUT/$label/suite-summary.txt"
}

# Projection lag (LLM402 only): c64 load for $DURATION s while, once a second, the requests the gateway answered
# (its Prometheus counter for POST /v1/chat/completions, status 200) are compared with the requests the request-log
# projection has recorded for the bench key (GET /api/usage/token). The backlog divided by the throughput is the lag
# in seconds. After the load stops, the time until the projection holds every answered request is the drain time.
projection_lag() {
  local label="$1" envf="$2" dir="$OUT/$1/projection-lag"
  mkdir -p "$dir"
  (
    # shellcheck disable=SC1090
    source "$envf"
    base="${GATEWAY_URL%/v1/chat/completions}"
    served() {
      { curl -fsS -m 5 "http://127.0.0.1:$LLM402_MANAGEMENT_PORT/actuator/prometheus" || true; } | awk '/^http_server_requests_seconds_count/ &&
        /uri="\/v1\/chat\/completions"/ && /status="200"/ { s += $2 } END { printf "%d\n", s }'
    }
    projected() {
      local n
      n="$({ curl -fsS -m 5 -H "Authorization: Bearer $GATEWAY_API_KEY" "$base/api/usage/token" || true; } |
        sed -nE 's/.*"requests":([0-9]+).*/\1/p')"
      echo "${n:-0}"
    }
    BENCH_API_KEY="$GATEWAY_API_KEY" BENCH_HEADERS="${GATEWAY_HEADERS:-}" taskset -c "${LOADGEN_CPUS:-1}" \
      wrk -t2 -c64 -d"${DURATION}s" -s "$HARNESS/lib/chat.lua" "$GATEWAY_URL" >"$dir/wrk.txt" 2>&1 &
    local load=$! worst=0 backlog
    sleep 1
    while kill -0 "$load" 2>/dev/null; do
      local s p
      s="$(served)"; p="$(projected)"; backlog=$(( s > p ? s - p : 0 ))
      echo "$(date +%s.%N) served=$s projected=$p backlog=$backlog" >>"$dir/samples.txt"
      (( backlog > worst )) && worst=$backlog
      sleep 1
    done
    wait "$load" || true
    local stopped target drained="no"
    stopped="$(date +%s%N)"
    target="$(served)"
    for _ in $(seq 1 6000); do
      if (( $(projected) >= target )); then drained="yes"; break; fi
      sleep 0.01
    done
    local drain_ms=$(( ($(date +%s%N) - stopped) / 1000000 ))
    local rps; rps="$(grep '^RESULT' "$dir/wrk.txt" | sed -E 's/.*rps=([0-9.]+).*/\1/')"
    awk -v label="$label" -v rps="$rps" -v worst="$worst" -v drain="$drain_ms" -v drained="$drained" 'BEGIN {
      printf "%s  projection lag under c64 load (%s req/s): worst backlog %d requests = %.3f s of load; ", label, rps, worst, (rps > 0 ? worst / rps : 0)
      if (drained == "yes") printf "drained %d ms after the load stopped\n", drain; else printf "NOT drained 60 s after the load stopped\n" }' \
      >"$dir/summary.txt"
  )
  { echo "== projection lag"; cat "$dir/summary.txt"; echo; } >>"$OUT/$label/suite-summary.txt"
}

# Streaming time to first token at c1: the harness's lib/ttft.mjs (400 streams per target, direct vs gateway), run
# directly rather than through ttft.sh, which starts and stops a mock of its own.
time_to_first_token() {
  local label="$1" envf="$2"
  mkdir -p "$OUT/$label"
  (
    # shellcheck disable=SC1090
    source "$envf"
    args=(--direct "http://127.0.0.1:${MOCK_PORT:-47180}/v1/chat/completions" --gateway "$GATEWAY_URL" --n 400
      --block 20)
    [[ -n "${GATEWAY_API_KEY:-}" ]] && args+=(--key "$GATEWAY_API_KEY")
    while IFS= read -r line; do [[ -n "$line" ]] && args+=(--header "$line"); done <<<"${GATEWAY_HEADERS:-}"
    timeout 600 taskset -c "${LOADGEN_CPUS:-1}" node "$HARNESS/lib/ttft.mjs" "${args[@]}" >"$OUT/$label/ttft.txt" 2>&1 ||
      echo "time to first token: ttft.mjs failed, see $OUT/$label/ttft.txt" >&2
  )
  { echo "== time to first token (stream, c1, harness lib/ttft.mjs, 400 streams per target)"
    cat "$OUT/$label/ttft.txt"; echo; } >>"$OUT/$label/suite-summary.txt"
}

# One gateway: a warm-up load against it alone (discarded), then the scenarios of suite.sh (direct vs gateway) and
# the fixed-rate ones with the paced runner.
measure() {
  local label="$1" envf="$2" loaded="" rates=""
  if [[ "$WARM_UP" -gt 0 ]]; then
    echo "== $label: warming up for ${WARM_UP} s" >&2
    (
      # shellcheck disable=SC1090
      source "$envf"
      BENCH_API_KEY="$GATEWAY_API_KEY" BENCH_HEADERS="${GATEWAY_HEADERS:-}" taskset -c "${LOADGEN_CPUS:-1}" \
        wrk -t1 -c8 -d"${WARM_UP}s" -s "$HARNESS/lib/chat.lua" "$GATEWAY_URL" >"$OUT/$label-warm-up.txt" 2>&1 || true
    )
  fi
  for sc in $SCENARIOS; do
    case "$sc" in
    json-rate*) rates="$rates ${sc#json-rate}" ;;
    *) loaded="$loaded $sc" ;;
    esac
  done
  echo "== $label:$loaded$rates" >&2
  mkdir -p "$OUT/$label"
  if [[ -n "$loaded" ]]; then
    "$HARNESS/suite.sh" --gateway-env "$envf" --label "$label" --scenarios "${loaded# }" --duration "$DURATION" \
      --repeat "$REPEAT" --warmup 5 --out "$OUT/$label" -- --mock external >/dev/null
  fi
  for rate in $rates; do
    paced "$label" "$envf" "$rate"
  done
}

# Logs in as root (the password the gateway printed) and sets the limit options new-api's way.
enable_rate_limits() {
  (
    # shellcheck disable=SC1090
    source "$1"
    base="${GATEWAY_URL%/v1/chat/completions}"
    password="$(grep -o "log in as 'root' with password [^ ]*" /tmp/llm402-bench/llm402/gateway.log | awk '{print $NF}')"
    jar="$(mktemp)"
    id="$(curl -fsS -c "$jar" -H 'Content-Type: application/json' -d "{\"username\":\"root\",\"password\":\"$password\"}" \
      "$base/api/user/login" | sed -E 's/.*"id":([0-9]+).*/\1/')"
    for option in ModelRequestRateLimitEnabled:true ModelRequestRateLimitSuccessCount:100000000 \
                  ApiKeyConcurrencyLimit:100000; do
      curl -fsS -b "$jar" -H "New-Api-User: $id" -H 'Content-Type: application/json' -X PUT \
        -d "{\"key\":\"${option%%:*}\",\"value\":\"${option#*:}\"}" "$base/api/option/" >/dev/null
    done
    rm -f "$jar"
    echo "== rate limits on: ModelRequestRateLimit (success count 100000000) and ApiKeyConcurrencyLimit 100000" >&2
  )
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
  [[ $RATE_LIMITS == 1 ]] && enable_rate_limits "$envf"
  measure "llm402-$db" "$envf"
  projection_lag "llm402-$db" "$envf"
  time_to_first_token "llm402-$db" "$envf"
  "$GATEWAY_STOP" >&2
  GATEWAY_STOP=""
done

if [[ $PORTKEY == 1 ]]; then
  envf="$("$HARNESS/gateways/portkey/start.sh")"
  GATEWAY_STOP="$HARNESS/gateways/portkey/stop.sh"
  WARM_UP=0 measure "portkey" "$envf"
  time_to_first_token "portkey" "$envf"
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
