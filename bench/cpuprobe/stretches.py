#!/usr/bin/env python3
"""The stretches of a traced build that had work for one core only, in order, with the
goroutine that ran alone and the function it was started with (serial.py gives the totals).

    go run ./bench/cpuprobe -trace BOOK-DIR /tmp/t.out
    python3 bench/cpuprobe/stretches.py /tmp/t.out [MIN_MS]

Each line: when the stretch began (ms from the trace's start), how long it lasted, and the
goroutine (g1 is the build's own). The times stretch with the machine's load.
"""
import re
import subprocess
import sys

trace = sys.argv[1]
least = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
text = subprocess.run(["go", "tool", "trace", "-d=parsed", trace], capture_output=True, text=True, check=True).stdout
rx = re.compile(r"StateTransition Time=(\d+) GoID=(\d+) (\w+)->(\w+)")
started, events = {}, []
for event in re.split(r"\n(?=M=)", text):
    m = rx.search(event)
    if not m:
        continue
    g = m.group(2)
    if m.group(3) == "NotExist":
        first = re.search(r"TransitionStack=\n\t(\S+)", event)
        if first:
            started[g] = first.group(1).replace("bindery/book/", "")
    events.append((int(m.group(1)), g, m.group(4)))
events.sort()
ACTIVE = ("Runnable", "Running", "Syscall")
t0 = events[0][0]
active, since, alone = set(), t0, None
for t, g, to in events:
    before = frozenset(active)
    if to in ACTIVE:
        active.add(g)
    else:
        active.discard(g)
    if frozenset(active) == before:
        continue
    if len(before) == 1 and (t - since) / 1e6 >= least:
        (only,) = before
        print("%8.1f ms  +%6.1f ms  g%s %s" % ((since - t0) / 1e6, (t - since) / 1e6, only, started.get(only, "main" if only == "1" else "?")))
    since = t
