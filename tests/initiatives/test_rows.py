"""The initiative tables' rows, read as plain values, say what the initiatives themselves say."""
from __future__ import annotations

from datetime import date

from tests.factories import make_initiative
from tracker.core.models import utcnow
from tracker.extensions import db
from tracker.initiatives.models import Initiative
from tracker.initiatives.rows import initiative_rows


def _as_the_model_says(initiative: Initiative) -> dict:
    return {
        "id": initiative.id, "version": initiative.version, "title": initiative.title, "status": initiative.status,
        "start_date": initiative.start_date, "end_date": initiative.end_date,
        "archived": initiative.archived_at is not None,
        "lead": (initiative.lead_administration.id, initiative.lead_administration.code,
                 initiative.lead_administration.name),
        "partners": [(a.id, a.code, a.name) for a in initiative.partner_administrations],
        "organisations": [(o.id, o.name) for o in initiative.partner_organisations],
        "areas": [(a.id, a.slug, a.name) for a in initiative.areas],
    }


def _as_the_row_says(row) -> dict:
    return {
        "id": row.id, "version": row.version, "title": row.title, "status": row.status,
        "start_date": row.start_date, "end_date": row.end_date, "archived": row.archived_at is not None,
        "lead": (row.lead_administration.id, row.lead_administration.code, row.lead_administration.name),
        "partners": [(a.id, a.code, a.name) for a in row.partner_administrations],
        "organisations": [(o.id, o.name) for o in row.partner_organisations],
        "areas": [(a.id, a.slug, a.name) for a in row.areas],
    }


def test_rows_hold_each_initiatives_fields_and_links_in_the_relationships_order(app, ref):
    admins, orgs, areas = ref.administrations, ref.organisations, ref.areas
    # Added out of order, so the relationships' order (code, name, name) is the database's doing.
    busy = make_initiative(ref, "Tryghedsvandringer", "TMF", start_date=date(2013, 1, 1), end_date=date(2014, 6, 30),
                           partner_administrations=[admins["SOF"], admins["BIF"], admins["BUF"]],
                           partner_organisations=[orgs["SAB"], orgs["Københavns Politi"], orgs["fsb"]],
                           areas=[areas["valby-vigerslev"], areas["amager-sundby"], areas["norrebro"]])
    alone = make_initiative(ref, "Lektiecafé", "BUF", status="planned")
    archived = make_initiative(ref, "Gammel indsats", "KFF", status="finished", areas=[areas["bispebjerg"]],
                               archived_at=utcnow())
    db.session.commit()
    ids = [alone.id, archived.id, busy.id]
    expected = [_as_the_model_says(db.session.get(Initiative, i)) for i in ids]

    rows = initiative_rows(ids)

    assert [_as_the_row_says(row) for row in rows] == expected
    assert [a.code for a in rows[2].partner_administrations] == ["BIF", "BUF", "SOF"]
    assert [a.name for a in rows[2].areas] == ["Amager/Sundby", "Nørrebro", "Valby/Vigerslev"]
    assert rows[0].partner_administrations == rows[0].partner_organisations == rows[0].areas == ()


def test_rows_keep_the_order_asked_for_and_leave_out_what_is_gone(app, ref):
    first = make_initiative(ref, "Første", "SOF")
    second = make_initiative(ref, "Anden", "TMF")
    db.session.commit()

    assert [row.title for row in initiative_rows([second.id, first.id])] == ["Anden", "Første"]
    assert [row.title for row in initiative_rows([first.id, 999_999, second.id])] == ["Første", "Anden"]
    assert initiative_rows([]) == []
