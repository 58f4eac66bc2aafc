"""Custom Rasa input channels: the REST channel hardened against bad input, the chat
page, socket.io and fixed messaging connectors, and the request limits they share.

Registered by module path in credentials.yml (see docs/channels.md). Loading any of
them installs the project's Rasa patches (rasa_patches), in case Rasa was started
without `python -m rasa_patches`, so a deployment that keeps only these channels keeps
the outage reply and the API token check.
"""

from rasa_patches import install_all

install_all()
