#!/usr/bin/env bash
# Benchmark: the service's own overhead per endpoint against the emulator (its own process, no model
# latency), with hey.
# Not run in CI. Usage: src/bench/bench.sh [REQUESTS] [CONCURRENCY]
set -euo pipefail
N="${1:-5000}"; C="${2:-50}"; PORT="${PORT:-8088}"
command -v hey > /dev/null || { apt-get install -y -qq hey > /dev/null 2>&1 || { echo "install hey (Debian package)"; exit 1; }; }
source "$(dirname "$0")/run-app.sh"
trap stop_app EXIT
t0=$(date +%s%N)
start_app "$PORT"
echo "ready after $(( ($(date +%s%N) - t0) / 1000000 )) ms; $(grep -o 'started in [0-9.]*s' /tmp/qwen-app.log)"
BASE="http://127.0.0.1:$PORT/api/v1"
run() {
  local name="$1" path="$2" body="$3"
  hey -n 500 -c "$C" -m POST -T application/json -d "$body" "$BASE/$path" > /dev/null   # warm-up
  hey -n "$N" -c "$C" -m POST -T application/json -d "$body" "$BASE/$path" > /tmp/qwen-hey.txt
  printf '%-12s %s req/s  p50 %s ms  p99 %s ms  non-200: %s\n' "$name" \
    "$(awk '/Requests\/sec/ {printf "%.0f", $2}' /tmp/qwen-hey.txt)" \
    "$(awk '/ 50% in/ {printf "%.1f", $3 * 1000}' /tmp/qwen-hey.txt)" \
    "$(awk '/ 99% in/ {printf "%.1f", $3 * 1000}' /tmp/qwen-hey.txt)" \
    "$(awk '/\[[0-9]+\]/ && !/\[200\]/ {n += $2} END {print n + 0}' /tmp/qwen-hey.txt)"
}
run triage triage '{"text":"My order A1002 arrived broken, I want a refund!"}'
run invoice invoices/extract '{"text":"Vendor: ACME\nInvoice number: 7\n2 x Hub @ 10.00 = 20.00\nTax: 2.00\nTotal: 22.00 EUR"}'
run assistant assistant/chat '{"message":"Where are A1001 and A1002?"}'
run review workflows/order-review '{"orderIds":["A1001","A1002","A1003"]}'
echo "rss_mb after: $(rss_mb)"
