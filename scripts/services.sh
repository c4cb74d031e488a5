#!/usr/bin/env bash
# Makes sure of everything vanthu needs on a fresh Debian/Ubuntu machine (root, no Docker):
# node_modules, PostgreSQL (unless DATABASE_URL is set), Redis (unless REDIS_URL is set) and the
# development secrets. Sourced by start.sh and test.sh; idempotent, so a second run reuses what exists.
# The S3 server is not started here: scripts/start.ts and the test global setup run it as a child
# process (it must live exactly as long as they do).
set -euo pipefail

VANTHU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="$VANTHU_ROOT/data"
mkdir -p "$DATA_DIR"

log() { printf '[setup] %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
  if [ "$(id -u)" != "0" ]; then
    log "missing packages ($*) and not root: install them or set the *_URL settings"; exit 1
  fi
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_node_modules() {
  # package-lock.json is committed: `npm ci` gives the exact tree; a stamp avoids re-installing.
  if [ ! -d "$VANTHU_ROOT/node_modules" ] || [ "$VANTHU_ROOT/package-lock.json" -nt "$VANTHU_ROOT/node_modules/.vanthu-installed" ]; then
    log "installing npm dependencies"
    (cd "$VANTHU_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$VANTHU_ROOT/node_modules/.vanthu-installed"
  fi
}

ensure_secrets() {
  # Development secrets, generated once and kept under ./data. Production sets them explicitly;
  # the application refuses to start without them.
  local f="$DATA_DIR/dev-secrets.env"
  if [ ! -f "$f" ]; then
    {
      echo "AUTH_TOKEN_SECRET=$(openssl rand -hex 32)"
      echo "KEY_ENCRYPTION_KEY=$(openssl rand -hex 32)"
    } >"$f"
    chmod 600 "$f"
  fi
  while IFS='=' read -r k v; do
    [ -n "$k" ] && [ -z "${!k:-}" ] && export "$k=$v"
  done <"$f"
  return 0
}

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1; }

# ensure_postgres <database> [<database> ...]: local server, role vanthu, the databases.
ensure_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then return 0; fi
  if [ -z "$(pg_version)" ]; then log "installing PostgreSQL"; apt_install postgresql postgresql-contrib; fi
  local ver; ver="$(pg_version)"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$ver main$"; then
    log "creating PostgreSQL cluster $ver/main"; pg_createcluster "$ver" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting PostgreSQL $ver"
    pg_ctlcluster "$ver" main start
  fi
  local port; port="$(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $3}')"
  local psql=(runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtAX)
  for _ in $(seq 1 30); do "${psql[@]}" -c 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='vanthu'")" != "1" ]; then
    "${psql[@]}" -c "create role vanthu login createdb password 'vanthu'"
  fi
  local db
  for db in "$@"; do
    if [ "$("${psql[@]}" -c "select 1 from pg_database where datname='$db'")" != "1" ]; then
      log "creating database $db"
      "${psql[@]}" -c "create database \"$db\" owner vanthu"
    fi
    # ltree serves the organisation tree; extensions need a superuser to create.
    "${psql[@]}" -d "$db" -c "set client_min_messages = warning; create extension if not exists ltree; create extension if not exists unaccent; create extension if not exists pg_trgm"
  done
  export DATABASE_URL="postgres://vanthu:vanthu@127.0.0.1:$port/$1"
}

ensure_redis() {
  if [ -n "${REDIS_URL:-}" ]; then return 0; fi
  if ! command -v redis-server >/dev/null; then log "installing Redis"; apt_install redis-server; fi
  local port=6379
  if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
    log "starting Redis on 127.0.0.1:$port"
    mkdir -p "$DATA_DIR/redis"
    # No persistence: PostgreSQL is the truth and the outbox reconciler rebuilds lost jobs.
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
      --dir "$DATA_DIR/redis" --logfile "$DATA_DIR/redis/redis.log" --maxmemory-policy noeviction
    for _ in $(seq 1 30); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.2; done
  fi
  export REDIS_URL="redis://127.0.0.1:$port"
}

# The independent PDF checkers used by the signing tests (pdftotext too), and DejaVu Sans: the font of
# signature appearances and of the registers' PDF exports.
ensure_pdf_tools() {
  local missing=()
  command -v pdfsig >/dev/null || missing+=(poppler-utils)
  command -v qpdf >/dev/null || missing+=(qpdf)
  command -v certutil >/dev/null || missing+=(libnss3-tools)
  command -v openssl >/dev/null || missing+=(openssl)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  if [ ${#missing[@]} -gt 0 ]; then log "installing ${missing[*]}"; apt_install "${missing[@]}"; fi
}

# The browser the web app's end-to-end tests drive (playwright-core with executablePath): Debian's
# package, since the browser builds some tools download cannot be fetched on these machines.
ensure_chromium() {
  command -v chromium >/dev/null || { log "installing chromium"; apt_install chromium; }
}
