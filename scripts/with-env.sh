#!/usr/bin/env bash
# Runs a project script with the development secrets loaded when they are not set (see services.sh),
# so `npm run db:seed`, `npm run audit:verify` and the benchmarks work after `npm start` with no setup.
set -euo pipefail
source "$(dirname "$0")/services.sh"
ensure_secrets
cd "$VANTHU_ROOT"
exec node_modules/.bin/tsx "$@"
