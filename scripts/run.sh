#!/usr/bin/env bash
# Start the action server and the Rasa server; Ctrl-C stops both.
#   scripts/run.sh           REST, socketio and the chat page on 127.0.0.1:5005,
#                            action server on 5055; prints the chat URL
#   scripts/run.sh --shell   the same, but talk in the terminal (rasa shell)
# Telegram, Slack and Facebook are switched on by their environment variables
# (docs/channels.md); RASA_CORS_ORIGIN is the origin allowed to call the server
# from a browser and to open a socket.io connection (default: the chat page's own
# origin). Security settings: README "Security".
set -euo pipefail
cd "$(dirname "$0")/.."
# Conversations, credentials and logs are private: files 0600, folders 0700.
umask 077

# Every setting's default (config/defaults.env), unless already set; docs/configuration.md.
source scripts/settings.sh
HOST=$RASA_HOST PORT=$RASA_PORT MODEL=$RASA_MODEL STATE_DIR=$RASA_STATE_DIR
export ACTION_SERVER_URL  # the effective endpoints below
# The action server's health check; Rasa calls it at ACTION_SERVER_URL (endpoints.yml).
ACTIONS_ADDR=$ACTIONS_HOST; [ "$ACTIONS_HOST" = 0.0.0.0 ] && ACTIONS_ADDR=127.0.0.1
export RASA_CORS_ORIGIN=${RASA_CORS_ORIGIN:-http://$HOST:$PORT}
CREDENTIALS=$STATE_DIR/credentials.effective.yml
ENDPOINTS=$STATE_DIR/endpoints.effective.yml
export TRACKER_DB=${TRACKER_DB:-$STATE_DIR/tracker.db}
mkdir -p "$STATE_DIR" "$LOG_DIR"
chmod 700 "$STATE_DIR" "$LOG_DIR"
for log in actions.log rasa.log; do : >"$LOG_DIR/$log"; chmod 600 "$LOG_DIR/$log"; done
# Optional channels from the environment (Rasa errors on unset ${VARS} in the file).
.venv/bin/python scripts/credentials.py "$CREDENTIALS"
# endpoints.yml with the action server at ACTION_SERVER_URL; events to RabbitMQ only
# when EVENT_BROKER_URL is set (docs/insights.md).
.venv/bin/python -c 'import sys; from eval.servers import endpoints; print(endpoints(sys.argv[1], with_webhook=False), end="")' \
  "$ACTION_SERVER_URL" >"$ENDPOINTS"
if [ -n "${EVENT_BROKER_URL:-}" ]; then cat deploy/event_broker.yml >>"$ENDPOINTS"; fi
[ -f web/node_modules/rasa-webchat/lib/index.js ] \
  || echo "warning: web/node_modules is missing (run \`make setup\`); the chat page will not load" >&2

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "==> Stopping (${pids[*]:-nothing to stop})"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

echo "==> Starting the action server on $ACTIONS_HOST:$ACTIONS_PORT (log: $LOG_DIR/actions.log)"
# rasa-sdk listens on 0.0.0.0 unless SANIC_HOST says otherwise.
SANIC_HOST=$ACTIONS_HOST .venv/bin/rasa run actions --port "$ACTIONS_PORT" >>"$LOG_DIR/actions.log" 2>&1 &
pids+=($!)

wait_for() {  # url seconds name
  for _ in $(seq 1 "$2"); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "error: $3 did not start in $2 s; see $LOG_DIR" >&2
  return 1
}
# The action server builds its models before it listens (about 13 s on a quiet 2-core
# machine, more under load): wait long enough for a busy machine.
wait_for "http://$ACTIONS_ADDR:$ACTIONS_PORT/health" 180 "action server"

if [ "${1:-}" = "--shell" ]; then
  echo "==> Starting rasa shell (type /stop to quit)"
  # Libraries' warnings (a message line, then its source line) are for their
  # developers, not for the person at the prompt; Rasa resets Python's own filters.
  .venv/bin/python -m rasa_patches shell --model "$MODEL" --interface "$HOST" --port "$PORT" --endpoints "$ENDPOINTS" \
    2> >(awk -f scripts/quiet_warnings.awk >&2)
  exit 0
fi

echo "==> Starting Rasa on $HOST:$PORT (log: $LOG_DIR/rasa.log)"
# Rasa's HTTP API stays off unless a token is given (RASA_API_TOKEN_FILE or
# RASA_API_TOKEN). The token is read by rasa_patches/api_auth.py inside the server, never
# put on the command line (where `ps` shows it to every user).
api=(); [ -n "${RASA_API_TOKEN:-}${RASA_API_TOKEN_FILE:-}" ] && api=(--enable-api)
read -ra cors <<<"${RASA_CORS_ORIGIN//,/ }"  # one or more origins, comma-separated
.venv/bin/python -m rasa_patches run --model "$MODEL" --interface "$HOST" --port "$PORT" \
  --credentials "$CREDENTIALS" --endpoints "$ENDPOINTS" --cors "${cors[@]}" \
  "${api[@]}" ${RASA_EXTRA_ARGS:-} >>"$LOG_DIR/rasa.log" 2>&1 &
pids+=($!)
wait_for "http://$HOST:$PORT/" 120 "Rasa"

cat <<MSG

The assistant is running. Open the chat in a browser:
  http://$HOST:$PORT/webhooks/webpage/

Or talk to it over REST:
  curl -s http://$HOST:$PORT/webhooks/rest/webhook -H 'Content-Type: application/json' \\
       -d '{"sender": "me", "message": "what causes twitching in my sleep?"}'
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
echo "error: a server stopped; see $LOG_DIR" >&2
