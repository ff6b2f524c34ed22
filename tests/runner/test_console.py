"""The console of ``qsp run``: ``[n/N]`` per finished notebook, a final line with counts and
total time, the table detection notes and warnings; ``--timeout`` as the notebook's wall
clock; the README's ``qsp`` and ``papermill -p`` examples name options and parameters that
exist."""

from __future__ import annotations

import json
import re
import shlex
import time
from pathlib import Path

import pytest
from conftest import make_notebook, run_qsp

from qsp_lib import cli
from qsp_lib.core import params
from qsp_lib.runner import session

REPO = Path(__file__).resolve().parents[2]


def test_each_finished_job_is_numbered_and_the_run_ends_with_counts_and_time(project):
    result = run_qsp(project, "run", "--site", "demo", "--only", "good", "bad")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "2 notebooks à exécuter :" in lines
    numbered = [line for line in lines if line.startswith("[")]
    assert [line[:5] for line in numbered] == ["[1/2]", "[2/2]"]
    assert any("good : ok (" in line for line in numbered)
    assert any("bad : ÉCHEC (" in line for line in numbered)
    assert re.fullmatch(
        r"Terminé en \d+ s : notebooks 1 réussi, 1 échoué, 0 réutilisé\.", lines[-1]
    ), lines[-1]
    assert "à exécuter" not in " ".join(numbered)  # no burst of « à exécuter » lines
    again = run_qsp(project, "run", "--site", "demo", "--only", "good")
    assert again.stdout.splitlines()[-1].endswith(": notebooks 0 réussi, 0 échoué, 1 réutilisé.")


def test_final_line_wording():
    assert session.duration_fr(42.4) == "42 s"
    assert session.duration_fr(185) == "3 min 05 s"
    assert session.duration_fr(3720) == "1 h 02 min"
    assert session.plural(0, "réussi", "réussis") == "0 réussi"
    assert session.plural(2, "réussi", "réussis") == "2 réussis"


def test_fake_job_over_its_wall_clock_fails_as_timeout(project):
    make_notebook(
        project / "notebooks" / "slow.ipynb",
        'site = "demo"\n',
        ["import time\ntime.sleep(2)"],
        {"title": "Lent", "parameters_optional": True},
        fake="sleep(1.5)\nglue('x', 1)",
    )
    result = run_qsp(project, "run", "--site", "demo", "--only", "slow", "--timeout", "1")
    assert result.returncode == 1
    run = json.loads((project / "outputs" / "demo" / "run.json").read_text())
    assert run["slow"]["error_kind"] == "timeout"
    assert run["slow"]["error"].startswith("délai dépassé")


@pytest.mark.engine
def test_timeout_is_the_notebooks_wall_clock_not_per_cell(project):
    """Two cells of 4 s each under ``--timeout 6``: each cell is within the limit (the old
    per-cell reading passed), the notebook is not; it is killed, reported « délai dépassé »,
    the first cell's output is kept in ``slow.failed.ipynb`` and the earlier brief stays."""
    path = project / "notebooks" / "slow.ipynb"
    body = ['print("première cellule")\nimport time\ntime.sleep(4)', "time.sleep(4)"]
    make_notebook(path, 'site = "demo"\n', ["x = 1"], {"title": "Lent"}, remove_setup=False)
    (project / "parameters" / "demo" / "slow.yaml").write_text("site: demo\n")
    assert run_qsp(project, "run", "--site", "demo", "--only", "slow").returncode == 0
    out = project / "outputs" / "demo"
    brief = (out / "slow.html").read_bytes()
    make_notebook(path, 'site = "demo"\n', body, {"title": "Lent"}, remove_setup=False)
    started = time.monotonic()
    result = run_qsp(project, "run", "--site", "demo", "--only", "slow", "--timeout", "6")
    assert result.returncode == 1
    assert time.monotonic() - started < 60
    run = json.loads((out / "run.json").read_text())
    assert run["slow"]["error_kind"] == "timeout", run["slow"]
    assert "délai dépassé" in run["slow"]["error"]
    assert (out / "slow.html").read_bytes() == brief
    partial = (out / "slow.failed.ipynb").read_text(encoding="utf-8")
    assert "première cellule" in partial


# -------------------------------------------------------------------------- README
def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    commands = []
    for block in blocks:
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith((".venv/bin/qsp ", ".venv/bin/papermill ")):
                commands.append(line)
    return commands


def test_readme_qsp_examples_use_options_that_exist():
    parser = cli._parser()
    commands = [c for c in _readme_commands() if c.startswith(".venv/bin/qsp ")]
    assert len(commands) >= 4
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    for command in commands:
        words = shlex.split(re.sub(r"\[[^\]]*\]", "", command))[1:]  # [--opt ...] = syntax
        sub = subparsers[words[0]]
        known = {o for a in sub._actions for o in a.option_strings}
        for word in words[1:]:
            if word.startswith("--"):
                assert word in known, f"README : {command!r} : option {word} inconnue"


def test_readme_papermill_examples_name_parameters_that_exist():
    commands = [c for c in _readme_commands() if c.startswith(".venv/bin/papermill ")]
    assert commands
    text = (REPO / "README.md").read_text(encoding="utf-8")
    inline = re.findall(r"`-p (\w+) [^`]+`", text)
    for command in commands:
        words = shlex.split(command)
        notebook = Path(words[1]).stem
        fields = params.schema_for(notebook).model_fields
        names = [words[i + 1] for i, w in enumerate(words) if w == "-p"] + inline
        for name in names:
            assert name in fields, f"README : -p {name} n'est pas un paramètre de {notebook}"
