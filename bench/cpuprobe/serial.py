#!/usr/bin/env python3
"""How much of a traced build had work for one core only.

    go run ./bench/cpuprobe -trace BOOK-DIR /tmp/t.out > /tmp/stages
    python3 bench/cpuprobe/serial.py /tmp/t.out READ LAYOUT WRITE   (ms, or as cpuprobe prints them)

Counts, from `go tool trace -d=parsed`, the goroutines running, runnable or in a system call
at every moment: with one, the second core had nothing to do. Prints that time in all and per
stage (the stage durations cpuprobe prints), and the goroutines that ran alone longest.
The times stretch with the machine's load; the shares are what to compare.
"""
import re
import subprocess
import sys

trace = sys.argv[1]
def ms(x):
    """A stage's duration in milliseconds, as given or as cpuprobe prints it (1.2s, 850ms, 900µs)."""
    for unit, scale in (("ms", 1), ("µs", 1e-3), ("us", 1e-3), ("s", 1e3)):
        if x.endswith(unit):
            return float(x[: -len(unit)]) * scale
    return float(x)


stages = [ms(x) * 1e6 for x in sys.argv[2:]]
lines = subprocess.run(["go", "tool", "trace", "-d=parsed", trace], capture_output=True, text=True, check=True).stdout.splitlines()
rx = re.compile(r"StateTransition Time=(\d+) GoID=(\d+) (\w+)->(\w+)")
events = sorted((int(m.group(1)), m.group(2), m.group(4)) for m in map(rx.search, lines) if m)
ACTIVE = ("Runnable", "Running", "Syscall")
t0 = events[0][0]
edges = [0.0]
for d in stages:
    edges.append(edges[-1] + d)
active, last = set(), t0
by_count = [0, 0, 0]
per_stage = [0.0] * len(stages)
alone = {}
for t, g, to in events:
    k = min(2, len(active))
    by_count[k] += t - last
    if k == 1:
        (only,) = active
        alone[only] = alone.get(only, 0) + t - last
        for i in range(len(stages)):
            per_stage[i] += max(0, min(t - t0, edges[i + 1]) - max(last - t0, edges[i]))
    last = t
    if to in ACTIVE:
        active.add(g)
    else:
        active.discard(g)
total = sum(by_count)
print("wall %.0f ms: one goroutine %.0f ms (%.0f %%), two or more %.0f ms" % (total / 1e6, by_count[1] / 1e6, 100 * by_count[1] / total, by_count[2] / 1e6))
if stages:
    print("one goroutine, per stage (ms):", " ".join("%.0f" % (x / 1e6) for x in per_stage))
for g, d in sorted(alone.items(), key=lambda x: -x[1])[:5]:
    print("  goroutine %s alone %.0f ms" % (g, d / 1e6))
