"""Declaration of the ``committee_synthesis`` analysis (see :mod:`qsp_lib.core.analysis`)."""

from qsp_lib.core.analysis import Analysis, Scrap

ANALYSIS = Analysis(
    notebook="committee_synthesis",
    package="synthesis",
    title="Synthèse pour les comités",
    subtitle="{audience} — les chiffres clés de toutes les notes, vérifiés entre eux",
    theme="Synthèse",
    method=(
        "Chiffres clés de chaque note tels qu'elle les affiche, contrôles de cohérence entre "
        "notes et évolution depuis le calcul précédent."
    ),
    schema="qsp_lib.synthesis.schema:CommitteeSynthesisParameters",
    order=0,
    scraps=(Scrap("synthesis_key_figures", "Chiffres clés de toutes les notes", "", kind="table"),),
    depends_on=(
        "pv_yield",
        "ghg_planning_options",
        "circular_materials",
        "evaluation_indicators",
        "pia_followup",
    ),
    gathers=True,
    variants={"audience": ("comite_pilotage", "comite_partenaires", "comite_suivi")},
    variant_labels={
        "comite_pilotage": "Comité de pilotage",
        "comite_partenaires": "Comité des partenaires",
        "comite_suivi": "Comité de suivi",
    },
)
