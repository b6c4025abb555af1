#!/usr/bin/env bash
# Proves the README's quick start on a machine without the project's Debian packages, the way a
# new user or a fresh CI machine meets it:
#   1. removes the packages (and what was installed only for them) from this machine;
#   2. without root, `npm test` in a fresh clone prints the apt-get line first and runs nothing else;
#   3. as root, `.ci/run` (exactly `npm ci && npm test`) in a fresh clone installs them and passes;
#   4. puts back any of the packages that were installed before and are missing now.
# Needs root (it runs apt-get). Takes as long as a full test run plus the package installs.
#   --keep      keep the clones (their folders are printed)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The packages scripts/setup-system.sh installs, and a file each one provides.
packages=(chromium libkrb5-dev ripgrep ffmpeg nginx-light)
probes=(/usr/bin/chromium /usr/include/krb5.h /usr/bin/rg /usr/bin/ffmpeg /usr/sbin/nginx)
keep=0
[[ ${1:-} == --keep ]] && keep=1

say() { echo "check-bare-machine: $*"; }
fail() { say "FAILED: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "run as root: it removes and reinstalls Debian packages"
command -v apt-get >/dev/null || fail "apt-get is not available"
command -v runuser >/dev/null || fail "runuser (util-linux) is needed for the unprivileged step"

installed_before=()
for i in "${!packages[@]}"; do
  [[ -e ${probes[$i]} ]] && installed_before+=("${packages[$i]}")
done

work=$(mktemp -d -t bare-machine.XXXXXX)
chmod 755 "$work"
restore() {
  local status=$?
  local missing=()
  for pkg in "${installed_before[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    say "restoring ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null || say "could not reinstall ${missing[*]}" >&2
  fi
  if [[ $keep -eq 1 ]]; then say "clones kept in $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap restore EXIT

# 1. A bare machine: the packages and the libraries that came only with them are gone.
say "removing ${packages[*]}"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "${packages[@]}" >"$work/remove.log" 2>&1 || true
DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y -q >>"$work/remove.log" 2>&1 || true
for probe in "${probes[@]}"; do
  [[ -e $probe ]] && fail "$probe is still present after removing the packages (see $work/remove.log)"
done

# The clones hold the committed project, as CI sees it, with shared/ beside them.
clone() {
  local dir=$1
  git clone -q "$root" "$dir/repo"
  if [[ -d $root/../shared ]]; then cp -r "$root/../shared" "$dir/shared"; fi
}

# 2. Without root, nothing half-runs: the first line the project prints is the apt-get line.
say "without root: npm test must stop at once and print the apt-get line first"
mkdir -p "$work/user"
clone "$work/user"
(cd "$work/user/repo" && npm ci --no-audit --no-fund >"$work/user/npm-ci.log" 2>&1) || fail "npm ci failed (see $work/user/npm-ci.log)"
mkdir -p "$work/user/home"
chown -R nobody "$work/user/home"
chmod -R a+rX "$work/user"
set +e
(cd "$work/user/repo" && runuser -u nobody -- env HOME="$work/user/home" npm_config_cache="$work/user/home/.npm" \
  npm test >"$work/user/out.log" 2>"$work/user/err.log")
user_status=$?
set -e
first_line=$(head -n 1 "$work/user/err.log")
[[ $user_status -ne 0 ]] || fail "npm test without root and without the packages exited 0"
[[ $first_line == "apt-get update && apt-get install -y -q "* ]] || fail "the first line printed was '$first_line', not the apt-get line"
# npm's own "> script" banners go to stdout; the project itself must print nothing there.
if grep -v -e '^> ' -e '^$' "$work/user/out.log" >/dev/null; then
  fail "npm test printed more than npm's banners before stopping: $(grep -v -e '^> ' -e '^$' "$work/user/out.log" | head -n 3)"
fi
for made in out dist .cache; do
  [[ ! -e "$work/user/repo/$made" ]] || fail "npm test without root went on and made $made/"
done
say "ok: '$first_line'"

# 3. As root, CI's own command in a fresh clone installs everything and passes.
say "as root: CI=true bash .ci/run in a fresh clone (installs the packages, then every test)"
mkdir -p "$work/root"
clone "$work/root"
start=$SECONDS
set +e
(cd "$work/root/repo" && CI=true bash .ci/run </dev/null >"$work/root/ci.log" 2>&1)
ci_status=$?
set -e
elapsed=$((SECONDS - start))
if [[ $ci_status -ne 0 ]]; then
  tail -n 60 "$work/root/ci.log" >&2
  keep=1
  fail ".ci/run exited $ci_status after ${elapsed} s (log: $work/root/ci.log)"
fi
for probe in "${probes[@]}"; do
  [[ -e $probe ]] || fail "$probe is missing after a passing run: an install step is missing"
done
grep -E '^ *[0-9]+ passing' "$work/root/ci.log" | sed 's/^ */check-bare-machine: mocha: /'
say "ok: npm ci && npm test passed on the bare machine in ${elapsed} s, package installs included"
