#!/usr/bin/env bash
# `npm run build`: compiles the processes and the operator's tools to JavaScript (tsconfig.build.json)
# and copies what they read from disk at run time next to them, so production runs `node dist/...`.
#   scripts/build.sh [outDir] [tsc options]   # default dist/; the build test uses its own directory
# The output must stay inside the project: Node finds package.json ("type": "module") and
# node_modules by walking up from it.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"
shift || true
rm -rf "$out"
node_modules/.bin/tsc -p tsconfig.build.json --outDir "$out" "$@"
# src/db/migrate.ts reads ../../migrations relative to itself: dist/src/db → dist/migrations.
cp -r migrations "$out/migrations"
# The web app, served from dist/web by src/plugins/web-app.ts (the build test compiles elsewhere and
# does not need it).
if [ "$out" = dist ]; then node_modules/.bin/tsx scripts/web/build.ts --force; fi
