"""Issue 3, acceptance 1, in a real browser, in Danish and in English: a TMF coordinator records a joint
initiative in two areas with a partner administration and an outside partner, logs cooperation on it,
records a meeting of Husum/Tingbjerg's boligsocialt forum with a decision, and finds all of it on the
area page.

The form is filled by its visible labels. The English labels are read from the same compiled catalog the
app translates with, so the test follows the translators' wording; a label the catalog does not translate
fails the English run with its name (the page would otherwise show the Danish text).
"""
from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.support import Translations
from playwright.sync_api import expect

import tracker
from tests.browser.conftest import log_in

TRANSLATIONS = Path(tracker.__file__).parent / "translations"
FORUM = "Boligsocialt forum Husum/Tingbjerg"
HOME_AREA, OTHER_AREA = "Husum/Tingbjerg", "Bispebjerg"

# Every piece of interface text the flow reads or clicks, as its Danish msgid.
MSGIDS = [
    "Ny indsats", "Titel", "Beskrivelse", "Status", "Aktiv", "Startdato", "Partnerforvaltninger",
    "Eksterne partnere", "Områder", "Opret indsats", "Tilføj logpost", "Type", "Fælles aktivitet",
    "Hvad skete der?", "Gem logpost", "Registrér møde", "Dato", "Referat", "Beslutning", "Beslutning %(row)s",
    "Gem møde",
    "Samarbejdslog", "Møder", "Indsatser i området", "Indsatser i %(area)s", "Seneste samarbejde",
]
# A body has at most one meeting a day, so each language's run meets on its own day (recent enough for the
# decision to be among the area page's latest entries).
MEETING_DAYS_AGO = {"da": 1, "en": 2}


def _labels(lang: str) -> dict[str, str]:
    """The interface text per Danish msgid, as the app shows it in `lang`."""
    if lang == "da":
        return {msgid: msgid for msgid in MSGIDS}
    catalog = Translations.load(str(TRANSLATIONS), [lang])
    missing = [msgid for msgid in MSGIDS if not getattr(catalog, "_catalog", {}).get(msgid)]
    assert not missing, f"the {lang} catalog does not translate: {missing}"
    return {msgid: catalog.gettext(msgid) for msgid in MSGIDS}


def _switch_language(page, lang: str) -> None:
    """Use the header's language switch, as a user would, and check the page now speaks `lang`."""
    if lang != "da":
        page.get_by_role("button", name=re.compile("Vælg sprog")).click()
        page.get_by_role("link", name={"en": "English"}[lang], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_coordinator_records_initiative_entry_and_meeting_and_finds_them_on_the_area_page(page, lang):
    t = _labels(lang)
    tag = f"{lang}-{uuid.uuid4().hex[:8]}"
    # "Browsertest" sorts among the area's active initiatives, so the row is on the area page's first rows.
    title = f"Browsertest fælles indsats {tag}"
    entry_text = f"Fælles beboermøde i Tingbjerg med SOF og fsb ({tag})"
    decision = f"Forummet bakker op om den fælles indsats ({tag})"

    log_in(page)
    _switch_language(page, lang)

    # A new initiative, led by the coordinator's own administration (TMF, preselected).
    page.goto("/initiatives/")
    page.get_by_role("link", name=t["Ny indsats"], exact=True).click()
    page.get_by_label(t["Titel"], exact=True).fill(title)
    page.get_by_label(t["Beskrivelse"], exact=True).fill("Oprettet af browsertesten: to områder, SOF og fsb.")
    page.get_by_label(t["Status"], exact=True).select_option(label=t["Aktiv"])
    page.get_by_label(t["Startdato"], exact=True).fill("2024-03-01")
    page.get_by_role("group", name=t["Partnerforvaltninger"], exact=True).get_by_label(
        re.compile(r"^SOF\b")).check()
    page.get_by_role("group", name=t["Eksterne partnere"], exact=True).get_by_label("fsb", exact=True).check()
    areas = page.get_by_role("group", name=t["Områder"], exact=True)
    areas.get_by_label(HOME_AREA, exact=True).check()
    areas.get_by_label(OTHER_AREA, exact=True).check()
    page.get_by_role("button", name=t["Opret indsats"], exact=True).click()

    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(page.get_by_role("link", name=HOME_AREA, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=OTHER_AREA, exact=True)).to_be_visible()
    expect(page.get_by_role("row", name=t["Partnerforvaltninger"])).to_contain_text("SOF")
    expect(page.get_by_role("row", name=t["Eksterne partnere"])).to_contain_text("fsb")
    initiative_url = page.url.split("?")[0]  # the page right after saving asks for overlaps (?saved=1)

    # A line in the cooperation log, added from the initiative page.
    page.get_by_role("link", name=t["Tilføj logpost"]).click()
    page.get_by_label(t["Type"], exact=True).select_option(label=t["Fælles aktivitet"])
    page.get_by_label(t["Hvad skete der?"], exact=True).fill(entry_text)
    page.get_by_role("button", name=t["Gem logpost"], exact=True).click()
    page.wait_for_url(initiative_url)
    expect(page.get_by_role("heading", name=t["Samarbejdslog"])).to_be_visible()
    expect(page.get_by_role("cell", name=entry_text, exact=True)).to_be_visible()

    # A meeting of the area's boligsocialt forum, where TMF has a seat, with one decision.
    page.get_by_role("link", name=HOME_AREA, exact=True).click()
    page.get_by_role("complementary").get_by_role("link", name=FORUM, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=FORUM)).to_be_visible()
    page.get_by_role("link", name=t["Registrér møde"]).click()
    page.get_by_label(t["Dato"], exact=True).fill((date.today() - timedelta(days=MEETING_DAYS_AGO[lang])).isoformat())
    page.get_by_label(t["Referat"]).fill(f"Status på den fælles indsats {tag}.")
    first_row = page.get_by_role("group", name=t["Beslutning %(row)s"] % {"row": 1}, exact=True)
    first_row.get_by_label(t["Beslutning"], exact=True).fill(decision)
    page.get_by_role("button", name=t["Gem møde"], exact=True).click()
    expect(page.get_by_role("heading", level=1, name=FORUM)).to_be_visible()
    expect(page.get_by_role("heading", name=t["Møder"])).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text=decision)).to_be_visible()

    # All of it on the area page.
    page.goto("/")
    page.get_by_role("link", name=HOME_AREA, exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name=HOME_AREA)).to_be_visible()
    expect(page.get_by_role("heading", name=t["Indsatser i området"])).to_be_visible()
    initiatives = page.get_by_role("table", name=t["Indsatser i %(area)s"] % {"area": HOME_AREA}, exact=True)
    expect(initiatives.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=t["Seneste samarbejde"])).to_be_visible()
    expect(page.get_by_role("cell", name=entry_text, exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name=decision, exact=True)).to_be_visible()
