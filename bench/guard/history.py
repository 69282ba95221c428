#!/usr/bin/env python3
"""A long access history for `tracemark guard` from a short one, written as it goes (never held in memory).

The synthetic owner's 56 days (`tracemark synth owner --insiders`) are repeated back to back, each copy shifted by
whole weeks so that weekdays stay weekdays: the same channels, customers and devices, so a replay's state should stay
the size it was after the first copy however many rows follow (docs/benchmarks.md, guard memory).

Usage: bench/guard/history.py owner/access.csv ROWS > history.csv
"""
import datetime
import sys


def main():
    source, wanted = sys.argv[1], int(sys.argv[2])
    with open(source, encoding="utf-8") as f:
        header = f.readline()
        lines = f.readlines()
    first = datetime.date.fromisoformat(lines[0][:10])
    last = datetime.date.fromisoformat(lines[-1][:10])
    weeks = ((last - first).days // 7) + 1
    out = sys.stdout
    out.write(header)
    written, copy = 0, 0
    while written < wanted:
        shift = datetime.timedelta(weeks=weeks * copy)
        dates = {}
        chunk = []
        for line in lines:
            day = line[:10]
            moved = dates.get(day)
            if moved is None:
                moved = dates[day] = (datetime.date.fromisoformat(day) + shift).isoformat()
            chunk.append(moved + line[10:])
            written += 1
            if written == wanted:
                break
            if len(chunk) == 65536:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
        copy += 1


if __name__ == "__main__":
    main()
