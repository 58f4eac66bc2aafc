"""Custom Rasa input channels: the chat page and fixed messaging connectors.

Registered by module path in credentials.yml (see docs/channels.md).
"""
