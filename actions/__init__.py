"""The assistant's logic (plain Python) and its one Rasa action."""

import os

import settings

# rasa-sdk binds the action server to SANIC_HOST, default 0.0.0.0; it imports this
# package before it reads the variable, so every start (`make run`, the tests, the
# evaluation harness) listens on loopback unless SANIC_HOST says otherwise.
os.environ.setdefault("SANIC_HOST", settings.text("SANIC_HOST"))
