#!/usr/bin/env bash
# CPU per typed call, two builds side by side (not in CI): each packaged service (a target/quarkus-app of its
# own) runs in turn against the same fake provider in another process, warmed with 100,000 triage calls, then
# measured over 20,000 calls at 32 connections by its own user+sys time (/proc/<pid>/stat). ROUNDS rounds,
# alternating, so a busy machine shows in both columns.
# Usage: src/bench/cpu-ab.sh BEFORE_APP_DIR AFTER_APP_DIR      (env: ROUNDS=2; needs JDK 25 and hey)
#        BEFORE_OPTS / AFTER_OPTS: JVM options of each side (default: as the manifests run it), e.g. to compare
#        two collectors with one build: BEFORE_OPTS="-XX:MaxRAM=768m -XX:MaxRAMPercentage=40 -XX:+UseSerialGC" \
#        src/bench/cpu-ab.sh target/quarkus-app target/quarkus-app
# e.g.   git archive <commit> | tar -x -C /tmp/before && (cd /tmp/before && ./mvnw -q package -DskipTests)
#        src/bench/cpu-ab.sh /tmp/before/target/quarkus-app target/quarkus-app
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
BEFORE="$1"; AFTER="$2"; ROUNDS="${ROUNDS:-2}"
DEPLOYED="-XX:MaxRAM=768m -XX:MaxRAMPercentage=40 -XX:InitialRAMPercentage=20 -XX:+UseG1GC"   # as k8s/*.yml and Dockerfile.jvm run it
BEFORE_OPTS="${BEFORE_OPTS:-$DEPLOYED}"; AFTER_OPTS="${AFTER_OPTS:-$DEPLOYED}"
FAKE_PORT=18921; PORT=18923
TRIAGE='{"text":"My order A1002 arrived broken, I want a refund!"}'
command -v hey > /dev/null || { echo "install hey (Debian package hey)"; exit 1; }

"$JAVA" "$ROOT/src/bench/FakeProvider.java" $FAKE_PORT 0 > /tmp/cpu-ab-fake.log 2>&1 &
FAKE=$!
trap 'kill $FAKE 2> /dev/null || true' EXIT
for _ in $(seq 1 150); do grep -q "fake provider" /tmp/cpu-ab-fake.log 2> /dev/null && break; sleep 0.2; done

cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$1/stat"; }
triage() { hey "$@" -m POST -T application/json -d "$TRIAGE" "http://127.0.0.1:$PORT/api/v1/triage"; }
measure() {   # measure APP_DIR LABEL JVM_OPTIONS
  (cd "$1" && exec env QUARKUS_HTTP_PORT=$PORT QWEN_AIMLAPI_BASE_URL="http://127.0.0.1:$FAKE_PORT/v1" \
      QWEN_AIMLAPI_API_KEY=bench-key "$JAVA" $3 -jar quarkus-run.jar) \
      > /tmp/cpu-ab-service.log 2>&1 &
  local svc=$!
  for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break; sleep 0.1; done
  triage -n 100000 -c 32 > /dev/null
  local s0; s0=$(cpu_ms $svc)
  triage -n 20000 -c 32 > /tmp/cpu-ab-run.txt
  local s1; s1=$(cpu_ms $svc)
  printf '%-6s CPU/call %s ms  %s calls/s  non-200: %s\n' "$2" "$(awk -v a="$s0" -v b="$s1" 'BEGIN {printf "%.3f", (b - a) / 20000}')" \
      "$(awk '/Requests\/sec/ {print $2}' /tmp/cpu-ab-run.txt)" "$(awk '/^  \[[0-9]+\]/ && $1 != "[200]" {n += $2} END {print n + 0}' /tmp/cpu-ab-run.txt)"
  kill $svc; wait $svc 2> /dev/null || true
}
echo "== CPU per call A/B $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq 1 "$ROUNDS"); do
  measure "$BEFORE" before "$BEFORE_OPTS"
  measure "$AFTER" after "$AFTER_OPTS"
done
