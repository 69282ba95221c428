#!/usr/bin/env python3
# Shares of a scan by stage from a perf profile (docs/benchmarks.md, issue 16 fifth pass):
#   DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 999 -g -o scan.perf tracemark scan SET --json
#   perf script -i scan.perf | bench/scan/stages.py
import sys, re, collections
# Each sample goes to the first stage below that any frame of its stack names.
stages = [
 ("kernel: page faults (fresh memory)", r"clear_page|do_anonymous_page|handle_mm_fault|exc_page_fault"),
 ("addresses (PostalAddress, RegionNames)", r"PostalAddress|RegionNames|AddressRecognizer"),
 ("names (PersonName, NameRecognizer)", r"PersonName|NameRecognizer|Surnames"),
 ("free text (TextScanner)", r"TextScanner|Recognizer"),
 ("other identifier validation", r"\[Tracemark\.Identifiers\]"),
 ("aggregation (distinct sets, persons, findings)", r"Aggregator|LongSet|LongIndex|PersonGraph|IdentifierKey|Demographics|LegalTiers"),
 ("reading: JSON (Utf8JsonReader, values)", r"JsonRecordReader|Utf8JsonReader|System\.Text\.Json"),
 ("reading: lines, CSV/dump, decoding", r"DelimitedReader|LineReader|TextWindow|Decoder|GB18030|Gb18030|Encoding|Utf8\b|Transcod"),
 ("detection glue (Detector, batches)", r"Detector|BatchResult|RecordBatch|ColumnPlan"),
 ("JIT", r"libclrjit"),
 ("GC, runtime, memset", r"libcoreclr|libc\.so|libc-|memset|memmove|libclrgc|libSystem"),
 ("kernel: other", r"\[kernel|\bkernel\b|vmlinux"),
]
counts = collections.Counter(); total = 0
stack = []
def flush():
    global total
    if not stack: return
    total += 1
    for name, pat in stages:
        rx = re.compile(pat)
        if any(rx.search(f) for f in stack):
            counts[name] += 1; return
    counts["other (threads, channels, unresolved)"] += 1
for line in sys.stdin:
    if not line.strip():
        flush(); stack = []
    elif line.startswith((" ", "\t")):
        stack.append(line.strip())
flush()
for name, n in counts.most_common():
    print(f"{100*n/total:5.1f} %  {name}")
print(f"{total} samples")
