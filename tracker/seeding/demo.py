"""The demo accounts, one per role, for trying Tværs locally; never created in production."""
from __future__ import annotations

from tracker.auth.models import User
from tracker.auth.services import ensure_user
from tracker.extensions import db

DEMO_PASSWORD = "demo-password"
# (email, name, role, administration code)
DEMO_ACCOUNTS = (
    ("admin@demo.example", "Demo-administrator", "admin", None),
    ("koordinator@demo.example", "Demo-koordinator (TMF)", "koordinator", "TMF"),
    ("styregruppe@demo.example", "Demo-styregruppemedlem", "styregruppe", None),
    ("laeser@demo.example", "Demo-læser", "laeser", None),
)


def ensure_demo_accounts() -> list[User]:
    """Create the demo accounts, or reset them to their known password and role, flagged as demo accounts
    (which is what keeps them out under TRACKER_ENV=production, whatever their e-mail)."""
    accounts = [ensure_user(email, name, role, DEMO_PASSWORD, administration_code=code)
                for email, name, role, code in DEMO_ACCOUNTS]
    for account in accounts:
        account.is_demo = True
    db.session.flush()
    return accounts
