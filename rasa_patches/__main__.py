"""`python -m rasa_patches <rasa arguments>`: Rasa's own command line, with the
project's patches installed (and logged) first.

The start path of every Rasa server the project runs (scripts/run.sh, eval/servers.py,
deploy/run_scale.sh), so the patches never depend on which config entries are used.
"""

from __future__ import annotations

import logging
import sys

from rasa_patches import UnsupportedRasaVersion, install_all, logger


def main() -> None:
    # Rasa configures logging only inside its CLI: show this one line before it does.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-8s %(name)s  - %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        install_all()
    except UnsupportedRasaVersion as error:
        sys.exit(f"error: {error}")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
