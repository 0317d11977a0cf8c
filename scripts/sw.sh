#!/usr/bin/env bash
# Trunk post_build hook (see Trunk.toml): writes sw.js into the staged site from static/sw.js, with the
# list of the files this build wrote (hashed names) and a version derived from their contents, so
# each deployment gets its own cache and the worker's list always matches the build.
set -euo pipefail
src=${TRUNK_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
cd "${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}"
files=$(find . -maxdepth 1 -type f ! -name sw.js ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort)
[ -n "$files" ] || { echo "sw.sh: nothing staged in $PWD" >&2; exit 1; }
# shellcheck disable=SC2086 # names from Trunk have no spaces
version=$(cat $files | cksum | awk '{print $1 "-" $2}')
list=$(printf '"%s",' $files)
sed -e "s|/\*ASSETS\*/|${list%,}|" -e "s|/\*VERSION\*/|$version|" "$src/static/sw.js" >sw.js
