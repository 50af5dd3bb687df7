#!/usr/bin/env bash
# Installs everything crmerge needs to build and test, idempotently:
#   1. the Debian packages (only the missing ones; apt is not touched otherwise),
#   2. DuckDB, pinned, from the npm registry, verified against the sha512
#      integrity values recorded in scripts/duckdb.lock before anything is unpacked.
# Safe to run any number of times; a second run does nothing and takes well under a second.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# ---------------------------------------------------------------- Debian packages
packages=(
  g++ make cmake pkg-config git ca-certificates ccache curl jq openssl bsdutils
  libgtest-dev libgmock-dev libbenchmark-dev
  libphonenumber-dev libcpp-httplib-dev nlohmann-json3-dev libcli11-dev
  libsqlite3-dev libcurl4-openssl-dev libssl-dev libxxhash-dev libpsl-dev liburing-dev
  clang libclang-rt-14-dev
)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

# ---------------------------------------------------------------- DuckDB (pinned)
# scripts/duckdb.lock: one line per npm package: <name@version> <sha512 integrity> <file inside the package> <destination>
dest_root="$root/third_party/duckdb"
stamp="$dest_root/.installed"
lock="$root/scripts/duckdb.lock"
if [ -f "$stamp" ] && cmp -s "$stamp" "$lock" \
   && [ -f "$dest_root/lib/libduckdb.so" ] && [ -f "$dest_root/include/duckdb.h" ]; then
  exit 0
fi

echo "setup: fetching pinned DuckDB from the npm registry"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$dest_root"
mkdir -p "$dest_root/include" "$dest_root/lib"
while read -r spec integrity member target; do
  case "$spec" in ""|"#"*) continue ;; esac
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tgz=$(ls -t "$work"/*.tgz | head -n 1)
  actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "setup: integrity check FAILED for $spec" >&2
    echo "  expected $integrity" >&2
    echo "  got      $actual" >&2
    exit 1
  fi
  mkdir -p "$work/x"
  tar -xzf "$tgz" -C "$work/x" "$member"
  install -m 0644 "$work/x/$member" "$dest_root/$target"
  rm -rf "$work/x" "$tgz"
  echo "setup: $spec verified ($member -> third_party/duckdb/$target)"
done < "$lock"
cp "$lock" "$stamp"
