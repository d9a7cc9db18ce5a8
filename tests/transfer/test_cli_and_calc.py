"""`flask import FILE [--apply] [--as EMAIL]`, and acceptance 2: both exports open in LibreOffice Calc
with Danish letters intact."""
from __future__ import annotations

import csv
import shutil
import subprocess
from io import StringIO

import pytest
from sqlalchemy import select

from tests.seeded_app import TMF_INITIATIVE, sign_in
from tests.transfer.helpers import edited
from tracker.audit.models import AuditEvent
from tracker.extensions import db
from tracker.initiatives.models import Initiative

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_the_command_previews_then_applies_as_the_given_user(walk_app, tmp_path):
    app, _targets = walk_app
    client = app.test_client()
    sign_in(client, "admin")
    path = tmp_path / "indsatser.csv"
    path.write_bytes(edited(client.get("/initiatives/export.csv").data, "csv",
                            {TMF_INITIATIVE: {"Resumé": "Rettet på kommandolinjen"}}))
    runner = app.test_cli_runner()

    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 ændrede" in result.output and "intet er gemt" in result.output
    assert db.session.scalar(select(Initiative.summary).where(Initiative.title == TMF_INITIATIVE)) \
        != "Rettet på kommandolinjen"

    result = runner.invoke(args=["import", str(path), "--apply", "--as", "koordinator@demo.example"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.scalar(select(Initiative.summary).where(Initiative.title == TMF_INITIATIVE)) \
        == "Rettet på kommandolinjen"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.source == "import:indsatser.csv"))
    assert event.user.email == "koordinator@demo.example"


def test_the_command_refuses_a_bad_file_and_saves_nothing(walk_app, tmp_path):
    app, _targets = walk_app
    path = tmp_path / "forkert.csv"
    path.write_text("Titel;Ansvarlig forvaltning (kode);Områder (koder)\nNy indsats;XYZ;norrebro\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", str(path), "--apply"])
    assert result.exit_code == 1
    assert "Række 2, kolonne »Ansvarlig forvaltning (kode)«: Ukendt forvaltning 'XYZ'" in result.output
    assert db.session.scalar(select(Initiative).where(Initiative.title == "Ny indsats")) is None


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: Calc conversion not checked")
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_both_files_open_in_libreoffice_calc_with_danish_letters(walk_app, tmp_path, kind):
    app, _targets = walk_app
    client = app.test_client()
    sign_in(client, "admin")
    source = tmp_path / f"indsatser.{kind}"
    source.write_bytes(client.get(f"/initiatives/export.{kind}").data)
    out = tmp_path / "out"
    # Calc reads the CSV as UTF-8 with ";" between cells (filter options: separator 59, encoding 76 = UTF-8).
    infilter = ["--infilter=CSV:59,34,76,1"] if kind == "csv" else []
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}", *infilter,
                    "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=120)
    rows = list(csv.reader(StringIO((out / "indsatser.csv").read_text(encoding="utf-8")), delimiter=";"))
    assert rows[0][:4] == ["id", "Titel", "Resumé", "Status"]
    assert "Områder (navne)" in rows[0]
    titles = {row[1] for row in rows[1:]}
    assert TMF_INITIATIVE in titles  # "byområder": the å intact
    assert any("Nørrebro" in cell for row in rows for cell in row)
