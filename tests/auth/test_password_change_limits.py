"""Changing one's own password is limited per account: a stolen session cannot guess the current password on
and on. Only wrong current passwords count; the refusal is a clear message on a 429 page, never a 500."""
from __future__ import annotations

import pytest

from tests.auth.conftest import KAREN, KAREN_PASSWORD, OLE, OLE_PASSWORD
from tracker.config import ConfigError, load_config

NEW_PASSWORD = "en-helt-ny-hest-batteri"
REFUSED = "for mange forsøg med en forkert nuværende adgangskode"


def _signed_in(app, email, password, address="127.0.0.1"):
    browser = app.test_client()
    response = browser.post("/login", data={"email": email, "password": password},
                            environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 302
    return browser


def _change(browser, current, new=NEW_PASSWORD, confirm=None, address="127.0.0.1"):
    return browser.post("/password", data={"current_password": current, "new_password": new,
                                           "confirm_password": confirm or new},
                        environ_base={"REMOTE_ADDR": address})


def _can_log_in(app, email, password) -> bool:
    return app.test_client().post("/login", data={"email": email, "password": password}).status_code == 302


def test_after_ten_wrong_current_passwords_the_next_attempt_is_refused_and_changes_nothing(make_app, storage):
    app = make_app(storage)  # the default limit: 10 per 15 minutes
    thief = _signed_in(app, KAREN, KAREN_PASSWORD)
    for guess in range(10):
        answer = _change(thief, f"gæt-nummer-{guess}")
        assert answer.status_code == 400 and "Den nuværende adgangskode er forkert" in answer.get_data(as_text=True)

    refused = _change(thief, KAREN_PASSWORD)  # even the right one, until the window is over

    page = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert REFUSED in page and "Vent op til 15 minutter" in page
    assert "Ret det, der er markeret nedenfor" not in page  # nothing on the form is wrong
    assert _can_log_in(app, KAREN, KAREN_PASSWORD) and not _can_log_in(app, KAREN, NEW_PASSWORD)


def test_a_right_current_password_before_the_limit_changes_the_password(make_app, storage):
    app = make_app(storage, PASSWORD_CHANGE_RATE_LIMIT="3 per 15 minutes")
    browser = _signed_in(app, KAREN, KAREN_PASSWORD)
    for guess in range(2):
        assert _change(browser, f"tastefejl-{guess}").status_code == 400
    assert _change(browser, KAREN_PASSWORD).status_code == 302
    assert _can_log_in(app, KAREN, NEW_PASSWORD) and not _can_log_in(app, KAREN, KAREN_PASSWORD)


def test_the_limit_is_the_accounts_not_the_address_or_the_session(make_app, storage):
    app = make_app(storage, PASSWORD_CHANGE_RATE_LIMIT="3 per 15 minutes")
    thief = _signed_in(app, KAREN, KAREN_PASSWORD)
    for guess in range(3):
        assert _change(thief, f"gæt-nummer-{guess}").status_code == 400
    assert _change(thief, "gæt-nummer-4").status_code == 429

    # Karen's account is paused from another browser and address too ...
    elsewhere = _signed_in(app, KAREN, KAREN_PASSWORD, address="203.0.113.7")
    assert _change(elsewhere, KAREN_PASSWORD, address="203.0.113.7").status_code == 429
    # ... while a colleague at the very same address changes his own.
    colleague = _signed_in(app, OLE, OLE_PASSWORD)
    assert _change(colleague, OLE_PASSWORD).status_code == 302
    assert _can_log_in(app, OLE, NEW_PASSWORD)


def test_a_new_password_the_rules_refuse_does_not_count_towards_the_limit(make_app, storage):
    app = make_app(storage, PASSWORD_CHANGE_RATE_LIMIT="3 per 15 minutes")
    browser = _signed_in(app, KAREN, KAREN_PASSWORD)
    for _ in range(3):
        assert _change(browser, KAREN_PASSWORD, new="password1").status_code == 400  # among the most common
        assert _change(browser, KAREN_PASSWORD, confirm="en-anden-hest-batteri").status_code == 400
    assert _change(browser, KAREN_PASSWORD).status_code == 302


def test_the_limit_is_set_from_the_environment_and_nonsense_is_refused_at_start(monkeypatch, tmp_path):
    monkeypatch.delenv("TRACKER_PASSWORD_CHANGE_RATE_LIMIT", raising=False)
    assert load_config(str(tmp_path), {"SECRET_KEY": "x"})["PASSWORD_CHANGE_RATE_LIMIT"] == "10 per 15 minutes"
    monkeypatch.setenv("TRACKER_PASSWORD_CHANGE_RATE_LIMIT", "5 per hour")
    assert load_config(str(tmp_path), {"SECRET_KEY": "x"})["PASSWORD_CHANGE_RATE_LIMIT"] == "5 per hour"
    monkeypatch.setenv("TRACKER_PASSWORD_CHANGE_RATE_LIMIT", "mange")
    with pytest.raises(ConfigError, match="TRACKER_PASSWORD_CHANGE_RATE_LIMIT"):
        load_config(str(tmp_path), {"SECRET_KEY": "x"})
