"""Comments on an initiative: steering-group members remark on it; readers cannot; nothing is deleted."""
from __future__ import annotations

from sqlalchemy import select

from tests.seeded_app import sign_in
from tracker.extensions import db
from tracker.models import AuditEvent, Comment


def _initiative_url(targets) -> str:
    return f"/initiatives/{targets.values['initiative_id']}"


def test_a_steering_group_member_comments_and_everyone_sees_it(walk_app):
    app, targets = walk_app
    member = app.test_client()
    sign_in(member, "styregruppe")
    response = member.post(f"{_initiative_url(targets)}/comments",
                           data={"text": "Koordinér med SSP i Tingbjerg før næste vandring."})
    assert response.status_code == 302
    reader = app.test_client()
    sign_in(reader, "laeser")
    page = reader.get(_initiative_url(targets)).get_data(as_text=True)
    assert "Koordinér med SSP i Tingbjerg før næste vandring." in page
    assert "Demo-styregruppemedlem" in page
    assert 'action="/initiatives/' not in page.split("kommentarer-heading")[1]  # no comment form for readers


def test_a_reader_cannot_comment(walk_app):
    app, targets = walk_app
    reader = app.test_client()
    sign_in(reader, "laeser")
    before = db.session.scalar(select(db.func.count()).select_from(Comment))
    assert reader.post(f"{_initiative_url(targets)}/comments", data={"text": "Hej"}).status_code == 403
    assert db.session.scalar(select(db.func.count()).select_from(Comment)) == before


def test_an_empty_comment_is_refused_with_a_danish_message(walk_app):
    app, targets = walk_app
    member = app.test_client()
    sign_in(member, "styregruppe")
    response = member.post(f"{_initiative_url(targets)}/comments", data={"text": "   "})
    assert response.status_code == 400
    assert "Skriv en kommentar." in response.get_data(as_text=True)


def test_removing_a_comment_asks_first_then_keeps_it_in_the_history(walk_app):
    app, targets = walk_app
    author = app.test_client()
    sign_in(author, "koordinator")
    comment_id = targets.values["comment_id"]
    confirm = author.get(f"/comments/{comment_id}/archive")
    assert confirm.status_code == 200 and "Fjern kommentaren?" in confirm.get_data(as_text=True)
    assert author.post(f"/comments/{comment_id}/archive").status_code == 302
    page = author.get(_initiative_url(targets)).get_data(as_text=True)
    assert "Husk at invitere Lejerbo" not in page.split("kommentarer-heading")[1]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "comments",
                                                       AuditEvent.action == "archive"))
    assert event is not None and event.user.email == "koordinator@demo.example"


def test_only_the_author_or_an_admin_may_remove_a_comment(walk_app):
    app, targets = walk_app
    other = app.test_client()
    sign_in(other, "styregruppe")
    assert other.post(f"/comments/{targets.values['comment_id']}/archive").status_code == 403


def test_a_comment_with_nul_characters_is_kept_without_them(walk_app):
    app, targets = walk_app
    member = app.test_client()
    sign_in(member, "styregruppe")
    response = member.post(f"{_initiative_url(targets)}/comments", data={"text": "Ring\x00 til SSP"})
    assert response.status_code == 302  # PostgreSQL refuses NUL in text: it used to answer 500 there
    assert db.session.scalar(select(Comment.text).order_by(Comment.id.desc()).limit(1)) == "Ring til SSP"
    assert member.post(f"{_initiative_url(targets)}/comments", data={"text": "\x00 \x00"}).status_code == 400
