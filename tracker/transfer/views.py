"""Pages for Excel and CSV: downloading the initiative list and the cooperation log, and importing a file
(upload, preview, "Gem")."""
from __future__ import annotations

from collections.abc import Iterator

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from tracker.areas.queries import all_areas
from tracker.auth.permissions import require
from tracker.core.errors import ValidationError
from tracker.extensions import db
from tracker.initiatives.forms import InitiativeFilterForm
from tracker.initiatives.queries import all_themes
from tracker.organisation.queries import all_administrations
from tracker.transfer import exports, uploads
from tracker.transfer.cells import CHANGED, ERROR, NEW, UNCHANGED
from tracker.transfer.permissions import can_import
from tracker.transfer.plan import Plan, PreviewChanged, apply, preview
from tracker.transfer.reading import FileProblem

bp = Blueprint("transfer", __name__)
bp.add_app_template_global(can_import)
MIMETYPES = {"xlsx": exports.XLSX, "csv": exports.CSV}


def _download(chunks: Iterator[bytes], name: str, kind: str) -> Response:
    """The file as it is written: the first bytes go out at once, the rest as the records are read."""
    return Response(stream_with_context(chunks), content_type=MIMETYPES[kind],
                    headers={"Content-Disposition": f"attachment; filename={name}.{kind}"})


@bp.route("/initiatives/export.<any(xlsx, csv):kind>")
def export_initiatives(kind: str):
    """The list as filtered on the page (the same query parameters)."""
    form = InitiativeFilterForm(request.args, all_areas(), all_administrations(), all_themes())
    return _download(exports.initiatives_chunks(form.filters(), kind), "indsatser", kind)


def _id_arg(name: str) -> int | None:
    raw = request.args.get(name, "")
    if not raw:
        return None
    if not raw.isdecimal() or len(raw) > 9:
        abort(404)
    return int(raw)


@bp.route("/log/export.<any(xlsx, csv):kind>")
def export_log(kind: str):
    """The current cooperation log, or one initiative's (?initiative=) or body's (?body=)."""
    return _download(exports.entries_chunks(kind, _id_arg("initiative"), _id_arg("body")), "samarbejdslog", kind)


def _require_importer() -> None:
    require(can_import(current_user), _("Kun koordinatorer og administratorer kan indlæse filer."))


def _preview_page(plan: Plan, token: str, notice: str | None = None, status: int = 200):
    counts = {name: plan.count(name) for name in (NEW, CHANGED, UNCHANGED, ERROR)}
    shown = [row for row in plan.rows if row.status != UNCHANGED]
    return render_template("transfer/preview.html", plan=plan, token=token, counts=counts, rows=shown,
                           notice=notice), status


@bp.route("/import", methods=["GET", "POST"])
def upload():
    _require_importer()
    if request.method == "GET":
        return render_template("transfer/upload.html", error=None)
    upload_file = request.files.get("file")
    if upload_file is None or not upload_file.filename:
        return render_template("transfer/upload.html", error=_("Vælg en fil.")), 400
    filename = upload_file.filename.replace("\\", "/").rsplit("/", 1)[-1][:150]
    data = upload_file.read()
    try:
        plan = preview(filename, data, current_user)
    except FileProblem as problem:
        return render_template("transfer/upload.html", error=problem.message), 400
    token = uploads.keep(current_user.id, filename, data)
    return _preview_page(plan, token, status=422 if plan.problems else 200)


@bp.route("/import/<token>", methods=["POST"])
def apply_import(token: str):
    _require_importer()
    stored = uploads.fetch(token, current_user.id)
    if stored is None:
        flash(_("Den indlæste fil findes ikke længere (den gemmes i to timer). Indlæs den igen."), "error")
        return redirect(url_for(".upload"))
    filename, data = stored
    try:
        plan = apply(filename, data, current_user, request.form.get("fingerprint", ""), author=current_user)
        db.session.commit()
    except FileProblem as problem:
        return render_template("transfer/upload.html", error=problem.message), 400
    except PreviewChanged as changed:
        db.session.rollback()
        return _preview_page(changed.plan, token, _(
            "Indsatserne eller logposterne er ændret, siden du så forhåndsvisningen. Se den nye "
            "forhåndsvisning, før du gemmer."), 409)
    except (StaleDataError, ValidationError):
        # A colleague saved one of the records between the check and this save.
        db.session.rollback()
        return _preview_page(preview(filename, data, current_user), token, _(
            "En kollega har gemt en af posterne imens. Se den nye forhåndsvisning, før du gemmer."), 409)
    uploads.discard(token)
    flash(_("Importen af %(file)s er gemt: %(new)s nye og %(changed)s ændrede.", file=filename,
            new=plan.count(NEW), changed=plan.count(CHANGED)), "success")
    if plan.kind == "initiatives":
        return redirect(url_for("initiatives.list_initiatives"))
    return redirect(url_for(".upload"))
