#!/usr/bin/env bash
# Load test of the rec4j HTTP service with wrk (Debian package `wrk`) on loopback.
#
#   bench/serve-wrk.sh MODELS_DIR [DURATION] [CONNECTIONS]
#
# Starts org.rec4j.serve.Server on MODELS_DIR (layout MODELS_DIR/<name>/<version>/), waits for /readyz, warms up,
# runs wrk against GET /v1/recommendations with a uniformly random user per request (bench/serve-wrk.lua), prints
# wrk's report plus a RESULT line (throughput, p50/p90/p99 latency), the server's cache hit ratio, and stops the
# server gracefully. Server and wrk share the machine.
#
# Environment: PORT (18080), THREADS (wrk threads, 2), USERS (6040: ids 0..USERS-1), USER_PREFIX (""), K (10),
# MODEL (name or name@version; default model if empty), EXCLUDE_SEEN (true), CACHE (server LRU size; 0 = every
# request computes), WARMUP (seconds, 5), JAVA_OPTS (extra JVM flags, e.g. -Xmx2g).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS="${1:?usage: bench/serve-wrk.sh MODELS_DIR [DURATION] [CONNECTIONS]}"
DURATION="${2:-30s}"
CONNS="${3:-32}"
PORT="${PORT:-18080}"
THREADS="${THREADS:-2}"
CACHE="${CACHE:-0}"
WARMUP="${WARMUP:-5}"
export DELAY_MS="${DELAY_MS:-0}" USERS="${USERS:-6040}" USER_PREFIX="${USER_PREFIX:-}" K="${K:-10}" MODEL="${MODEL:-}" EXCLUDE_SEEN="${EXCLUDE_SEEN:-true}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"

command -v wrk >/dev/null || { echo "serve-wrk: wrk is missing (apt-get install wrk)" >&2; exit 1; }
[[ -d "$MODELS" ]] || { echo "serve-wrk: $MODELS is not a directory" >&2; exit 1; }

CP_FILE="$ROOT/rec4j-serve/target/serve-classpath.txt"
( cd "$ROOT" && ./mvnw -q -B -pl rec4j-serve -am -DskipTests package dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime )
CP="$ROOT/rec4j-serve/target/classes:$(cat "$CP_FILE")"

LOG="$(mktemp -t rec4j-serve-XXXXXX.log)"
# shellcheck disable=SC2086
"$JAVA" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC ${JAVA_OPTS:-} \
  -Drec4j.serve.cache="$CACHE" -cp "$CP" org.rec4j.serve.Server "$MODELS" "$PORT" 127.0.0.1 >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 600); do
  curl -fs "$URL/readyz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { echo "serve-wrk: the server exited; log:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.2
done
curl -fs "$URL/readyz" >/dev/null || { echo "serve-wrk: server not ready after 120 s; log in $LOG" >&2; exit 1; }
echo "server ready (pid $PID, log $LOG); models: $(curl -fs "$URL/v1/models" | head -c 300)..."

echo "warm-up ${WARMUP}s"
wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" -s "$ROOT/bench/serve-wrk.lua" "$URL" >/dev/null
echo "wrk -t$THREADS -c$CONNS -d$DURATION (users $USERS, k $K, exclude_seen $EXCLUDE_SEEN, cache $CACHE, model ${MODEL:-default})"
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$ROOT/bench/serve-wrk.lua" "$URL"
echo "cache: $(curl -fs "$URL/metrics" | grep -E '^rec4j_cache_hit_ratio' || true)"
