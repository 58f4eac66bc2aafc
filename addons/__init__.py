"""Rasa-side add-ons (loaded by `rasa run` through endpoints.yml / credentials.yml).

- tracker_store.EnvSQLTrackerStore: SQL tracker store configured by environment
  variables (SQLite file by default, PostgreSQL for scale-out), bounded loading.
- lock_store.AtomicRedisLockStore: a Redis lock store whose lock is atomic.
- rest_channel.RestInput: the REST channel hardened against malformed input.
- patches: the Rasa patches (resilience, action_validation, api_auth), installed
  here, once, when Rasa loads any add-on, with a Rasa version check.
"""
from addons.patches import install_all

install_all()
