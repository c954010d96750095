#!/usr/bin/env bash
# Chaos run (not in CI): two packaged instances on one Redis (persistent: appendonly), the emulator
# beside them injecting 10 % provider faults, clients that retry every turn with its Idempotency-Key; one
# instance is killed with SIGKILL and restarted mid-run, and Redis is restarted once. Prints refunds lost or
# doubled, turns lost and unexpected 5xx.
# Every model call takes LATENCY (default 400ms) so the kill and the restart land mid-turn. A turn cut by the
# SIGKILL leaves its Idempotency-Key claimed (renewed every 10 s, so it expires within 30 s) and its session
# leased (15 s): its client's retries get 409 until then, and the turn then runs again on the other instance.
# With APPROVALS=on, refunds above 1.5 wait for a person: every third turn asks for 2 EUR, and the client
# approves it (with an Idempotency-Key of its own); the run then also counts refunds made without an approval.
# Usage: src/bench/chaos.sh [CLIENTS] [TURNS]     (needs ./mvnw package first; TURNS <= 9: the session window)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CLIENTS="${1:-8}"; TURNS="${2:-8}"; LATENCY="${LATENCY:-400ms}"
WORK="$(mktemp -d /tmp/qwen-chaos.XXXX)"
A=18301; B=18302; EMU=18303; REDIS=18304
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; kill "${REDIS_PID:-0}" 2>/dev/null || true; }
trap cleanup EXIT

# A real redis-server: the binary that the embedded-redis test dependency ships.
JAR="$(ls ~/.m2/repository/com/github/codemonstur/embedded-redis/*/embedded-redis-*.jar | head -1)"
(cd "$WORK" && unzip -q -o "$JAR" redis-server-6.2.6-v5-linux-amd64 && chmod +x redis-server-6.2.6-v5-linux-amd64)
start_redis() {
  "$WORK/redis-server-6.2.6-v5-linux-amd64" --port "$REDIS" --bind 127.0.0.1 --dir "$WORK" --appendonly yes \
      --appendfsync always --save "" > "$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  sleep 0.5
}
start_redis

"$JAVA" -cp "$ROOT/target/emulator-classes:$ROOT/target/quarkus-app/lib/main/*:$ROOT/target/quarkus-app/lib/boot/*" \
    -Dqwen.emulator.fault-rate=0.1 -Dqwen.emulator.latency="$LATENCY" dev.qwen.emulator.EmulatorServer "$EMU" > "$WORK/emulator.log" 2>&1 &
PIDS+=($!)

start_instance() {
  env QUARKUS_HTTP_PORT="$1" QWEN_STATE=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS" QUARKUS_REDIS_TIMEOUT=2s \
      QWEN_AIMLAPI_BASE_URL="http://127.0.0.1:$EMU/emulator/aimlapi/v1" QWEN_AIMLAPI_API_KEY=chaos-key \
      ${APPROVALS:+QWEN_APPROVALS_REFUND_ABOVE=1.5} \
      "$JAVA" -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/instance-$1.log" 2>&1 &
  echo $!
}
wait_ready() { for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$1/q/health/ready" > /dev/null 2>&1 && return 0; sleep 0.2; done; return 1; }
PID_A=$(start_instance $A); PIDS+=("$PID_A")
PID_B=$(start_instance $B)
wait_ready $A; wait_ready $B

"$JAVA" ${APPROVALS:+-Dapprovals=true} "$ROOT/src/bench/ChaosClient.java" $A $B $REDIS "$CLIENTS" "$TURNS" > "$WORK/client.log" 2>&1 &
CLIENT=$!
sleep 6
echo "SIGKILL instance B"; kill -9 "$PID_B"; sleep 2
PID_B=$(start_instance $B); PIDS+=("$PID_B"); wait_ready $B
sleep 4
echo "restart Redis"; kill "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null || true; sleep 1; start_redis
wait "$CLIENT" || true
cat "$WORK/client.log"
echo "instance log lines with a stack trace or 'Exception': $(cat "$WORK"/instance-*.log | grep -c -E '^\s+at |Exception' || true)"
echo "logs in $WORK"
