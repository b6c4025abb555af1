#!/usr/bin/env bash
# Installs code-server (a real VS Code served to a browser) into .cache/code-server for the
# integration tests and the demo, and checks that it serves. Idempotent: skipped when the pinned
# version is already there.
set -euo pipefail

VERSION=4.100.3
# What code-server's bundled @vscode/ripgrep downloads in its postinstall; pre-seeding its cache
# with Debian's rg makes the install work without access to GitHub.
RIPGREP_CACHE=vscode-ripgrep-cache-1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir="$root/.cache/code-server"
pkg="$dir/node_modules/code-server"
bin="$dir/node_modules/.bin/code-server"
marker="$dir/.installed-$VERSION"
log="$root/.cache/code-server-install.log"

if [[ -f $marker && -x $bin ]] && grep -q "\"version\": \"$VERSION\"" "$pkg/package.json" 2>/dev/null; then
  echo "install-code-server: code-server $VERSION already installed"
  exit 0
fi

"$root/scripts/setup-system.sh"

rm -rf "$dir"
mkdir -p "$dir"
work=$(mktemp -d -t code-server-install.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/tmp/$RIPGREP_CACHE" "$work/rg" "$work/home"
cp "$(command -v rg)" "$work/rg/rg"
tar -czf "$work/tmp/$RIPGREP_CACHE/$RIPGREP_ASSET" -C "$work/rg" rg

# npm 11 warns about dependencies' install scripts that allowScripts does not approve, and is
# moving to skip them. code-server's postinstall builds VS Code's native modules through nested
# `npm install`s in lib/vscode; those are their own projects, which npm 11.19 still runs with a
# warning (an npm_config_allow_scripts for them is refused there: "not allowed in project-scoped
# installs"). The checks after the install catch the day npm skips them.
cat >"$dir/package.json" <<JSON
{
  "name": "code-server-cache",
  "private": true,
  "dependencies": { "code-server": "$VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON

echo "install-code-server: installing code-server $VERSION (about a minute; log in .cache/code-server-install.log)"
start=$SECONDS
# When run from `npm test`, the parent npm exports its own project's settings; drop the ones
# that would point the nested installs at the wrong project or policy.
unset npm_config_local_prefix npm_config_allow_scripts npm_config_ignore_scripts
if ! (cd "$dir" && env \
    TMPDIR="$work/tmp" \
    npm_config_unsafe_perm=true \
    npm_config_yes=true \
    npm_config_nodedir=/usr \
    npm_config_ignore_scripts=false \
    npm_config_strict_allow_scripts=false \
    npm install --no-audit --no-fund --omit=dev --foreground-scripts >"$log" 2>&1); then
  echo "install-code-server: npm install failed; last lines of $log:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi

# If npm skipped the install scripts the folder looks installed but cannot serve.
vscode="$pkg/lib/vscode"
for required in "$vscode/node_modules.asar" "$vscode/extensions/node_modules" \
    "$vscode/node_modules/@vscode/ripgrep/bin/rg" "$vscode/node_modules/node-pty/build/Release/pty.node" \
    "$vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" "$dir/node_modules/argon2/lib/binding"; do
  if [[ ! -e $required ]]; then
    echo "install-code-server: ${required#"$root/"} is missing: an install script did not run (see $log)" >&2
    exit 1
  fi
done
# code-server writes a default config into $HOME/.config on any start, even --version.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
reported=$("$bin" --version 2>/dev/null | tail -n 1)
if [[ $reported != "$VERSION "* ]]; then
  echo "install-code-server: code-server --version printed '$reported', expected $VERSION" >&2
  exit 1
fi

# It must also serve: start it on a free loopback port and load the workbench page.
port=$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
setsid "$bin" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --user-data-dir "$work/user-data" --extensions-dir "$work/extensions" --config "$work/config.yaml" \
  >"$work/serve.log" 2>&1 &
server=$!
served=0
node -e "
  const base = 'http://127.0.0.1:' + process.argv[1];
  const deadline = Date.now() + 30000;
  (async () => {
    for (;;) {
      try {
        const health = await fetch(base + '/healthz', { signal: AbortSignal.timeout(2000) });
        const page = health.ok && await fetch(base + '/', { signal: AbortSignal.timeout(10000) });
        if (page && page.ok && (await page.text()).includes('workbench')) process.exit(0);
      } catch {}
      if (Date.now() > deadline) process.exit(1);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
" "$port" && served=1
kill -TERM -- "-$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
if [[ $served -ne 1 ]]; then
  echo "install-code-server: the installed code-server does not serve its workbench; its output:" >&2
  tail -n 30 "$work/serve.log" >&2
  exit 1
fi
touch "$marker"
echo "install-code-server: code-server $VERSION installed in $((SECONDS - start)) s"
