#!/usr/bin/env bash
# Runs a command with Node 22 LTS first on PATH.
#
# The project targets Node 22 (see .nvmrc and "engines"). Where the machine's
# own Node is older, the official Node 22 binary is taken from the npm package
# node-<os>-<arch>@22 (the npm registry is the only source we rely on) and kept
# under .tools/ in the repository. Usage: tools/node22.sh <command> [args...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
required_major=22
required_minor=18 # type stripping and require(esm) on by default

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v major minor
  v="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%.*}"
  [ "$major" -gt "$required_major" ] || { [ "$major" -eq "$required_major" ] && [ "$minor" -ge "$required_minor" ]; }
}

if ! node_ok; then
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os="" ;; esac
  case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch="" ;; esac
  if [ -z "$os" ] || [ -z "$arch" ]; then
    echo "Node.js >= ${required_major}.${required_minor} is required; install Node 22 LTS for $(uname -s)/$(uname -m)." >&2
    exit 1
  fi
  pkg="node-${os}-${arch}"
  prefix="$root/.tools/node${required_major}"
  bin="$prefix/node_modules/$pkg/bin"
  if ! PATH="$bin:$PATH" node_ok; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "npm is needed once to fetch Node ${required_major} (package $pkg); install Node.js and npm first." >&2
      exit 1
    fi
    echo "Fetching Node ${required_major} from the npm package ${pkg}@${required_major} into .tools/ ..." >&2
    mkdir -p "$prefix"
    npm install --silent --no-save --no-package-lock --ignore-scripts --prefix "$prefix" "${pkg}@${required_major}" >&2
  fi
  export PATH="$bin:$PATH"
  node_ok || { echo "could not provide Node >= ${required_major}.${required_minor}" >&2; exit 1; }
fi

exec "$@"
