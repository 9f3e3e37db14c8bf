#!/usr/bin/env bash
# Summarizes the allocation profile of a JFR recording, e.g. one written by
#   java ... org.rec4j.bench.Workload --workload neumf-ml1m --epochs 3 --jfr /tmp/neumf.jfr
# Prints the events recorded, JFR's own allocation-by-site / allocation-by-class / hot-methods views, then the
# sampled allocation weight grouped by the top DEPTH frames of each stack (the allocating site and its callers).
#
# Usage: bench/jfr-alloc.sh [--depth DEPTH (default 3)] [--top N (default 15)] FILE.jfr
set -euo pipefail

die() { echo "jfr-alloc: error: $*" >&2; exit 1; }
depth=3 top=15 file=""
while (($#)); do
  case "$1" in
    --depth) depth="${2:?--depth needs a value}"; shift 2 ;;
    --top) top="${2:?--top needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1'" ;;
    *) file="$1"; shift ;;
  esac
done
[[ -n "$file" ]] || die "no recording given (usage: bench/jfr-alloc.sh FILE.jfr)"
[[ -f "$file" ]] || die "missing recording $file"
JFR=""
for c in "${JAVA_HOME:+$JAVA_HOME/bin/jfr}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr "$(command -v jfr 2>/dev/null || true)"; do
  [[ -n "$c" && -x "$c" ]] && { JFR="$c"; break; }
done
[[ -n "$JFR" ]] || die "no jfr tool found (set JAVA_HOME to a JDK 21+)"

echo "== events recorded"
"$JFR" summary "$file" | awk 'NR <= 8 || ($2 ~ /^[0-9]+$/ && $2 > 0)'
for view in allocation-by-site allocation-by-class hot-methods; do
  echo; echo "== jfr view $view"
  { "$JFR" view --width 160 "$view" "$file" | sed '/^$/d' | head -n $((top + 4)); } || true  # head closes the pipe early
done

echo; echo "== sampled allocation weight by the top $depth frames"
"$JFR" print --events jdk.ObjectAllocationSample --stack-depth $((depth > 16 ? depth : 16)) "$file" | python3 -c '
import re, sys
depth, top = int(sys.argv[1]), int(sys.argv[2])
units = {"bytes": 1, "byte": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}
sites, total, n, jfr_own = {}, 0.0, 0, 0
cls, weight, frames, in_stack = None, 0.0, [], False
for line in sys.stdin:
    s = line.strip()
    if s.startswith("objectClass = "):
        cls = s[len("objectClass = "):].split(" (")[0]
    elif s.startswith("weight = "):
        v, u = s[len("weight = "):].split()[:2]
        weight = float(v.replace(",", "")) * units.get(u, 1)
    elif s == "stackTrace = [":
        in_stack, frames = True, []
    elif in_stack and s == "]":
        in_stack = False
        if any(f.startswith("jdk.jfr.") for f in frames):
            jfr_own += 1  # the recorder starting up, not the program
            continue
        key = (cls, tuple(frames[:depth]))
        w, c = sites.get(key, (0.0, 0))
        sites[key] = (w + weight, c + 1)
        total += weight
        n += 1
    elif in_stack and s != "...":
        frames.append(re.sub(r"\(.*\)", "()", s))
if not n:
    sys.exit(f"no jdk.ObjectAllocationSample events of the program in the recording ({jfr_own} of JFR itself)")
print(f"{n} samples, {total / 1e6:,.1f} MB sampled weight ({jfr_own} samples of JFR itself left out)")
if n < 100:
    print("few samples: weights are coarse; for low allocation rates record with -XX:-ResizeTLAB -XX:TLABSize=4k")
for (c, fr), (w, k) in sorted(sites.items(), key=lambda kv: -kv[1][0])[:top]:
    print(f"{100 * w / total:6.2f}%  {w / 1e6:10,.1f} MB {k:6d} samples  {c}")
    for f in fr:
        print(" " * 39 + f)
' "$depth" "$top"
