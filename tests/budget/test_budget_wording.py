"""French wording of the PIA follow-up (qsp_lib.budget.wording): alert messages, delay
reasons and the sentences of the "En bref"."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import budget_fixture as fx  # noqa: E402

from qsp_lib.budget import wording  # noqa: E402
from qsp_lib.budget.model import alerts  # noqa: E402


def test_alert_messages_name_the_action_and_the_amounts():
    extra = [("2020-07-01", "X1", "acompte", 45_000.0)]
    found = alerts.check_consistency(fx.actions(), fx.payments(extra), fx.conv(), fx.AS_OF)
    assert found.loc[0, "amount_eur"] == 85_000 and found.loc[0, "limit_eur"] == 80_000
    (message,) = wording.alert_messages(found)
    assert message.startswith("Action X1 : versé (85\u202f000\u00a0€)")
    assert "l'engagé (80\u202f000\u00a0€)" in message


def test_every_alert_code_has_a_name_and_a_message():
    assert set(wording.ALERTS) == set(wording.MESSAGES) == set(alerts.ALERT_CODES)


def test_alert_message_of_a_ledger_row_names_its_date_and_kind():
    extra = [("2020-07-01", "X9", "acompte", 1_000.0)]
    found = alerts.check_consistency(fx.actions(), fx.payments(extra), fx.conv(), fx.AS_OF)
    assert wording.alert_messages(found) == [
        "Écriture du 01/07/2020 (acompte, 1\u202f000\u00a0€) sur une action inconnue : X9."
    ]


def test_rows_after_the_situation_are_counted_in_the_message():
    extra = [("2021-02-01", "X2", "acompte", 1_000.0), ("2021-03-01", "X2", "acompte", 1_000.0)]
    found = alerts.check_consistency(fx.actions(), fx.payments(extra), fx.conv(), fx.AS_OF)
    assert wording.alert_messages(found) == [
        "Écritures datées après la date de situation (31/12/2020), non comptées : 2."
    ]


def test_delay_reasons_and_sentences():
    assert wording.late_reason(False, False) == ""
    assert wording.late_reason(True, True) == (
        "échéance dépassée sans solde ; versements en retard sur le calendrier"
    )
    assert wording.late_sentence([]) == "Aucune action n'est en retard."
    assert wording.late_sentence(["A1", "A3"]) == "2\u00a0actions en retard : A1, A3."
    assert wording.late_sentence(["A1"]) == "1\u00a0action en retard : A1."
    assert wording.alerts_sentence(0).startswith("Aucune incohérence")
    assert wording.alerts_sentence(3) == "3\u00a0alertes de cohérence à traiter (détail plus bas)."
    assert wording.alerts_sentence(1).startswith("1\u00a0alerte de cohérence")
