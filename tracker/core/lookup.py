"""Resolving the names people type (codes, names, slugs, aliases) to objects, with Danish errors."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from flask_babel import lazy_gettext as _l

from tracker.core.errors import ValidationError

T = TypeVar("T")

# One whole sentence per noun, so a translation need not assemble "Unknown" + a Danish noun.
_UNKNOWN = {
    "forvaltning": lambda key: _l("Ukendt forvaltning '%(key)s'", key=key),
    "organisation": lambda key: _l("Ukendt organisation '%(key)s'", key=key),
    "tema": lambda key: _l("Ukendt tema '%(key)s'", key=key),
    "indsatsområde": lambda key: _l("Ukendt indsatsområde '%(key)s'", key=key),
    "område": lambda key: _l("Ukendt område '%(key)s'", key=key),
    "sted": lambda key: _l("Ukendt sted '%(key)s'", key=key),
    "udviklingsplan": lambda key: _l("Ukendt udviklingsplan '%(key)s'", key=key),
    "samarbejdsorgan": lambda key: _l("Ukendt samarbejdsorgan '%(key)s'", key=key),
}


def unknown_message(noun: str, key: object):
    """"Ukendt <noun> '<key>'" in the current language."""
    message = _UNKNOWN.get(noun)
    return message(key) if message else _l("Ukendt %(noun)s '%(key)s'", noun=noun, key=key)


def _key(value: object) -> str:
    # Case-insensitive, so "tmf" and "TMF" or "nørrebro" and "Nørrebro" mean the same thing.
    return str(value).strip().casefold()


class Lookup(Generic[T]):
    """A dict of objects under each of their keys; unknown keys raise ValidationError("<field>", ...)."""

    def __init__(self, noun: str, field: str):
        self.noun = noun
        self.field = field
        self._by_key: dict[str, T] = {}

    def add(self, obj: T, *keys: object) -> T:
        for key in keys:
            if key is not None and str(key).strip():
                self._by_key[_key(key)] = obj
        return obj

    def find(self, key: object) -> T | None:
        return self._by_key.get(_key(key))

    def get(self, key: object, field: str | None = None) -> T:
        obj = self.find(key)
        if obj is None:
            raise ValidationError(field or self.field, unknown_message(self.noun, key))
        return obj

    def optional(self, key: object | None, field: str | None = None) -> T | None:
        return None if key is None else self.get(key, field)

    def many(self, keys: Iterable[object], field: str | None = None) -> list[T]:
        """The objects in the order given, each once."""
        found: list[T] = []
        for key in keys:
            obj = self.get(key, field)
            if not any(obj is seen for seen in found):
                found.append(obj)
        return found

    def values(self) -> list[T]:
        unique: dict[int, T] = {id(obj): obj for obj in self._by_key.values()}
        return list(unique.values())
