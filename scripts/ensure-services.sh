#!/usr/bin/env bash
# Start the PostgreSQL and Redis the tests talk to when they are installed but not running.
# Fails loudly: the suite must never silently skip the real components.
# Usage: ensure-services.sh [postgres] [redis]   (both when none is named)
set -uo pipefail
wanted="${*:-postgres redis}"
want() { [[ " $wanted " == *" $1 "* ]]; }
pg_ok() { ! want postgres || pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_ok() { ! want redis || redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; }

if ! pg_ok; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
fi
if ! redis_ok; then
  if command -v redis-server >/dev/null; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir /tmp --logfile /tmp/videoklub-redis.log || true
  fi
fi

for _ in $(seq 1 30); do
  pg_ok && redis_ok && exit 0
  sleep 1
done
pg_ok || echo "ERROR: PostgreSQL is not reachable on 127.0.0.1:5432" >&2
redis_ok || echo "ERROR: Redis is not reachable on 127.0.0.1:6379" >&2
exit 1
