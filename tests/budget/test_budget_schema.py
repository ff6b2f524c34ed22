"""pia_followup parameters: both sites validate; malformed CSV inputs are refused before the
run with the file, the line, the column and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from qsp_lib.core import params

REPO = Path(__file__).resolve().parents[2]

ACTIONS = (
    "action_id,title,axis,owner,total_cost_eur,pia_subsidy_eur,start_date,end_date,"
    "cofunding_mel_eur\n"
    "A1,Butte,Bruit,Ville,200000,100000,2020-01-01,2021-12-31,50000\n"
    "A2,Ferme,Nature,SPL,80000,50000,2020-06-01,2022-06-30,\n"
)
PAYMENTS = (
    "date,action_id,kind,amount_eur\n2020-02-01,A1,engagement,80000\n2020-03-01,A1,avance,15000\n"
)
YAML = (
    "convention_amount_eur: 150000\n"
    "convention_signature_date: '2020-01-01'\n"
    "convention_end_date: '2022-12-31'\n"
    "as_of_date: '2021-06-30'\n"
    "cofunding_sources: {mel: {label: MEL, status: secured}}\n"
)


def _site(tmp_path, actions=ACTIONS, payments=PAYMENTS, yaml=YAML, schedule=None):
    site = tmp_path / "site"
    site.mkdir()
    (site / "pia_actions.csv").write_text(actions, encoding="utf-8")
    (site / "pia_payments.csv").write_text(payments, encoding="utf-8")
    if schedule is not None:
        (site / "plan.csv").write_text(schedule, encoding="utf-8")
        yaml += "schedule_csv: plan.csv\n"
    (site / "pia_followup.yaml").write_text(yaml, encoding="utf-8")
    return site / "pia_followup.yaml"


def _error(path) -> str:
    with pytest.raises(params.ParameterError) as exc:
        params.validate_file("pia_followup", path)
    return str(exc.value)


@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_site_files_validate(site):
    p = params.validate_file("pia_followup", REPO / "parameters" / site / "pia_followup.yaml")
    assert Path(p.actions_csv).is_file() and Path(p.payments_csv).is_file()
    assert p.as_of_date is not None  # fixed situation date: reproducible briefs


def test_concorde_convention_amount_is_the_published_one():
    # Ville de Lille, job posting CDD/01334 (January 2020): 4.6 MEUR validated end 2019
    p = params.validate_file("pia_followup", REPO / "parameters/concorde/pia_followup.yaml")
    assert p.convention_amount_eur == 4_600_000


def test_a_clean_site_validates_and_resolves_relative_paths(tmp_path):
    p = params.validate_file("pia_followup", _site(tmp_path))
    assert p.actions_csv == str((tmp_path / "site" / "pia_actions.csv").resolve())
    assert p.cofunding_sources["mel"].status == "secured"


def test_only_the_files_are_needed(tmp_path):
    yaml = "cofunding_sources: {mel: {label: M, status: sought}}\n"
    p = params.validate_file("pia_followup", _site(tmp_path, yaml=yaml))
    assert p.convention_amount_eur is None and p.as_of_date is None


@pytest.mark.parametrize(
    ("actions", "payments", "needles"),
    [
        (
            ACTIONS.replace("2020-06-01", "2020/06/01"),
            PAYMENTS,
            ["pia_actions.csv", "ligne 3, colonne start_date", "AAAA-MM-JJ"],
        ),
        (
            ACTIONS,
            PAYMENTS.replace("2020-03-01,A1,avance,15000", "2020-03-01,A1,avance,-15000"),
            ["pia_payments.csv", "ligne 3, colonne amount_eur", "≥ 0"],
        ),
        (
            ACTIONS,
            PAYMENTS.replace("avance", "avence"),
            ["pia_payments.csv", "ligne 3, colonne kind", "avance"],
        ),
        (
            ACTIONS,
            PAYMENTS.replace("2020-02-01", "2020-02-31"),
            ["pia_payments.csv", "ligne 2, colonne date", "AAAA-MM-JJ"],
        ),
        (
            ACTIONS.replace(",owner,", ",maitre,"),
            PAYMENTS,
            ["pia_actions.csv", "colonnes manquantes : owner", "colonnes inconnues : maitre"],
        ),
        (
            ACTIONS,
            PAYMENTS.replace("date,action_id,kind,amount_eur", "date,action_id,kind,amount"),
            ["pia_payments.csv", "colonnes manquantes : amount_eur"],
        ),
        (
            ACTIONS.replace("2020-06-01,2022-06-30", "2022-06-30,2020-06-01"),
            PAYMENTS,
            ["pia_actions.csv", "ligne 3", "postérieure à start_date"],
        ),
        (
            ACTIONS.replace("A2,Ferme", "A1,Ferme"),
            PAYMENTS,
            ["pia_actions.csv", "ligne 3, colonne action_id", "déjà utilisé ligne 2"],
        ),
        (
            ACTIONS.replace(",50000\n", ",beaucoup\n"),
            PAYMENTS,
            ["pia_actions.csv", "ligne 2, colonne cofunding_mel_eur", "un nombre"],
        ),
        (
            ACTIONS.replace("100000,2020", "1 00,2020"),  # not a thousands grouping
            PAYMENTS,
            ["pia_actions.csv", "ligne 2, colonne pia_subsidy_eur", "un nombre"],
        ),
    ],
    ids=[
        "bad-date",
        "negative-amount",
        "unknown-kind",
        "impossible-date",
        "missing-column",
        "missing-payment-column",
        "end-before-start",
        "duplicate-id",
        "bad-cofunding",
        "french-number",
    ],
)
def test_bad_files_are_refused_with_file_line_and_column(tmp_path, actions, payments, needles):
    message = _error(_site(tmp_path, actions=actions, payments=payments))
    for needle in needles:
        assert needle in message, (needle, message)


def test_every_cofunding_column_needs_a_declared_source(tmp_path):
    message = _error(_site(tmp_path, yaml=YAML.replace("mel:", "mle:")))
    assert "cofunding_sources" in message
    assert "mel (cofunding_mel_eur)" in message and "mle (vouliez-vous dire mel ?)" in message


def test_cofunding_status_is_secured_or_sought(tmp_path):
    message = _error(_site(tmp_path, yaml=YAML.replace("status: secured", "status: maybe")))
    assert "cofunding_sources.mel.status" in message and "'sought'" in message


def test_a_schedule_on_an_unknown_action_is_refused(tmp_path):
    schedule = "date,action_id,planned_eur\n2020-06-30,A1,1000\n2021-06-30,A9,1000\n"
    message = _error(_site(tmp_path, schedule=schedule))
    assert "plan.csv" in message and "ligne 3, colonne action_id = 'A9'" in message


def test_convention_dates_and_names(tmp_path):
    message = _error(_site(tmp_path, yaml=YAML.replace("'2022-12-31'", "'2019-12-31'")))
    assert "convention_end_date" in message and "postérieure" in message
    (tmp_path / "b").mkdir()
    message = _error(_site(tmp_path / "b", yaml=YAML + "as_of_date_x: 1\n"))
    assert "vouliez-vous dire « as_of_date »" in message
    (tmp_path / "c").mkdir()
    message = _error(_site(tmp_path / "c", yaml=YAML + "parameter_sources: {amount: x}\n"))
    assert "parameter_sources" in message and "amount" in message
