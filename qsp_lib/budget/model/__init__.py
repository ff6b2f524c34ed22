"""Models of the PIA convention follow-up: numbers in, numbers out (no wording, no files).

- :mod:`.ledger`: the vocabulary of the ledger (kinds of rows, co-funding columns);
- :mod:`.convention`: the convention's terms and the situation date;
- :mod:`.followup`: commitments, payments, schedule, delays, forecast, totals, curve;
- :mod:`.alerts`: the consistency checks between actions, ledger and convention;
- :mod:`.funding`: the funding plan by source.

The French wording is :mod:`qsp_lib.budget.wording`, the report to the operator
:mod:`qsp_lib.budget.report`.

Plain functions over DataFrames (the files are read by :mod:`qsp_lib.budget.io`):

- ``actions``: one row per action of the convention, columns ``action_id``, ``title``,
  ``axis``, ``owner``, ``total_cost_eur``, ``pia_subsidy_eur``, ``start_date``, ``end_date``
  (timestamps) and optional ``cofunding_<source>_eur`` columns;
- ``payments``: the ledger, columns ``date``, ``action_id``, ``kind`` (``engagement`` |
  ``avance`` | ``acompte`` | ``solde``), ``amount_eur``;
- ``schedule`` (optional): planned payments, columns ``date``, ``action_id``, ``planned_eur``.

Vocabulary (ANRU / Caisse des Dépôts conventions of the Programme d'investissements d'avenir):
*engagé* is what the project owner has legally committed (orders, contracts) against the
subsidy; *versé* what the operator has paid (advance, interim payments, balance); the
*solde* (balance) is paid once the completed action is justified, so an action whose end
date falls after the convention's end cannot receive it.

The advance ceiling and the share paid as balance are convention terms given as parameters
(the Concorde convention's own rates are not published: the site files say « hypothèse »).

References
----------
Ville de Lille, job posting CDD/01334 (January 2020): PIA « Ville et territoires durables »,
action « Ville durable et solidaire », 4.6 M€ action programme validated with ANRU at the end
of 2019, administrative and financial follow-up of the convention by the innovation officer.
"""

#: File names of the exports written beside the brief: the financial report workbook and
#: the CSVs of its detail sheets (sheet name -> file name).
XLSX_NAME = "pia_followup_rapport_financier.xlsx"
CSV_NAMES = {
    "Suivi par action": "pia_followup_par_action.csv",
    "Plan de financement": "pia_followup_plan_de_financement.csv",
    "Versements": "pia_followup_versements.csv",
}
