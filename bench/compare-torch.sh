#!/usr/bin/env bash
# Runs a rec4j workload and the matching PyTorch reference interleaved (rec4j, torch, rec4j, torch, ...) with the
# same epochs and thread count, and prints training samples/s, their ratio and the quality of both for each pair
# (with rec4j's load average and the CPU other processes took during each program's epochs, to judge contention),
# then the median ratio and one JSON summary line (the last line of stdout).
#
# Usage: bench/compare-torch.sh [options] neumf|mf|rating|sasrec|lightgcn
#   --threads T          threads for rec4j and, unless --torch-threads says otherwise, PyTorch (default 1)
#   --torch-threads T    PyTorch's threads: a number, "same" (default) or "best" (= 1: PyTorch 1.13 is fastest
#                        at 1 thread on this 2-core machine, per ../shared/bench/README.md)
#   --epochs E           epochs for both (default 20 for neumf/mf/sasrec, 50 for rating, 5 for lightgcn)
#   --pairs N            interleaved pairs (default 3)
#   --quick              smoke test: 1 epoch, 1 pair
#   --models LIST        rating only: comma list of ncf,widedeep,neumf (default all three)
#   --data-root DIR      data folder holding ml-1m/ncf and ml-100k (default ../shared/data beside the repository)
#   --torch-dir DIR      folder of torch_ncf.py / torch_rating.py (default ../shared/bench beside the repository)
#   --out DIR            where the per-run logs go (default /tmp/rec4j-compare-<workload>-<time>)
#   --allow-reference-blas  run even when PyTorch would use the netlib reference BLAS (not a fair reference)
# Environment: REC4J_JAVA_OPTS adds JVM options for rec4j (e.g. -XX:+UseParallelGC).
#
# A fair reference (issue 18): the PyTorch side runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (set on some
# machines to keep old OpenBLAS builds correct, they also slow its kernels), in its own command only, and on an
# optimized BLAS: Debian's python3-torch calls whatever provides libblas.so.3, which is the netlib reference BLAS
# unless OpenBLAS is installed (the script installs libopenblas0-pthread when it can, and refuses the reference BLAS
# without --allow-reference-blas). The BLAS PyTorch loaded (library, OpenBLAS core and config), its CPU capability,
# the CPU model and vector flags, and rec4j's kernels are recorded in the summary line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/rec4j-bench/target/rec4j-benchmarks.jar"
PY=/usr/bin/python3

die() { echo "compare-torch: error: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

threads=1 torch_threads=same epochs="" pairs=3 models="" workload="" allow_reference_blas=0
data_root="$ROOT/../shared/data" torch_dir="$ROOT/../shared/bench" out=""
while (($#)); do
  case "$1" in
    --threads) threads="${2:?--threads needs a value}"; shift 2 ;;
    --torch-threads) torch_threads="${2:?--torch-threads needs a value}"; shift 2 ;;
    --epochs) epochs="${2:?--epochs needs a value}"; shift 2 ;;
    --pairs) pairs="${2:?--pairs needs a value}"; shift 2 ;;
    --quick) epochs=1 pairs=1; shift ;;
    --models) models="${2:?--models needs a value}"; shift 2 ;;
    --data-root) data_root="${2:?--data-root needs a value}"; shift 2 ;;
    --torch-dir) torch_dir="${2:?--torch-dir needs a value}"; shift 2 ;;
    --out) out="${2:?--out needs a value}"; shift 2 ;;
    --allow-reference-blas) allow_reference_blas=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) [[ -z "$workload" ]] || die "one workload only, got '$workload' and '$1'"; workload="$1"; shift ;;
  esac
done
case "$workload" in
  neumf|mf) rec4j_workload="$workload-ml1m" torch_script=torch_ncf.py; : "${epochs:=20}" ;;
  rating) rec4j_workload=rating-ml100k torch_script=torch_rating.py; : "${epochs:=50}" ;;
  sasrec) rec4j_workload=sasrec-video torch_script=torch_sasrec.py; : "${epochs:=20}" ;;
  lightgcn) rec4j_workload=lightgcn-lastfm torch_script=torch_lightgcn.py; : "${epochs:=5}" ;;
  "") usage >&2; exit 2 ;;
  *) die "workload must be neumf, mf, rating, sasrec or lightgcn, got '$workload'" ;;
esac
case "$torch_threads" in
  same) torch_threads="$threads" ;;
  best) torch_threads=1 ;;
esac
for v in threads torch_threads epochs pairs; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "--${v//_/-} must be a positive integer, got '${!v}'"
done
[[ -f "$torch_dir/$torch_script" ]] || die "missing $torch_dir/$torch_script (see --torch-dir)"
data_root="$(cd "$data_root" 2>/dev/null && pwd)" || die "missing data folder ${data_root} (see --data-root)"
out="${out:-${TMPDIR:-/tmp}/rec4j-compare-$workload-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"

# --- a JDK 21+, found as the ./rec4j launcher finds it
java_major() {
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')" || true
  v="${v%%.*}"
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}
find_java() {
  local candidates=() d c
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
  for d in /usr/lib/jvm/*-2[1-9]* /usr/lib/jvm/*-2[1-9]*-*; do
    [[ -x "$d/bin/java" ]] && candidates+=("$d/bin/java")
  done
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for c in "${candidates[@]}"; do
    if [[ -x "$c" ]] && (( $(java_major "$c") >= 21 )); then echo "$c"; return 0; fi
  done
  die "no JDK 21 or newer found (set JAVA_HOME)"
}
JAVA="$(find_java)"

# --- the benchmark jar, rebuilt when a source or pom is newer
stale=""
if [[ -f "$JAR" ]]; then
  stale="$(find "$ROOT"/pom.xml "$ROOT"/rec4j-engine "$ROOT"/rec4j-core "$ROOT"/rec4j-bench \
    \( -path '*/target' -prune \) -o \( -newer "$JAR" \( -name '*.java' -o -name 'pom.xml' -o -path '*/resources/*' \) -print \) \
    2>/dev/null | head -n 1)"
fi
if [[ -n "$stale" || ! -f "$JAR" ]]; then
  echo "compare-torch: building the benchmark jar${stale:+ (sources changed)}..." >&2
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")" \
    "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -pl rec4j-bench -am package -DskipTests >&2
fi

# --- Debian's PyTorch
if ! "$PY" -c 'import torch, numpy' 2>/dev/null; then
  echo "compare-torch: $PY cannot import torch; installing python3-torch python3-numpy..." >&2
  apt=(apt-get -o DPkg::Lock::Timeout=900 install -y python3-torch python3-numpy)
  if [[ $EUID -eq 0 ]]; then "${apt[@]}" >&2
  elif command -v sudo >/dev/null 2>&1; then sudo "${apt[@]}" >&2
  else die "python3-torch is missing and this user cannot install it: apt-get install -y python3-torch python3-numpy"
  fi
  "$PY" -c 'import torch, numpy' || die "$PY still cannot import torch after the install"
fi

# --- an optimized BLAS for PyTorch, and what it actually loaded
torch_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
if ! ls /usr/lib/x86_64-linux-gnu/openblas-*/libblas.so.3 >/dev/null 2>&1; then
  echo "compare-torch: no OpenBLAS installed (PyTorch would use the reference BLAS); installing libopenblas0-pthread..." >&2
  apt=(apt-get -o DPkg::Lock::Timeout=900 install -y libopenblas0-pthread)
  if [[ $EUID -eq 0 ]]; then "${apt[@]}" >&2 || true
  elif command -v sudo >/dev/null 2>&1; then sudo "${apt[@]}" >&2 || true
  fi
fi
"${torch_env[@]}" OMP_NUM_THREADS="$torch_threads" "$PY" - > "$out/torch-blas.json" <<'PYEOF'
import ctypes, json, torch
blas = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.lower() and l.split()[-1].startswith("/")})
info = {"torch_version": torch.__version__, "blas_libraries": blas, "openblas_core": None, "openblas_config": None}
for line in torch.__config__.show().splitlines():
    if "CPU capability usage" in line:
        info["torch_cpu_capability"] = line.split(":", 1)[1].strip()
for p in blas:
    try:
        lib = ctypes.CDLL(p)
        lib.openblas_get_corename.restype = ctypes.c_char_p
        lib.openblas_get_config.restype = ctypes.c_char_p
        info["openblas_core"] = lib.openblas_get_corename().decode()
        info["openblas_config"] = lib.openblas_get_config().decode()
        break
    except (OSError, AttributeError):
        pass
print(json.dumps(info))
PYEOF
torch_blas="$(cat "$out/torch-blas.json")"
echo "compare-torch: PyTorch BLAS: $torch_blas" >&2
if [[ "$torch_blas" == *'"openblas_core": null'* && $allow_reference_blas -eq 0 ]]; then
  die "PyTorch is not using OpenBLAS ($out/torch-blas.json): a reference-BLAS PyTorch is not a fair reference; install libopenblas0-pthread or pass --allow-reference-blas"
fi
cpu_model="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
cpu_family="$(awk -F': ' '/^cpu family/ {print $2; exit}' /proc/cpuinfo)"
cpu_model_no="$(awk -F': ' '/^model\t/ {print $2; exit}' /proc/cpuinfo)"
cpu_flags="$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx2|avx512f|avx512bw|avx512vl|fma)$' | tr '\n' ' ' | sed 's/ $//')"

# --- the interleaved runs
rec4j_cmd=("$JAVA" --add-modules jdk.incubator.vector)
# shellcheck disable=SC2206
[[ -n "${REC4J_JAVA_OPTS:-}" ]] && rec4j_cmd+=(${REC4J_JAVA_OPTS})
rec4j_cmd+=(-cp "$JAR" org.rec4j.bench.Workload --workload "$rec4j_workload" --threads "$threads" --epochs "$epochs"
  --data-root "$data_root")
if [[ "$workload" == rating ]]; then
  [[ -n "$models" ]] && rec4j_cmd+=(--models "$models")
  torch_cmd=("${torch_env[@]}" "$PY" "$torch_dir/torch_rating.py" --folds 1 --epochs "$epochs" --threads "$torch_threads"
    --data "$data_root/ml-100k" --models "${models:-ncf,widedeep,neumf}")
elif [[ "$workload" == lightgcn ]]; then
  torch_cmd=("${torch_env[@]}" "$PY" "$torch_dir/torch_lightgcn.py" --epochs "$epochs" --eval-every "$epochs" --threads "$torch_threads"
    --data "$data_root/lastfm")
elif [[ "$workload" == sasrec ]]; then
  rec4j_cmd+=(--models sasrec)
  torch_cmd=("${torch_env[@]}" "$PY" "$torch_dir/torch_sasrec.py" --epochs "$epochs" --eval-every "$epochs" --threads "$torch_threads"
    --data "$data_root/amazon-games/Video.txt")
else
  torch_cmd=("${torch_env[@]}" "$PY" "$torch_dir/torch_ncf.py" --model "$workload" --factors 8 --epochs "$epochs" --threads "$torch_threads"
    --data "$data_root/ml-1m/ncf" --no-init-eval)
fi
printf '%q ' "${rec4j_cmd[@]}" > "$out/commands.txt"; echo >> "$out/commands.txt"
printf '%q ' "${torch_cmd[@]}" >> "$out/commands.txt"; echo >> "$out/commands.txt"
echo "compare-torch: $workload, $epochs epochs, rec4j $threads thread(s), torch $torch_threads thread(s), $pairs pair(s); logs in $out" >&2

run() { # name pair command...: runs the command, logging stdout and stderr; fails with the stderr tail
  local name="$1" pair="$2"; shift 2
  local t0=$SECONDS
  echo "compare-torch: pair $pair: $name (load $(cut -d' ' -f1 /proc/loadavg))..." >&2
  if ! "$@" > "$out/pair$pair-$name.out" 2> "$out/pair$pair-$name.err"; then
    tail -n 5 "$out/pair$pair-$name.err" >&2
    die "$name run of pair $pair failed (logs: $out/pair$pair-$name.{out,err})"
  fi
  echo "compare-torch: pair $pair: $name done in $((SECONDS - t0)) s" >&2
}
for ((p = 1; p <= pairs; p++)); do
  run rec4j "$p" "${rec4j_cmd[@]}"
  run torch "$p" "${torch_cmd[@]}"
done

# --- the table and the summary line
"$PY" - "$workload" "$out" "$pairs" "$epochs" "$threads" "$torch_threads" "$cpu_model" "$cpu_family" "$cpu_model_no" "$cpu_flags" <<'PYEOF'
import json, statistics, sys

workload, out, pairs, epochs, threads, torch_threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
cpu = {"model": sys.argv[7], "family": sys.argv[8], "model_number": sys.argv[9], "flags": sys.argv[10]}
torch_blas = json.load(open(f"{out}/torch-blas.json"))

def json_lines(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    pass
    if not rows:
        sys.exit(f"compare-torch: error: no JSON result line in {path}")
    return rows

def fmt(x, spec):
    return "n/a" if x is None else format(x, spec)

def ncf_pair(p):
    a = json_lines(f"{out}/pair{p}-rec4j.out")[-1]
    b = json_lines(f"{out}/pair{p}-torch.out")[-1]
    q = a.get("quality", {})
    if workload == "lightgcn":
        tq = {"recall@20": b.get("recall@20"), "ndcg@20": b.get("ndcg@20")}
        rq = {"recall@20": q.get("recall@20"), "ndcg@20": q.get("ndcg@20")}
    else:
        tq = ({"hr@10": b.get("hr@10"), "ndcg@10": b.get("ndcg@10")} if workload == "sasrec"
              else {"hr@10": b.get("final_hr10"), "ndcg@10": b.get("final_ndcg10")})
        rq = {"hr@10": q.get("hr@10"), "ndcg@10": q.get("ndcg@10")}
    return {"model": workload, "rec4j_samples_per_s": a["train_samples_per_s"], "torch_samples_per_s": b["median_samples_per_s"],
            "rec4j_quality": rq,
            "torch_quality": tq,
            "rec4j_seconds_per_epoch": a.get("seconds_per_epoch"), "torch_seconds_per_epoch": b.get("median_train_s"),
            "rec4j_peak_rss_mb": a.get("peak_rss_mb"), "rec4j_foreign_cores": a.get("foreign_cores"), "torch_foreign_cores": b.get("median_foreign_cores"), "load_avg": a.get("load_avg")}

def rating_pairs(p):
    ours = {r["model"]: r for r in json_lines(f"{out}/pair{p}-rec4j.out") if "workload" in r}
    theirs = {r["model"]: r for r in json_lines(f"{out}/pair{p}-torch.out") if "fold" in r}
    rows = []
    for m, a in ours.items():
        b = theirs.get(m)
        if b is None:
            sys.exit(f"compare-torch: error: torch printed no result for model {m} in pair {p}")
        rows.append({"model": m, "rec4j_samples_per_s": a["train_samples_per_s"], "torch_samples_per_s": b["median_samples_per_s"],
                     "rec4j_quality": a["quality"], "torch_quality": {"rmse": b["rmse"], "mae": b["mae"]},
                     "rec4j_seconds_per_epoch": a.get("seconds_per_epoch"), "torch_seconds_per_epoch": b.get("median_train_s"),
                     "rec4j_peak_rss_mb": a.get("peak_rss_mb"), "rec4j_foreign_cores": a.get("foreign_cores"), "torch_foreign_cores": b.get("median_foreign_cores"), "load_avg": a.get("load_avg")})
    return rows

rows = []
for p in range(1, pairs + 1):
    for r in (rating_pairs(p) if workload == "rating" else [ncf_pair(p)]):
        r["pair"] = p
        r["ratio"] = r["rec4j_samples_per_s"] / r["torch_samples_per_s"] if r["torch_samples_per_s"] else None
        rows.append(r)

keys = ["rmse", "mae"] if workload == "rating" else ["recall@20", "ndcg@20"] if workload == "lightgcn" else ["hr@10", "ndcg@10"]
print(f"{'pair':>4} {'model':<9} {'rec4j samples/s':>16} {'torch samples/s':>16} {'ratio':>7}   "
      f"{'rec4j ' + '/'.join(keys):>20} {'torch ' + '/'.join(keys):>20}  load  foreign cores rec4j/torch")
for r in rows:
    qa = "/".join(fmt(r["rec4j_quality"].get(k), ".4f") for k in keys)
    qb = "/".join(fmt(r["torch_quality"].get(k), ".4f") for k in keys)
    print(f"{r['pair']:>4} {r['model']:<9} {r['rec4j_samples_per_s']:>16,.0f} {r['torch_samples_per_s']:>16,.0f} "
          f"{fmt(r['ratio'], '7.2f'):>7}   {qa:>20} {qb:>20}  {fmt(r['load_avg'], '.2f'):>5}  {fmt(r['rec4j_foreign_cores'], '.2f')}/{fmt(r['torch_foreign_cores'], '.2f')}")
models = list(dict.fromkeys(r["model"] for r in rows))
medians = {m: statistics.median(r["ratio"] for r in rows if r["model"] == m and r["ratio"] is not None) for m in models}
for m in models:
    print(f"median ratio {m}: {medians[m]:.2f}x over {sum(r['model'] == m for r in rows)} pair(s)")
rec4j_kernels = json_lines(f"{out}/pair1-rec4j.out")[-1].get("kernels")
print(f"cpu: {cpu['model']} (family {cpu['family']} model {cpu['model_number']}; {cpu['flags']}); rec4j kernels {rec4j_kernels}; "
      f"torch {torch_blas.get('torch_version')} {torch_blas.get('torch_cpu_capability')}, BLAS {torch_blas.get('openblas_config') or torch_blas.get('blas_libraries')}")
summary = {"compare": workload, "epochs": epochs, "pairs": pairs, "rec4j_threads": threads, "torch_threads": torch_threads,
           "cpu": cpu, "rec4j_kernels": rec4j_kernels, "torch_blas": torch_blas,
           "median_ratio": medians[models[0]] if len(models) == 1 else statistics.median(medians.values()),
           "median_ratio_by_model": medians, "runs": rows, "logs": out}
print(json.dumps(summary))
PYEOF
