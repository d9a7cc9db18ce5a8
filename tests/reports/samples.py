"""Texts a writer really produces, counted alike by Python, the browser counter and the Word export:
Danish letters, emoji (with a skin-tone modifier, a ZWJ family, a combining accent), non-breaking spaces,
tabs, and paragraphs from a browser's text area (\\r\\n), a paste (\\n) and old Mac text (\\r)."""
import pytest

AWKWARD_TEXTS = [
    pytest.param("", id="empty"),
    pytest.param("Blågården, Sjælør Boulevard og Ørestad — ÆØÅ æøå.", id="danish-letters"),
    pytest.param("Tryghedsvandring 😀 gennemført 👍🏽 i Tingbjerg.", id="emoji-with-skin-tone"),
    pytest.param("Familie: 👨‍👩‍👧 og e\u0301", id="zwj-sequence-and-combining-accent"),
    pytest.param("Mere end\u00a0300 borgere og 10\u00a0virksomheder.", id="nbsp"),
    pytest.param("Første afsnit.\r\n\r\nAndet afsnit med æ.\nTredje linje.\rFjerde 😀.", id="paragraphs-every-break"),
    pytest.param("  Indrykket afsnit\tmed tabulator.\r\n   \r\nSidste.  \n", id="spaces-tabs-and-blank-lines"),
]
