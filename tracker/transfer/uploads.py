"""Uploaded files kept between the preview and "Gem": in the instance folder, named by a random token,
readable only by the user who uploaded them, and removed after two hours.

Keeping the file (rather than asking for it again) lets "Gem" apply exactly the bytes that were previewed;
the preview's fingerprint then makes sure the records have not changed meanwhile (tracker/transfer/plan.py).
"""
from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

from flask import current_app

LIFETIME_SECONDS = 2 * 60 * 60
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _folder() -> Path:
    folder = Path(current_app.config.get("IMPORT_FOLDER") or Path(current_app.instance_path) / "imports")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _remove_expired(folder: Path) -> None:
    limit = time.time() - LIFETIME_SECONDS
    for path in folder.glob("*.json"):
        try:
            if path.stat().st_mtime < limit:
                path.with_suffix(".upload").unlink(missing_ok=True)
                path.unlink(missing_ok=True)
        except OSError:
            continue


def keep(user_id: int, filename: str, data: bytes) -> str:
    """Store the upload; the token names it in the preview's "Gem" form."""
    folder = _folder()
    _remove_expired(folder)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.upload").write_bytes(data)
    (folder / f"{token}.json").write_text(json.dumps({"user_id": user_id, "filename": filename}), encoding="utf-8")
    return token


def fetch(token: str, user_id: int) -> tuple[str, bytes] | None:
    """(file name, bytes) of this user's upload; None when unknown, expired or someone else's."""
    if not TOKEN.match(token or ""):
        return None
    folder = _folder()
    meta, upload = folder / f"{token}.json", folder / f"{token}.upload"
    try:
        if meta.stat().st_mtime < time.time() - LIFETIME_SECONDS:
            return None
        info = json.loads(meta.read_text(encoding="utf-8"))
        if info.get("user_id") != user_id:
            return None
        return str(info["filename"]), upload.read_bytes()
    except (OSError, ValueError, KeyError):
        return None


def discard(token: str) -> None:
    if TOKEN.match(token or ""):
        folder = _folder()
        (folder / f"{token}.upload").unlink(missing_ok=True)
        (folder / f"{token}.json").unlink(missing_ok=True)
