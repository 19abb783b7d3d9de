"""A kommune is named as people type it: 'aarhus', 'AARHUS ' and 'Aarhus' are the same kommune in the app, the CLI
and a shared link, and the plan carries the content's own spelling."""

import json

import pytest

from support import run_cli
from planner.planning import lesson as L


@pytest.mark.parametrize("typed", ["aarhus", "AARHUS", " Aarhus ", "aArHuS"])
def test_a_lesson_finds_the_kommune_whatever_the_case(content, typed):
    plan = L.assemble(content, {"band": "mellemtrin", "template": "lektion", "kommune": typed})
    assert plan.kommune == "Aarhus" and plan.request.kommune == "Aarhus"
    assert any(h.region == "Aarhus" for h in plan.helplines)
    again = L.from_json(L.to_json(plan), content)
    assert again.kommune == "Aarhus"


def test_an_unknown_kommune_is_refused_naming_the_known_ones(content):
    with pytest.raises(L.PlanError, match="Kendte kommuner: Aarhus"):
        L.assemble(content, {"band": "mellemtrin", "template": "lektion", "kommune": "Aalborg"})
    assert content.kommune_named("") is None and content.kommune_named(None) is None


def run(*args):
    return run_cli(*args)


def test_the_command_line_accepts_a_lower_case_kommune(tmp_path):
    out = tmp_path / "plan.json"
    r = run("lesson", "--band", "mellemtrin", "--minutes", "45", "--kommune", "aarhus", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["kommune"] == "Aarhus"
    r = run("guide", "--kommune", "aarhus", "--out", str(tmp_path / "g"))
    assert r.returncode == 0, r.stderr
    r = run("catalog", "--kind", "helplines", "--kommune", "AARHUS", "--format", "csv")
    assert r.returncode == 0 and "Ungekontakten" in r.stdout, r.stderr
