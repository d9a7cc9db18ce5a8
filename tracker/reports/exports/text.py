"""The committee's report as plain text and Markdown in the template's layout, to paste or to keep."""
from __future__ import annotations

from tracker.reports.exports.document import ReportDocument, chosen_sections, first_page_notices, paragraphs
from tracker.reports.template import SECTIONS, SectionTemplate

# --- plain text ------------------------------------------------------------------------------------------


def to_text(doc: ReportDocument, section: int | None = None) -> str:
    """One section: just its answer, ready to paste. Whole report: title, notices, and each section with
    heading, guidance and limit line. Paragraphs are separated by a blank line."""
    if section is not None:
        (template,) = chosen_sections(section)
        return "\n\n".join(paragraphs(doc.text_of(template.number)))
    blocks = [doc.title, *first_page_notices(doc)]
    for template in SECTIONS:
        blocks.extend([template.numbered_heading, template.guidance, template.limit_line])
        blocks.extend(paragraphs(doc.text_of(template.number)))
    return "\n\n".join(blocks) + "\n"


# --- Markdown --------------------------------------------------------------------------------------------


def _markdown_section(doc: ReportDocument, template: SectionTemplate) -> list[str]:
    return [f"## {template.numbered_heading}", f"*{template.guidance}*", f"*{template.limit_line}*",
            *paragraphs(doc.text_of(template.number))]


def to_markdown(doc: ReportDocument, section: int | None = None) -> str:
    """The layout of the transcribed reports: `# title`, then `## 3) heading`, `*guidance*`, `*[max ...]*`
    and the answer. One section leaves out the title and the notices."""
    blocks: list[str] = []
    if section is None:
        blocks = [f"# {doc.title}", *first_page_notices(doc, emphasis="**")]
    for template in chosen_sections(section):
        blocks.extend(_markdown_section(doc, template))
    return "\n\n".join(blocks) + "\n"
