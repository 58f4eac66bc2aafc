#!/usr/bin/env python3
"""Delete conversations idle for longer than the retention period (`make prune`).

    python scripts/prune.py [--days N]

The tracker store is the one the server uses (TRACKER_DB_URL, TRACKER_DB or
.rasa/tracker.db); N defaults to TRACKER_RETENTION_DAYS (30). The server also prunes
when it starts; run this daily (cron) when it runs for long. Prints how many
conversations were deleted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days", type=float, default=None, help="retention in days (default: TRACKER_RETENTION_DAYS or 30)"
    )
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # the default database path is relative to the project
    from stores.tracker_store import EnvSQLTrackerStore, prune, retention_days

    days = args.days if args.days is not None else retention_days()
    os.environ["TRACKER_RETENTION_DAYS"] = "0"  # the store's own start-up prune: not twice
    if days <= 0:
        print("retention is 0 days: conversations are kept forever, nothing deleted")
        return 0
    store = EnvSQLTrackerStore()
    print(f"deleted {prune(store, days)} conversation(s) idle for more than {days:g} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
