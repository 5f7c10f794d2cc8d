# shellcheck shell=bash disable=SC2154 # $top and $bench_dir come from the script that sources this
# Shared by the scripts/bench-* benchmarks (sourced, not run).
# Expects $top (the checkout) and $bench_dir (work folder outside the checkout).

say() { printf '%s\n' "$*" >&2; }

# The benchmark's Python: a venv under $bench_dir with the given PyPI packages.
ensure_venv() {
  ensure_venv_at "$bench_dir/venv" "$@"
}

# ensure_venv_at DIR PACKAGE...: a venv in DIR with the packages (NAME or NAME==VERSION, the
# version then checked too); sets $venv and $py.
ensure_venv_at() {
  venv="$1"; shift
  py="$venv/bin/python"
  if [ ! -x "$py" ]; then
    say "bench: creating $venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
    "$py" -m pip install -q --upgrade pip >&2
  fi
  local missing=() pkg installed
  for pkg in "$@"; do
    installed=$("$py" -m pip show "${pkg%%==*}" 2>/dev/null | sed -n 's/^Version: //p' || true)
    if [ -z "$installed" ] || { [[ "$pkg" == *==* ]] && [ "$installed" != "${pkg#*==}" ]; }; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "bench: pip install ${missing[*]} (into $venv)"
    "$py" -m pip install -q "${missing[@]}" >&2
  fi
}

# apt_install COMMAND_OR_FILE PACKAGE...: installs the Debian packages when the command (or
# file) is missing and we are root; returns non-zero when it is still missing.
apt_install() {
  local what="$1"; shift
  if command -v "$what" >/dev/null 2>&1 || [ -e "$what" ]; then return 0; fi
  if [ "$(id -u)" != 0 ]; then
    say "bench: $what is missing and we are not root: skipping what needs it (apt-get install $*)"
    return 1
  fi
  say "bench: apt-get install $*"
  if ! (apt-get install -y -q "$@" >&2 || { apt-get update -q >&2 && apt-get install -y -q "$@" >&2; }); then
    say "bench: could not install $*"
    return 1
  fi
}

# Builds target/harvest.jar now, so that no timed run pays for a build and the jar matches
# what is installed (the libjpeg-turbo route is compiled in only when its binding exists).
build_harvest() {
  say "bench: building Harvest (mvn package)"
  (cd "$top" && mvn -B -q -DskipTests package) >&2
}

# Reads every file once, so that the first timed route does not pay for the disk.
warm_cache() {
  find "$1" -type f -print0 | xargs -0 cat >/dev/null
}

# Notes which commit and branch are measured, for the report.
record_checkout() {
  local commit branch
  commit=$(git -C "$top" describe --always --dirty 2>/dev/null || echo '?')
  branch=$(git -C "$top" rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?')
  echo "$commit on branch $branch" >"$1"
}

# harvest_has_job JOB: whether this checkout's scripts/harvest knows the job (its --help names it).
harvest_has_job() {
  [[ "$("$top/scripts/harvest" "$1" --help 2>/dev/null)" == *"harvest $1"* ]]
}

# Compiles the test classes, where the benchmarks' servers live, and writes their classpath.
compile_bench_servers() {
  say "bench: compiling the benchmark server (test classes)"
  (cd "$top" && mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt) >&2
}

# start_bench_server CLASS RUN_DIR ARGS...: starts io.harvest.testing.CLASS in its own JVM (1 GiB
# heap) on 127.0.0.1, waits for its port, and sets $server_pid, $port and $base; the server is
# stopped when the script exits. Its log is RUN_DIR/server.log.
start_bench_server() {
  local class="$1" dir="$2"; shift 2
  java -Xmx1g -Xms1g -cp "$top/target/test-classes:$(cat "$top/target/bench-classpath.txt")" \
    "io.harvest.testing.$class" "$@" --port-file "$dir/port" >"$dir/server.log" 2>&1 &
  server_pid=$!
  trap 'kill "$server_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 600); do
    [ -s "$dir/port" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -s "$dir/port" ] || { say "bench: the server did not start in 60 s"; cat "$dir/server.log" >&2; exit 1; }
  port=$(cat "$dir/port")
  base="http://127.0.0.1:$port"
}

# server_stats [/reset]: the bench server's counters (JSON), or restarts its peak of requests waiting.
server_stats() {
  "$py" -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())' \
    "$base/stats${1:-}"
}

# server_ceiling RUN_DIR PATHS_FILE CONNECTIONS...: the server's ceiling measured with wrk
# (2 threads, keep-alive), every connection walking through the paths of PATHS_FILE (one a
# line, e.g. /page/0.html) as the benchmark's clients do; after a 5 s warm-up, 10 s at each
# number of connections, into RUN_DIR/wrk-<connections>.txt (read by benchlib.ceiling).
server_ceiling() {
  local dir="$1" paths="$2" c; shift 2
  say "bench: warming the server up, then its ceiling with wrk at $* connections"
  wrk -t2 -c"$1" -d5s -s "$top/scripts/bench/rotate.lua" "$base/" -- "$paths" >/dev/null
  for c in "$@"; do
    wrk -t2 -c"$c" -d10s --timeout 10s -s "$top/scripts/bench/rotate.lua" "$base/" -- "$paths" >"$dir/wrk-$c.txt"
    grep -E 'Requests/sec|Transfer/sec|Latency|Socket errors|Non-2xx' "$dir/wrk-$c.txt" | sed "s/^/  wrk -c$c: /" >&2
  done
}
