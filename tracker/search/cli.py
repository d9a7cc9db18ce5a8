"""`flask --app tracker search reindex`: build the search index again from the records, in one transaction."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from tracker.core.errors import render_message
from tracker.extensions import db
from tracker.search.index import rebuild

search_group = AppGroup("search", help="Søgeindekset.")


@search_group.command("reindex")
def reindex_command() -> None:
    """Byg søgeindekset forfra (efter indlæsning uden om formularerne, fx en gendannet backup)."""
    count = rebuild()
    db.session.commit()
    click.echo(render_message(_l("Søgeindekset er bygget: %(count)s dokumenter.", count=count)))
