"""The initiative download says "Udløbet – skal status opdateres?" in words for a running initiative past its
end date, as every page does, while its status code stays the stored one, which is what an upload reads back:
the unchanged file still changes nothing."""
from __future__ import annotations

import csv
from io import StringIO

import pytest

from tests.seeded_app import sign_in
from tests.transfer.helpers import counts, upload

EXPIRED = "Tryghedsvandringer 2013-2014 med opfølgning på belysning"  # active, ended 31 Dec 2014
FINISHED = "Tryghedsvandringer i de udsatte byområder"  # finished: no word of expiry


@pytest.fixture
def coordinator(walk_app, tmp_path):
    app, _targets = walk_app
    app.config["IMPORT_FOLDER"] = str(tmp_path / "imports")
    client = app.test_client()
    sign_in(client, "koordinator")
    return client


def test_the_download_says_expired_in_words_and_the_upload_reads_the_stored_status_back(coordinator):
    data = coordinator.get("/initiatives/export.csv").data
    rows = {row["Titel"]: row for row in csv.DictReader(StringIO(data.decode("utf-8-sig")), delimiter=";")}
    assert (rows[EXPIRED]["Status"], rows[EXPIRED]["Status (tekst)"]) == ("active", "Udløbet – skal status opdateres?")
    assert (rows[FINISHED]["Status"], rows[FINISHED]["Status (tekst)"]) == ("finished", "Afsluttet")
    page = upload(coordinator, data, "indsatser.csv").get_data(as_text=True)
    assert counts(page)["changed"] == 0 and counts(page)["error"] == 0
