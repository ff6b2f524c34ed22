"""qsp_lib.synthesis.audiences: three committees, same numbers, different depth."""

from __future__ import annotations

import pytest

from qsp_lib.core.analysis import analysis
from qsp_lib.synthesis import audiences


def test_sections_same_numbers_different_depth():
    pilotage = audiences.sections_for("comite_pilotage")
    partners = audiences.sections_for("comite_partenaires")
    follow = audiences.sections_for("comite_suivi")
    assert pilotage.one_page and not partners.one_page and not follow.one_page
    assert not pilotage.notes and partners.notes and follow.notes
    assert pilotage.changes_max_rows == 3 and partners.changes_max_rows is None
    assert not pilotage.cross_check_tables and partners.cross_check_tables
    assert not pilotage.methods and partners.methods and partners.ranges
    assert not partners.operations and follow.operations and follow.data_quality
    assert not pilotage.sources_folder and follow.sources_folder
    assert pilotage.label == "Comité de pilotage"
    assert follow.label == "Comité de suivi"


def test_an_unknown_audience_names_the_known_ones():
    with pytest.raises(ValueError, match="comite_suivi"):
        audiences.sections_for("comite_de_suivi")


def test_audiences_are_the_declared_variants():
    declared = analysis("committee_synthesis")
    assert audiences.AUDIENCES == ("comite_pilotage", "comite_partenaires", "comite_suivi")
    assert audiences.AUDIENCES == tuple(declared.variants["audience"])
    assert audiences.AUDIENCE_LABELS["comite_partenaires"] == "Comité des partenaires"
