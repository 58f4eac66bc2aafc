"""Rasa stores (loaded by `rasa run` through endpoints.yml):

- tracker_store.EnvSQLTrackerStore: SQL tracker store configured by environment
  variables (SQLite file by default, PostgreSQL for scale-out), bounded loading,
  private files and retention.
- lock_store.AtomicRedisLockStore: a Redis lock store whose lock is atomic.

Loading either installs the project's Rasa patches (rasa_patches), in case Rasa was
started without `python -m rasa_patches`.
"""

from rasa_patches import install_all

install_all()
