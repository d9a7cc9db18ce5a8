"""What a browser would send for a form on a page: its inputs, ticked boxes, chosen options and texts."""
from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []  # (action and class, fields)
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._option: tuple[str, bool] | None = None
        self._first_option: str | None = None
        self._chosen = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside, self.fields = True, []
            self.forms.append((f"{attrs.get('action') or ''} {attrs.get('class') or ''}", self.fields))
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name and "disabled" not in attrs:
            self._select, self._first_option, self._chosen = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self.fields.append((self._select, value))
                self._chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self._select:
            if not self._chosen and self._first_option is not None:
                self.fields.append((self._select, self._first_option))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def form_data(page: str, marker: str | None = None, **changes) -> dict[str, list[str]]:
    """The form on `page` whose action or class contains `marker` (else the one with the most fields), as
    posted, with `changes` (a name with a value, or a list of values) put in."""
    reader = _FormReader()
    reader.feed(page)
    matching = [fields for where, fields in reader.forms if marker and marker in where]
    fields = matching[0] if matching else max((fields for _where, fields in reader.forms), key=len, default=[])
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    return data
