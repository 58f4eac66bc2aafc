#!/usr/bin/env bash
# Scale-out profile on one host: RASA_SERVERS Rasa servers (ports 5005, 5006, ...)
# and ACTION_SERVERS action servers (5055, 5056, ...) sharing one PostgreSQL tracker
# store and one Redis lock store. Put a load balancer in front of the Rasa ports
# (sticky sessions for socket.io) and, for several action servers, one in front of
# the action ports and point ACTION_SERVER_URL at it. Ctrl-C stops everything.
#
#   TRACKER_DB_URL=postgresql://rasa@127.0.0.1:5432/rasa TRACKER_DB_PASSWORD=... \
#   LOCK_STORE_URL=redis://127.0.0.1:6379/1 deploy/run_scale.sh
#
# Variables: RASA_SERVERS (default: number of cores), ACTION_SERVERS (default 1),
# RASA_HOST (127.0.0.1), RASA_API_TOKEN_FILE or RASA_API_TOKEN (enable the HTTP API,
# token-protected; read inside the server, never on the command line), ACTIONS_HOST
# (interface of the action servers, default 127.0.0.1: put them on another one only
# behind a firewall), ACTION_SERVER_URL (default: the first local action server),
# plus those of deploy/endpoints.scale.yml, and EVENT_BROKER_URL (events to RabbitMQ
# plus the insights consumer). The database must exist (createdb rasa).
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077  # logs private (files 0600, folders 0700)
source scripts/settings.sh  # defaults (config/defaults.env) unless already set
: "${TRACKER_DB_URL:?set TRACKER_DB_URL, e.g. postgresql://rasa@127.0.0.1:5432/rasa}"
RASA_SERVERS=${RASA_SERVERS:-$(nproc)}
HOST=$RASA_HOST
export ACTION_SERVER_URL  # deploy/endpoints.scale.yml: Rasa reads it from its environment
mkdir -p "$LOG_DIR" && chmod 700 "$LOG_DIR"
api=()
[ -n "${RASA_API_TOKEN:-}${RASA_API_TOKEN_FILE:-}" ] && api=(--enable-api)

pids=()
ENDPOINTS=deploy/endpoints.scale.yml
# Events to RabbitMQ and the insights consumer into the same PostgreSQL database
# (TRACKER_DB_URL), only when EVENT_BROKER_URL is set (docs/insights.md).
if [ -n "${EVENT_BROKER_URL:-}" ]; then
  ENDPOINTS=.rasa/endpoints.scale.effective.yml
  mkdir -p .rasa && cat deploy/endpoints.scale.yml deploy/event_broker.yml >"$ENDPOINTS"
fi
trap 'trap - INT TERM EXIT; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait' INT TERM EXIT
if [ -n "${EVENT_BROKER_URL:-}" ]; then
  .venv/bin/python -m insights.consumer >"$LOG_DIR/insights-consumer.log" 2>&1 &
  pids+=($!)
fi
for i in $(seq 0 $((ACTION_SERVERS - 1))); do
  SANIC_HOST=$ACTIONS_HOST .venv/bin/rasa run actions --port $((5055 + i)) >"$LOG_DIR/actions-$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 0 $((RASA_SERVERS - 1))); do
  .venv/bin/python -m rasa_patches run --model models/twitching.tar.gz --interface "$HOST" --port $((5005 + i)) \
    --endpoints "$ENDPOINTS" "${api[@]}" >"$LOG_DIR/rasa-$i.log" 2>&1 &
  pids+=($!)
done
echo "==> $RASA_SERVERS Rasa server(s) on $HOST:5005.., $ACTION_SERVERS action server(s) on 5055..; logs in $LOG_DIR"
wait -n "${pids[@]}"
echo "error: a server stopped; see $LOG_DIR" >&2
