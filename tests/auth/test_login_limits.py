"""Login limits behind a reverse proxy: per client address and per account, failed attempts only, one answer
whether the account exists or not, and logins that still work when the shared limit storage is down."""
from __future__ import annotations

import logging

import pytest

from tests.auth.conftest import KAREN, KAREN_PASSWORD, OLE, OLE_PASSWORD

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once
PROXY = "10.0.0.1"  # the reverse proxy's address, as gunicorn sees it
REFUSED = "For mange forsøg på at logge ind"


def _login(client, email, password, client_address=None, forwarded_for=None, peer="127.0.0.1"):
    """A login attempt; with a client address or a forwarded-for header, it comes through the proxy."""
    headers = {"X-Forwarded-For": forwarded_for or client_address} if (forwarded_for or client_address) else {}
    return client.post("/login", data={"email": email, "password": password}, headers=headers,
                       environ_base={"REMOTE_ADDR": PROXY if headers else peer})


def test_one_persons_wrong_passwords_do_not_lock_out_a_colleague_behind_the_same_proxy(make_app, storage):
    app = make_app(storage, PROXY_COUNT=1)
    typist = app.test_client()
    for _ in range(10):
        assert _login(typist, KAREN, "forkert-kodeord", client_address="203.0.113.10").status_code == 400
    assert _login(typist, KAREN, "forkert-kodeord", client_address="203.0.113.10").status_code == 429
    colleague = app.test_client()
    assert _login(colleague, OLE, OLE_PASSWORD, client_address="203.0.113.20").status_code == 302
    front_page = colleague.get("/", headers={"X-Forwarded-For": "203.0.113.20"}, environ_base={"REMOTE_ADDR": PROXY})
    assert front_page.status_code == 200


def test_colleagues_sharing_one_address_are_not_locked_out_by_one_persons_typing(make_app, storage):
    # Without a trusted proxy (or behind the city's own NAT) everyone has one address: the address limit is
    # the looser one, so one account's ten failures stop that account, not the office.
    app = make_app(storage)
    for _ in range(10):
        assert _login(app.test_client(), KAREN, "forkert-kodeord").status_code == 400
    assert _login(app.test_client(), KAREN, KAREN_PASSWORD).status_code == 429
    assert _login(app.test_client(), OLE, OLE_PASSWORD).status_code == 302


def test_ten_addresses_with_nine_attempts_each_on_one_account_are_stopped(make_app, storage):
    app = make_app(storage)
    answers = [_login(app.test_client(), KAREN, f"gæt-nummer-{address}-{attempt}",
                      peer=f"203.0.113.{address}").status_code
               for address in range(1, 11) for attempt in range(9)]
    assert answers[:10] == [400] * 10  # the account limit's ten failures a minute, then refused
    assert answers[10:] == [429] * 80
    # Even the right password from yet another address waits until the account's minute is over.
    assert _login(app.test_client(), KAREN, KAREN_PASSWORD, peer="203.0.113.99").status_code == 429


def test_the_refusal_is_the_same_whether_or_not_the_account_exists(make_app, storage):
    app = make_app(storage, PROXY_COUNT=1)
    refusals = {}
    for email in (KAREN, "findes-ikke@kk.example"):
        for attempt in range(10):
            _login(app.test_client(), email, "forkert-kodeord", client_address=f"198.51.100.{attempt}")
        refusals[email] = _login(app.test_client(), email, "forkert-kodeord", client_address="198.51.100.50")
    known, unknown = refusals[KAREN], refusals["findes-ikke@kk.example"]
    assert known.status_code == unknown.status_code == 429
    assert REFUSED in known.get_data(as_text=True)
    assert (known.get_data(as_text=True).replace(KAREN, "E")
            == unknown.get_data(as_text=True).replace("findes-ikke@kk.example", "E"))


def test_one_address_trying_many_accounts_is_stopped_by_the_address_limit(make_app, storage):
    app = make_app(storage, PROXY_COUNT=1, LOGIN_RATE_LIMIT="5 per minute")
    for number in range(5):
        assert _login(app.test_client(), f"bruger{number}@kk.example", "forkert-kodeord",
                      client_address="203.0.113.66").status_code == 400
    refused = _login(app.test_client(), KAREN, KAREN_PASSWORD, client_address="203.0.113.66")
    assert refused.status_code == 429 and REFUSED in refused.get_data(as_text=True)
    assert _login(app.test_client(), KAREN, KAREN_PASSWORD, client_address="203.0.113.67").status_code == 302


def test_successful_logins_count_towards_neither_limit(make_app, storage):
    app = make_app(storage, LOGIN_RATE_LIMIT="3 per minute", LOGIN_ACCOUNT_RATE_LIMIT="3 per minute")
    for _ in range(6):
        assert _login(app.test_client(), KAREN, KAREN_PASSWORD).status_code == 302


# No proxy trusted: the whole header is the client's own text. One proxy trusted: only the hop it added counts.
@pytest.mark.parametrize(("proxies", "forged"), [(0, "192.0.2.{n}"), (1, "192.0.2.{n}, 203.0.113.66")])
def test_a_forged_forwarded_for_does_not_get_round_the_address_limit(make_app, storage, proxies, forged):
    app = make_app(storage, PROXY_COUNT=proxies, LOGIN_RATE_LIMIT="5 per minute")
    for n in range(5):
        assert _login(app.test_client(), f"bruger{n}@kk.example", "forkert-kodeord",
                      forwarded_for=forged.format(n=n)).status_code == 400
    assert _login(app.test_client(), KAREN, KAREN_PASSWORD, forwarded_for=forged.format(n=99)).status_code == 429


def test_logins_work_and_are_still_limited_when_the_limit_storage_is_unreachable(make_app, caplog):
    app = make_app(UNREACHABLE_REDIS)
    with caplog.at_level(logging.WARNING, logger="flask-limiter"):
        assert _login(app.test_client(), OLE, OLE_PASSWORD).status_code == 302
    assert any("storage unreachable" in record.getMessage() for record in caplog.records)
    # The limits now count in this process's memory: still limited, not unlimited.
    for _ in range(10):
        assert _login(app.test_client(), KAREN, "forkert-kodeord").status_code == 400
    assert _login(app.test_client(), KAREN, KAREN_PASSWORD).status_code == 429
