"""The preview shows an edit of a long text where it is: the changed words marked, the rest cut short."""
from __future__ import annotations

import re

from sqlalchemy import select

from tests.seeded_app import TMF_INITIATIVE, sign_in
from tests.transfer.helpers import edited, upload
from tracker.extensions import db
from tracker.initiatives.models import Initiative

LONG = " ".join(f"Sætning nummer {n} om samarbejdet i området." for n in range(1, 40))


def test_a_word_added_at_the_end_of_a_long_summary_is_shown_marked(walk_app, tmp_path):
    app, _targets = walk_app
    app.config["IMPORT_FOLDER"] = str(tmp_path / "imports")
    initiative = db.session.scalar(select(Initiative).where(Initiative.title == TMF_INITIATIVE))
    initiative.summary = LONG
    db.session.commit()
    client = app.test_client()
    sign_in(client, "koordinator")
    data = edited(client.get("/initiatives/export.csv").data, "csv",
                  {TMF_INITIATIVE: {"Resumé": LONG.replace("nummer 20 ", "nummer tyve ") + " Og så lidt mere."}})

    page = upload(client, data, "lang.csv").get_data(as_text=True)

    changes = page.split('id="import-changes"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r"<del>(.*?)</del>", changes) == ["20"]
    assert re.findall(r"<ins>(.*?)</ins>", changes) == ["tyve", "Og så lidt mere."]
    assert "nummer 1 " not in changes  # the unchanged start is cut to the words before the edit
    assert "… " in changes
