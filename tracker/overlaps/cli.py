"""`flask --app tracker overlaps detect`: a full run of overlap detection into the stored review, in one
transaction (nightly, and after loading many initiatives without the forms, e.g. `synth`)."""
from __future__ import annotations

import time

import click
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from tracker.core.errors import render_message
from tracker.extensions import db
from tracker.overlaps.review.store import rebuild

overlaps_group = AppGroup("overlaps", help="Overlapsvurderingen.")


@overlaps_group.command("detect")
def detect_command() -> None:
    """Find overlapskandidaterne forfra blandt alle åbne indsatser og gem dem (om natten, og efter indlæsning
    af mange indsatser uden om formularerne)."""
    started = time.perf_counter()
    run = rebuild()
    db.session.commit()
    click.echo(render_message(_l("Overlapskandidaterne er fundet forfra: %(count)s kandidater blandt %(open)s åbne "
                                 "indsatser på %(seconds)s s.", count=run.candidates, open=run.initiatives,
                                 seconds=f"{time.perf_counter() - started:.1f}")))
