#!/usr/bin/env bash
# `npm test`: the same set-up as `npm start`, into a separate test database (never the demo one),
# then the whole vitest suite. Extra arguments go to vitest (e.g. a file filter).
set -euo pipefail
source "$(dirname "$0")/services.sh"
ensure_node_modules
ensure_secrets
ensure_pdf_tools
ensure_chromium
if [ -n "${DATABASE_URL:-}" ]; then
  # Never run the suite against the configured (possibly production) database.
  export DATABASE_URL="${TEST_DATABASE_URL:?set TEST_DATABASE_URL when DATABASE_URL is set}"
else
  ensure_postgres vanthu_test
fi
ensure_redis
cd "$VANTHU_ROOT"
# The whole suite starts with the guardrails: lint, the format check (Prettier, .prettierrc.json;
# `npm run format` fixes), the dependency rules (.dependency-cruiser.cjs), then the type checks of the
# server and the web app; a filtered run (arguments given) skips them.
if [ $# -eq 0 ]; then
  node_modules/.bin/eslint .
  node_modules/.bin/prettier --check --log-level warn .
  npm run -s deps
  node_modules/.bin/tsc --noEmit -p .
  node_modules/.bin/tsc --noEmit -p src/web
fi
exec node_modules/.bin/vitest run --config test/vitest.config.ts "$@"
