"""Who is acting: the signed-in user in a request, or whoever a command says it acts as."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import has_request_context
from flask_login import current_user

_command_actor: ContextVar[int | None] = ContextVar("command_actor", default=None)
_source: ContextVar[str | None] = ContextVar("audit_source", default=None)


def current_actor_id() -> int | None:
    """The id of the user responsible for the change being flushed; None for the system (seed, synth)."""
    actor = _command_actor.get()
    if actor is not None:
        return actor
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id
    return None


@contextmanager
def acting_as(user_id: int | None) -> Iterator[None]:
    token = _command_actor.set(user_id)
    try:
        yield
    finally:
        _command_actor.reset(token)


def current_source() -> str | None:
    """Where the changes being flushed come from ("import:<file name>"); None for a form or command."""
    return _source.get()


@contextmanager
def changes_from(source: str | None) -> Iterator[None]:
    """Mark every audit event written inside as coming from `source`, e.g. one import of a file."""
    token = _source.set(source[:200] if source else None)
    try:
        yield
    finally:
        _source.reset(token)
