"""Custom Rasa input channels: the chat page and fixed messaging connectors.

Registered by module path in credentials.yml (see docs/channels.md). Loading any of
them installs the project's Rasa patches too (addons/patches.py), so a deployment
that keeps only these channels keeps the outage reply and the API token check.
"""
import addons  # noqa: F401  (addons/__init__.py installs the patches, once)
