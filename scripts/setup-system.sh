#!/usr/bin/env bash
# Installs the Debian packages the project needs (browser, code-server build deps, encoder, web
# server). Idempotent: a ready machine only pays for a few file checks.
set -euo pipefail

# package -> file that proves it is installed
declare -A probe=(
  [chromium]=/usr/bin/chromium
  [libkrb5-dev]=/usr/include/krb5.h
  [ripgrep]=/usr/bin/rg
  [ffmpeg]=/usr/bin/ffmpeg
  [nginx-light]=/usr/sbin/nginx
)
order=(chromium libkrb5-dev ripgrep ffmpeg nginx-light)

missing=()
for pkg in "${order[@]}"; do
  [[ -e "${probe[$pkg]}" ]] || missing+=("$pkg")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup-system: all system packages present"
  exit 0
fi

install_cmd="apt-get install -y -q ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: missing ${missing[*]} and apt-get is not available; install them with your package manager" >&2
  exit 1
fi
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  # The command comes first so it can be copied as it is; nothing else has run yet.
  echo "apt-get update && $install_cmd" >&2
  echo "setup-system: the Debian packages above are missing (${missing[*]}); run that line as root, then run this command again" >&2
  exit 1
fi

# Package installs must not start services (nginx would listen on port 80 of every interface);
# policy-rc.d answering 101 is Debian's documented way to say so. Only add one if none exists.
policy=/usr/sbin/policy-rc.d
added_policy=0
log=$(mktemp -t setup-system.XXXXXX)
cleanup() {
  rm -f "$log"
  if [[ $added_policy -eq 1 ]]; then "${sudo[@]}" rm -f "$policy"; fi
}
trap cleanup EXIT
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  added_policy=1
fi

run() {
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive "$@" >"$log" 2>&1; then
    echo "setup-system: '$*' failed; last lines of its output:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}
echo "setup-system: apt-get update"
run apt-get update -q
echo "setup-system: installing ${missing[*]}"
start=$SECONDS
run apt-get install -y -q "${missing[@]}"
echo "setup-system: installed ${missing[*]} in $((SECONDS - start)) s"
