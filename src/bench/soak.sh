#!/usr/bin/env bash
# Soak: N requests across every endpoint through the emulator with a 10 % injected fault rate.
# Passes when no request got an unexpected 5xx and heap after GC stayed flat.
# Not run in CI. Usage: src/bench/soak.sh [N] [CONCURRENCY]
set -euo pipefail
N="${1:-2000}"; C="${2:-4}"; PORT="${PORT:-8089}"
source "$(dirname "$0")/run-app.sh"
trap stop_app EXIT
start_app "$PORT" QWEN_EMULATOR_FAULT_RATE=0.1 QWEN_MAX_RETRIES=2

BASE="http://127.0.0.1:$PORT/api/v1"
request() {
  local i="$1" code
  case $((i % 5)) in
    0) code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/triage" -H 'Content-Type: application/json' \
         -d "{\"text\":\"Order A100$((i % 6 + 1)) is late, where is it? ($i)\"}") ;;
    1) code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/invoices/extract" -H 'Content-Type: application/json' \
         -d '{"text":"Vendor: ACME\nInvoice number: INV-'"$i"'\n2026-11-02\n2 x Hub @ 10.00 = 20.00\nTax: 2.00\nTotal: 22.00 EUR"}') ;;
    2) code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/assistant/chat" -H 'Content-Type: application/json' \
         -d "{\"sessionId\":\"soak-$((i % 50))\",\"message\":\"Where are A1001 and A1002? ($i)\"}") ;;
    3) code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/workflows/order-review" -H 'Content-Type: application/json' \
         -d "{\"orderIds\":[\"A1001\",\"A1003\",\"Z9999\"],\"question\":\"soak $i\"}") ;;
    4) code=$(curl -s -N -o /dev/null -w '%{http_code}' "$BASE/assistant/chat/stream" -H 'Content-Type: application/json' \
         -d "{\"message\":\"Where is A1005? ($i)\",\"thinking\":true}") ;;
  esac
  echo "$code"
}
export -f request; export BASE

seq 1 200 | xargs -P "$C" -I{} bash -c 'request {}' > /dev/null   # warm-up
before_heap=$(heap_used_mb "$PORT"); before_rss=$(rss_mb)
start=$(date +%s.%N)
seq 1 "$N" | xargs -P "$C" -I{} bash -c 'request {}' > /tmp/qwen-soak-codes.txt
secs=$(echo "$(date +%s.%N) - $start" | bc)
after_heap=$(heap_used_mb "$PORT"); after_rss=$(rss_mb)

total=$(wc -l < /tmp/qwen-soak-codes.txt)
ok=$(grep -c '^200$' /tmp/qwen-soak-codes.txt || true)
fivexx=$(grep -c '^5' /tmp/qwen-soak-codes.txt || true)
echo "requests=$total ok=$ok unexpected_5xx=$fivexx seconds=$secs"
echo "upstream faults injected and absorbed (logged retries): $(grep -c 'call failed' /tmp/qwen-app.log || true)"
echo "heap_after_gc_mb before=$before_heap after=$after_heap rss_mb before=$before_rss after=$after_rss"
[ "$fivexx" -eq 0 ] || { echo "FAIL: unexpected 5xx"; exit 1; }
