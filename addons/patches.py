"""The Rasa patches this project needs, installed in one place, explicitly, for the
one Rasa version they were written against.

Each patch replaces a private method of Rasa 3.6.21 (see its module): the action
server's reply validated with a validator built once (action_validation), only the
events the actions read sent to the action server (action_payload), event classes
looked up once by type name (event_types), a polite
reply with the emergency number when the action server is down (resilience), the
HTTP API token from the environment and compared in constant time (api_auth).
`install_all()` runs when Rasa loads any of the project's add-ons or channels
(addons/__init__.py, channels/__init__.py), so switching one config entry back to
stock does not drop them, and it refuses another Rasa version rather than patch it
blindly.
"""
from __future__ import annotations

import logging

import rasa

logger = logging.getLogger(__name__)

SUPPORTED_RASA = "3.6.21"
_installed: list[str] = []


def install_all() -> list[str]:
    """Install every patch once; the names of those installed."""
    if _installed:
        return list(_installed)
    if rasa.__version__ != SUPPORTED_RASA:
        raise RuntimeError(
            f"addons/patches.py replaces private methods of Rasa {SUPPORTED_RASA}, but this is "
            f"Rasa {rasa.__version__}: check each patch against it, then update SUPPORTED_RASA")
    from addons import action_payload, action_validation, api_auth, event_types, resilience
    for module in (action_validation, action_payload, event_types, resilience, api_auth):
        module.install()
        _installed.append(module.__name__)
    logger.info("Rasa %s patches installed: %s", rasa.__version__, ", ".join(_installed))
    return list(_installed)
