"""qsp_lib.synthesis.schema: the parameters of the committee synthesis; errors name the
key, the file and the closest known name."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from qsp_lib.core import params


def test_schema_refuses_an_unknown_audience_with_a_suggestion():
    with pytest.raises(params.ParameterError, match="comite_suivi"):
        params.validate("committee_synthesis", {"audience": "comite_de_suivi"}, file="x.yaml")


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"audiance": "comite_suivi"}, "audiance"),
        ({"study_period_years": 0}, "study_period_years"),
        ({"watch_paid_rate": 1.5}, "watch_paid_rate"),
        ({"action_results": {"A1": {"indicateurs": ["x"]}}}, "action_results.A1.indicateurs"),
        ({"action_results": {"A1": {"pilots": "École"}}}, "action_results.A1.pilots"),
    ],
)
def test_schema_errors_name_the_key(data, key):
    with pytest.raises(params.ParameterError) as err:
        params.validate("committee_synthesis", data, file="committee_synthesis.yaml")
    assert any(p.key_path == key for p in err.value.problems), str(err.value)
    assert "committee_synthesis.yaml" in str(err.value)


@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_each_site_links_its_pia_actions_to_results_that_exist(site):
    """The links of parameters/<site>/committee_synthesis.yaml name actions of the site's
    pia_actions.csv and indicators or pilot operations of its evaluation files, so the
    action-by-action cross-check finds every one of them."""
    import yaml

    folder = Path(__file__).resolve().parents[2] / "parameters" / site
    links = yaml.safe_load((folder / "committee_synthesis.yaml").read_text("utf-8"))
    links = links["action_results"]
    actions = set(pd.read_csv(folder / "pia_actions.csv")["action_id"])
    indicators = set(pd.read_csv(folder / "evaluation" / "indicateurs.csv")["indicator"])
    pilots = set(pd.read_csv(folder / "evaluation" / "operations_pilotes.csv")["operation"])
    assert links and set(links) <= actions
    for link in links.values():
        assert set(link.get("indicators", [])) <= indicators
        assert set(link.get("pilots", [])) <= pilots
        assert link.get("indicators") or link.get("pilots")
