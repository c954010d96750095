#!/usr/bin/env python3
"""Time to first token, direct vs through the service, sequential requests on loopback (for capacity.sh).

Usage: ttft.py DIRECT_URL SERVICE_URL N
Direct: POST an OpenAI streaming request to the fake provider, time until the first `data:` chunk with content.
Service: POST /api/v1/assistant/chat/stream, time until the first `event:token`. Prints medians and p90s in ms.
"""
import http.client
import json
import sys
import time
from urllib.parse import urlparse


def first(url, body, accept, is_first):
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    start = time.perf_counter()
    conn.request("POST", u.path, body=json.dumps(body), headers={"Content-Type": "application/json", "Accept": accept,
                                                           "Connection": "close"})  # EOF ends the read
    resp = conn.getresponse()
    found = None
    try:
        while True:
            line = resp.fp.readline()  # raw lines (chunk sizes included): enough to spot the first event
            if not line:
                break
            if found is None and is_first(line.decode("utf-8", "replace")):
                found = (time.perf_counter() - start) * 1000
    except TimeoutError:
        pass
    # Read to the end, as a real client does: a client that hangs up after the first token makes the service
    # cancel its upstream call, and the next stream then pays for a new upstream connection.
    conn.close()
    return found


def stats(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return "n/a"
    return "median %.1f ms, p90 %.1f ms (n=%d)" % (values[len(values) // 2], values[int(len(values) * 0.9) - 1 if len(values) >= 10 else -1], len(values))


def main():
    direct, service, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    openai = {"model": "alibaba/qwen3-32b", "stream": True, "messages": [{"role": "user", "content": "Where is A1001?"}]}
    chat = {"message": "Where is A1001?", "toolChoice": "none"}
    d, s = [], []
    for _ in range(n):  # interleaved, so both see the same machine load
        d.append(first(direct, openai, "text/event-stream", lambda l: l.startswith("data:") and '"content"' in l))
        s.append(first(service, chat, "text/event-stream", lambda l: l.startswith("event:token") or l.startswith("event: token")))
    print("ttft direct  : " + stats(d))
    print("ttft service : " + stats(s))
    pairs = sorted(b - a for a, b in zip(d, s) if a is not None and b is not None)
    if pairs:
        print("ttft added   : median %.1f ms, p90 %.1f ms" % (pairs[len(pairs) // 2], pairs[max(0, int(len(pairs) * 0.9) - 1)]))


if __name__ == "__main__":
    main()
