"""Declaration of the ``pia_followup`` analysis (see :mod:`qsp_lib.core.analysis`)."""

from qsp_lib.core.analysis import Analysis, KeyFigure, Scrap

#: Parameters the key figures rest on: the convention, and its ledger at the situation date.
_CONVENTION = ("convention_amount_eur",)
_LEDGER = ("actions_csv", "payments_csv", "as_of_date", *_CONVENTION)

ANALYSIS = Analysis(
    notebook="pia_followup",
    package="budget",
    title="Suivi financier de la convention PIA",
    subtitle="{convention} — situation au {as_of:date}",
    theme="Budget",
    method=(
        "Suivi des engagements et versements par action contre un échéancier linéaire entre "
        "dates de début et de fin ; prévision au rythme actuel et subvention à risque à "
        "l'échéance de la convention."
    ),
    schema="qsp_lib.budget.schema:PiaFollowupParameters",
    order=50,
    scraps=(
        Scrap("pia_convention_eur", "Convention PIA", "€", compared=True),
        Scrap("pia_committed_eur", "Subvention engagée", "€", compared=True),
        Scrap("pia_paid_eur", "Subvention versée", "€", compared=True),
        Scrap(
            "pia_committed_rate",
            "Part de la subvention engagée",
            "fraction",
            display_unit="%",
            scale=100,
            decimals=1,
        ),
        Scrap(
            "pia_paid_rate",
            "Part de la subvention versée",
            "fraction",
            display_unit="%",
            scale=100,
            decimals=1,
        ),
        # forecast at the convention's end: shown to the thousand euros, everywhere
        Scrap("pia_at_risk_eur", "Subvention à risque", "€", decimals=-3, compared=True),
        Scrap("pia_late_actions", "Actions en retard", "actions", kind="list", compared=True),
        Scrap("pia_alerts", "Alertes de cohérence", "alertes", kind="list", compared=True),
        Scrap("pia_by_action", "Subvention par action", "€", kind="table"),
    ),
    key_figures=(
        KeyFigure(
            "convention", "Montant de la convention", "€", 0, _CONVENTION, "pia_convention_eur"
        ),
        # rates are shown as text with their "%" ("73 %"), hence no unit of their own
        KeyFigure("committed", "Engagé", "", 0, _LEDGER),
        KeyFigure("paid", "Versé", "", 0, _LEDGER),
        KeyFigure("late", "Actions en retard", "", 0, (*_LEDGER, "schedule_csv", "late_threshold")),
        KeyFigure(
            "at_risk",
            "Subvention à risque",
            "€",
            -3,
            (*_LEDGER, "convention_end_date", "balance_rate"),
            "pia_at_risk_eur",
        ),
        KeyFigure(
            "alerts",
            "Alertes de cohérence",
            "",
            0,
            (*_LEDGER, "convention_signature_date", "convention_end_date", "advance_rate"),
        ),
    ),
)
