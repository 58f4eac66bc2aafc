"""Look an event's class up by its type name once, not once per stored event.

Rasa 3.6's Event.resolve_by_type walks every subclass of Event (recursively, with
inspect.isabstract on each) for every event it deserialises: a tracker of ~100 events
is read from the store for each message, and py-spy put this walk at a large part
of the tracker store's time. The classes do not change while the server runs, so a
found class is remembered per (type name, default); an unknown name is not
remembered and raises as before. Installed by rasa_patches.install_all; Rasa 3.6.21.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional, Type

from rasa.shared.core.events import Event

_stock = Event.resolve_by_type


@lru_cache(maxsize=256)
def _resolve(type_name: str, default: Optional[Type[Event]]) -> Optional[Type[Event]]:
    return _stock(type_name, default)


def resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    try:
        return _resolve(type_name, default)  # type: ignore[arg-type]
    except TypeError:  # an unhashable argument: look it up as Rasa does
        return _stock(type_name, default)


def install() -> None:
    Event.resolve_by_type = staticmethod(resolve_by_type)
