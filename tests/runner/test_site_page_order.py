"""Order of the notes on a site's page: the committee synthesis first, then the notes in the
programme's order (the declarations' ``order``: PV, GHG, materials, evaluation, PIA), not in
file-name order. Built from the repository's notebooks and hand-made outputs, no kernel."""

from __future__ import annotations

import re
from html import unescape

from conftest import REPO, make_notebook

from qsp_lib.runner import notebooks
from qsp_lib.runner.site_index import page_order, write_site_index

OK = {"status": "ok", "executed_at": "2026-11-30T01:00:00"}
#: The programme's order, by hand from each ``qsp_lib/<package>/declaration.py``'s ``order``.
PROGRAMME = [
    "committee_synthesis",  # order 0, gathers the others
    "pv_yield",  # 10
    "ghg_planning_options",  # 20
    "circular_materials",  # 30
    "evaluation_indicators",  # 40
    "pia_followup",  # 50
]


def test_site_page_lists_synthesis_first_then_programme_order(tmp_path):
    specs = notebooks.discover(REPO / "notebooks")
    assert sorted(specs) != PROGRAMME  # file-name order would be wrong
    assert page_order(specs) == PROGRAMME
    out = tmp_path / "concorde"
    out.mkdir()
    for spec in specs.values():
        for _, stem in spec.stems():
            (out / f"{stem}.html").write_text("<html></html>")
    entries = {name: OK for name in specs}
    page = write_site_index(out, "concorde", specs, {}, entries, {}, None).read_text()
    titles = re.findall(r'<article class="qsp-entry">\s*<h2>(?:<a[^>]*>)?([^<]+)<', page)
    assert [unescape(t).strip() for t in titles] == [specs[n].title for n in PROGRAMME]


def test_undeclared_notebooks_follow_gatherers_by_name(tmp_path):
    nb_dir = tmp_path / "notebooks"
    make_notebook(nb_dir / "zeta.ipynb", "x = 1\n", ["y = 1"], {"title": "Zêta"})
    make_notebook(nb_dir / "alpha.ipynb", "x = 1\n", ["y = 1"], {"title": "Alpha"})
    make_notebook(
        nb_dir / "beta.ipynb", "x = 1\n", ["y = 1"], {"title": "Bêta", "depends_on": ["zeta"]}
    )
    assert page_order(notebooks.discover(nb_dir)) == ["beta", "alpha", "zeta"]
