#!/usr/bin/env python3
"""Cuts samples/owner (the demo's owner for `tracemark guard`) out of a synthetic owner.

`tracemark synth owner --insiders --seed 2` writes 56 days of a courier's access log (16,005 customers, 84 accounts,
589,464 rows). The demo needs a small piece that still holds an insider: the route employees of one outlet over the
first two weeks, and the customers they touched. Synthetic people only.

Usage: scripts/demo/owner-sample.py OWNER_DIR samples/owner [outlet] [last day]
"""
import csv
import os
import sys


def main():
    source, target = sys.argv[1], sys.argv[2]
    outlet = sys.argv[3] if len(sys.argv) > 3 else "08"
    last = sys.argv[4] if len(sys.argv) > 4 else "2025-09-14"
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(source, "channels.csv"), encoding="utf-8", newline="") as f:
        channels = list(csv.DictReader(f))
    keep = {c["channel_id"] for c in channels if c["channel_id"].startswith(f"emp-{outlet}-")}
    touched = set()
    with open(os.path.join(source, "access.csv"), encoding="utf-8", newline="") as f, \
            open(os.path.join(target, "access.csv"), "w", encoding="utf-8", newline="") as out:
        reader = csv.reader(f)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(next(reader))
        for row in reader:
            if row[0][:10] > last:
                break
            if row[1] in keep:
                writer.writerow(row)
                touched.add(row[2])
    with open(os.path.join(target, "channels.csv"), "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(channels[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(c for c in channels if c["channel_id"] in keep)
    with open(os.path.join(source, "customers.csv"), encoding="utf-8", newline="") as f, \
            open(os.path.join(target, "customers.csv"), "w", encoding="utf-8", newline="") as out:
        reader = csv.reader(f)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(next(reader))
        writer.writerows(row for row in reader if row[0] in touched)


if __name__ == "__main__":
    main()
