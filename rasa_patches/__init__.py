"""The Rasa patches this project needs, in one place, for the one Rasa version they
were written against.

Each patch replaces a private part of Rasa 3.6.21 (see its module):
- action_validation: the action server's reply validated with a validator built once;
- resilience: a polite reply naming the emergency number when the action server is down;
- api_auth: the HTTP API token from the environment or a file, compared in constant time;
- action_payload: only the events the actions read sent with each action call;
- event_types: an event's class looked up once per type name, not per stored event.

`install_all()` is called explicitly at start-up: `python -m rasa_patches run ...`
(rasa_patches/__main__.py, used by scripts/run.sh, eval/servers.py and deploy/) installs
them before Rasa's own CLI starts. The project's channels and stores call it too
(channels/__init__.py, stores/__init__.py), so a plain `rasa run` with any of the
project's config entries still gets them. Another Rasa version is refused with an
error rather than patched blindly; the installation is logged once.
"""

from __future__ import annotations

import logging

import rasa

logger = logging.getLogger(__name__)

SUPPORTED_RASA = "3.6.21"
_installed: list[str] = []


class UnsupportedRasaVersion(RuntimeError):
    """The installed Rasa is not the one the patches were checked against."""


def install_all() -> list[str]:
    """Install every patch once; the names of those installed."""
    if _installed:
        return list(_installed)
    if rasa.__version__ != SUPPORTED_RASA:
        raise UnsupportedRasaVersion(
            f"rasa_patches replaces private methods of Rasa {SUPPORTED_RASA}, but this is "
            f"Rasa {rasa.__version__}: install rasa=={SUPPORTED_RASA} (requirements.lock), or "
            f"check each patch in rasa_patches/ against the new version, then update SUPPORTED_RASA"
        )
    from rasa_patches import action_payload, action_validation, api_auth, event_types, resilience

    for module in (action_validation, action_payload, event_types, resilience, api_auth):
        module.install()
        _installed.append(module.__name__)
    logger.info("Rasa %s patches installed: %s", rasa.__version__, ", ".join(_installed))
    return list(_installed)
