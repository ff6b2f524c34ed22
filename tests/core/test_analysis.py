"""Which declared analyses gather the others (:func:`qsp_lib.core.analysis.upstream`)."""

from qsp_lib.core import analysis as A


def test_only_the_synthesis_gathers():
    gatherers = [a.notebook for a in A.analyses().values() if a.gathers]
    assert gatherers == ["committee_synthesis"]


def test_upstream_keeps_an_analysis_that_reads_another():
    ghg = A.analysis("ghg_planning_options")
    assert ghg.depends_on == ("circular_materials",) and not ghg.gathers
    listed = [a.notebook for a in A.upstream()]
    assert "ghg_planning_options" in listed and "circular_materials" in listed
    assert "committee_synthesis" not in listed
    of_synthesis = [a.notebook for a in A.upstream("committee_synthesis")]
    assert "ghg_planning_options" in of_synthesis
    assert [a.notebook for a in A.upstream("ghg_planning_options")] == ["circular_materials"]
