"""The overlap review's matrices: who works where (area × administration) and on what (area × theme)."""
from __future__ import annotations

from flask import render_template

from tracker.areas.queries import all_areas
from tracker.initiatives.queries import all_themes
from tracker.organisation.queries import all_administrations
from tracker.overlaps.blueprint import bp, require_reviewer
from tracker.overlaps.review.matrices import OVERLAP_THRESHOLD, administration_matrix, theme_matrix

__all__ = ["bp"]



@bp.route("/matrix/administrations")
def matrix_administrations():
    require_reviewer()
    return render_template("overlaps/matrix_administrations.html", areas=all_areas(),
                           administrations=all_administrations(), matrix=administration_matrix())


@bp.route("/matrix/themes")
def matrix_themes():
    require_reviewer()
    return render_template("overlaps/matrix_themes.html", areas=all_areas(), themes=all_themes(),
                           matrix=theme_matrix(), threshold=OVERLAP_THRESHOLD)
