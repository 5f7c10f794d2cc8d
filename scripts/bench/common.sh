# shellcheck shell=bash disable=SC2154 # $top and $bench_dir come from the script that sources this
# Shared by scripts/bench-thumbnails and scripts/bench-fetch (sourced, not run).
# Expects $top (the checkout) and $bench_dir (work folder outside the checkout).

say() { printf '%s\n' "$*" >&2; }

# The benchmark's Python: a venv under $bench_dir with the given PyPI packages.
ensure_venv() {
  venv="$bench_dir/venv"
  py="$venv/bin/python"
  if [ ! -x "$py" ]; then
    say "bench: creating $venv"
    python3 -m venv "$venv"
    "$py" -m pip install -q --upgrade pip >&2
  fi
  local missing=()
  for pkg in "$@"; do
    "$py" -m pip show -q "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "bench: pip install ${missing[*]}"
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
