#!/usr/bin/env bash
# Starts the packaged service (prod profile) and, beside it, the emulator as a process of its own (the
# production artifact contains no emulator), both on loopback, for soak and bench.
# Usage: source run-app.sh; start_app PORT [extra env...]; ...; stop_app
# The extra env goes to both processes: QWEN_EMULATOR_* knobs to the emulator, the rest to the service.
# The emulator listens on EMULATOR_PORT (default PORT + 1); its log is EMULATOR_LOG (/tmp/qwen-emulator.log).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

start_emulator() {
  local port="$1"; shift
  env "$@" "$JAVA" ${JAVA_OPTS:-} \
      -cp "$ROOT/target/emulator-classes:$ROOT/target/quarkus-app/lib/main/*:$ROOT/target/quarkus-app/lib/boot/*" \
      dev.qwen.emulator.EmulatorServer "$port" > "${EMULATOR_LOG:-/tmp/qwen-emulator.log}" 2>&1 &
  EMULATOR_PID=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "emulator did not start; see ${EMULATOR_LOG:-/tmp/qwen-emulator.log}" >&2
  return 1
}

start_app() {
  local port="$1"; shift
  if [ ! -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || [ ! -d "$ROOT/target/emulator-classes/dev" ]; then
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  fi
  local emulator_port="${EMULATOR_PORT:-$((port + 1))}"
  start_emulator "$emulator_port" "$@"
  env QUARKUS_HTTP_PORT="$port" \
      QWEN_AIMLAPI_BASE_URL="http://127.0.0.1:$emulator_port/emulator/aimlapi/v1" QWEN_AIMLAPI_API_KEY=bench-key \
      QWEN_TIR_BASE_URL="http://127.0.0.1:$emulator_port/emulator/tir" QWEN_TIR_API_KEY=bench-token QWEN_TIR_PROJECT_ID=1 \
      "$@" "$JAVA" ${JAVA_OPTS:-} -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "${APP_LOG:-/tmp/qwen-app.log}" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "service did not start; see ${APP_LOG:-/tmp/qwen-app.log}" >&2
  return 1
}

stop_app() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "${EMULATOR_PID:-}" ] && kill "$EMULATOR_PID" 2>/dev/null && wait "$EMULATOR_PID" 2>/dev/null || true
}

heap_used_mb() {
  local port="$1"
  "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$APP_PID" GC.run > /dev/null 2>&1 || true
  sleep 1
  curl -fs "http://127.0.0.1:$port/q/metrics" | grep -F 'jvm_memory_used_bytes{area="heap"' \
    | awk '{sum += $NF} END {printf "%.1f", sum / 1048576}'
}

rss_mb() {
  awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$APP_PID/status"
}
