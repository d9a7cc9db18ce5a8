"""Broken seed files: every problem names file, entry and field, and nothing at all is written."""
from __future__ import annotations

import textwrap

import pytest

from tests.seeding.conftest import count_rows

REFERENCE = """
administrations:
  - {code: TMF, name: Teknik- og Miljøforvaltningen, committee: Teknik- og Miljøudvalget}
areas:
  - {name: Bispebjerg, slug: bispebjerg}
"""


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_loading_a_file_with_an_unknown_area_names_file_entry_and_field_and_writes_nothing(runner, tmp_path):
    broken = _write(tmp_path, "broken.yaml", REFERENCE + """
initiatives:
  - {title: Lektiecafé, lead_administration: TMF, status: active, areas: [Bispebjerg]}
  - {title: Tryghedsvandringer, lead_administration: TMF, status: active, areas: [Bispebjerg, Atlantis]}
""")
    before = count_rows()

    result = runner.invoke(args=["seed", str(broken)])

    assert result.exit_code == 1
    assert "broken.yaml: initiatives[1] 'Tryghedsvandringer': field 'areas': Ukendt område 'Atlantis'" in result.stderr
    assert count_rows() == before


def test_loading_a_file_with_a_misspelt_field_names_the_field_and_writes_nothing(runner, tmp_path):
    broken = _write(tmp_path, "typo.yaml", REFERENCE + """
initiatives:
  - {title: Green Teams, lead_administration: TMF, status: active, areas: [Bispebjerg], partners: [SOF]}
""")
    before = count_rows()

    result = runner.invoke(args=["seed", str(broken)])

    assert result.exit_code == 1
    assert "typo.yaml: initiatives[0] 'Green Teams': field 'partners': Ukendt felt." in result.stderr
    assert count_rows() == before


def test_loading_a_file_with_a_duplicate_name_names_both_entries_and_writes_nothing(runner, tmp_path):
    broken = _write(tmp_path, "twice.yaml", REFERENCE + """
initiatives:
  - {title: Green Teams, lead_administration: TMF, status: active, areas: [Bispebjerg]}
  - {title: Lab2700, lead_administration: TMF, status: active, areas: [Bispebjerg]}
  - {title: Green Teams, lead_administration: TMF, status: finished, areas: [Bispebjerg]}
""")
    before = count_rows()

    result = runner.invoke(args=["seed", str(broken)])

    assert result.exit_code == 1
    assert ("twice.yaml: initiatives[2] 'Green Teams': field 'title': står også i initiatives[0] 'Green Teams'"
            in result.stderr)
    assert count_rows() == before


def test_a_domain_rule_broken_late_in_the_file_rolls_back_everything_before_it(runner, tmp_path):
    broken = _write(tmp_path, "late.yaml", REFERENCE + """
initiatives:
  - {title: Baglæns, lead_administration: TMF, status: active, areas: [Bispebjerg],
     start_date: 2013-05-01, end_date: 2012-01-01}
""")

    result = runner.invoke(args=["seed", str(broken)])

    assert result.exit_code == 1
    assert "late.yaml: initiatives[0] 'Baglæns': field 'end_date': Slutdatoen kan ikke ligge før startdatoen." \
        in result.stderr
    assert count_rows()["administrations"] == 0


def test_a_problem_in_a_nested_list_names_its_position(runner, tmp_path):
    broken = _write(tmp_path, "seats.yaml", REFERENCE + """
bodies:
  - name: Tværkommunalt Team
    kind: tvaerkommunalt_team
    level: staff
    memberships:
      - {role: Medarbejderrepræsentant, administration: TMF}
      - {role: Medarbejderrepræsentant, administration: XYZ}
""")

    result = runner.invoke(args=["seed", str(broken)])

    assert result.exit_code == 1
    assert ("seats.yaml: bodies[0] 'Tværkommunalt Team': field 'memberships[1].administration': "
            "Ukendt forvaltning 'XYZ'") in result.stderr


def test_a_file_that_is_not_yaml_is_refused_with_its_name(runner, tmp_path):
    broken = _write(tmp_path, "garbled.yaml", "areas: [unclosed\n")

    result = runner.invoke(args=["seed", str(broken)])

    assert result.exit_code == 1
    assert "garbled.yaml: ugyldig YAML" in result.stderr


def _refused(runner, path) -> str:
    """What the seed command says about a file it refuses: no traceback, exit code 1, nothing written."""
    before = count_rows()
    result = runner.invoke(args=["seed", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Intet blev gemt:")
    assert count_rows() == before
    return result.stderr


def test_a_file_that_is_not_utf8_names_the_line_and_writes_nothing(runner, tmp_path):
    broken = tmp_path / "latin1.yaml"
    broken.write_bytes(textwrap.dedent(REFERENCE).encode("utf-8")
                       + "  - {name: Nørrebro, slug: norrebro}\n".encode("latin-1"))

    stderr = _refused(runner, broken)

    assert "latin1.yaml: linje 6: ikke gyldig UTF-8; gem filen som UTF-8" in stderr


@pytest.mark.parametrize("nested", [
    "areas: " + "[" * 20_000 + "]" * 20_000,
    "areas: " + "{a: " * 20_000 + "1" + "}" * 20_000,
    "areas:\n" + "".join("  " * depth + "-\n" for depth in range(2_000)),
], ids=["lists", "mappings", "indented"])
def test_a_file_nested_20000_deep_is_refused_with_a_message(runner, tmp_path, nested):
    broken = tmp_path / "deep.yaml"
    broken.write_text(nested, encoding="utf-8")

    stderr = _refused(runner, broken)

    assert "deep.yaml: linje" in stderr and "mere end 50 niveauer inde i hinanden" in stderr


def test_a_date_that_does_not_exist_names_the_line(runner, tmp_path):
    broken = _write(tmp_path, "date.yaml", REFERENCE + """
initiatives:
  - {title: Skæv dato, lead_administration: TMF, status: active, areas: [Bispebjerg], start_date: 2013-02-30}
""")

    stderr = _refused(runner, broken)

    assert "date.yaml: linje 8: '2013-02-30' er ikke en gyldig dato" in stderr


def test_the_shipped_seed_files_nest_well_within_the_limit(seeded):
    assert count_rows()["initiatives"] > 0
