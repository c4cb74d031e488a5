#!/usr/bin/env bash
# `npm start`: set up what is missing, then run the API and the workers (scripts/start.ts).
set -euo pipefail
source "$(dirname "$0")/services.sh"
ensure_node_modules
ensure_secrets
ensure_pdf_tools
ensure_postgres vanthu
ensure_redis
cd "$VANTHU_ROOT"
# The web app (dist/web), rebuilt only when its sources changed since the last build.
node_modules/.bin/tsx scripts/web/build.ts
exec node_modules/.bin/tsx scripts/start.ts
