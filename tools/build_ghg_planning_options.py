"""Write notebooks/ghg_planning_options.ipynb (without outputs) with nbformat.

The parameters cell is generated from parameters/concorde/ghg_planning_options.yaml so
that the notebook's defaults equal the Concorde file. Run from the repository root:

    python tools/build_ghg_planning_options.py
"""

from __future__ import annotations

import notebook_builder

NAME = "ghg_planning_options"
TITLE = "Émissions de gaz à effet de serre des options d'aménagement"

ORDER = [
    "site",
    "study_period_years",
    "weighting",
    "monte_carlo_draws",
    "seed",
    "distribution",
    "start_year",
    "payback_reference",
    "discount_rate",
    "carbon_value_eur_per_t_co2e",
    "trajectories",
    "factors",
    "options",
]


def parameters_source() -> str:
    return notebook_builder.parameters_source(NAME, ORDER, width=80)


SETUP = """\
from qsp_lib import brief, params, scraps, style

P = params.from_namespace("ghg_planning_options", globals())
style.apply()
"""

COMPUTE = """\
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from qsp_lib import ghg, reference

LEAD = P.weighting
OTHER = "dynamic" if LEAD == "static" else "static"
WEIGHTING_FR = {"static": "statique", "dynamic": "dynamique (RE2020)"}
STAGE_SHORT = {
    "works": "Travaux",
    "operation_energy": "Énergie d'exploitation",
    "mobility": "Mobilité",
    "vegetation_soil": "Végétation et sols",
}
overrides = ghg.flatten_overrides(P.factors.model_dump())
model = ghg.build_model(
    P.options_dicts(),
    study_period_years=P.study_period_years,
    start_year=P.start_year,
    trajectories=P.trajectories.model_dump(),
    factors=P.factors.model_dump(),
)
names = model.options
N = model.study_period_years
totals = ghg.totals(model)
total_static = ghg.option_totals(totals, "static")
total_dynamic = ghg.option_totals(totals, "dynamic")
total_lead = total_static if LEAD == "static" else total_dynamic

mc = ghg.monte_carlo(model, P.monte_carlo_draws, P.seed, P.distribution)
mc_summary = ghg.summarise_monte_carlo(model, mc[LEAD]).set_index("option")
reference_option = P.payback_reference or ghg.default_payback_reference(model)
cum = ghg.cumulative(model, LEAD)
payback = ghg.payback_years(cum, reference_option)
ratios = ghg.ratios(model, totals, LEAD).set_index("option")
re2020 = ghg.re2020_check(model)
money = ghg.monetise(model, P.carbon_value_eur_per_t_co2e, P.discount_rate)
tornado = ghg.tornado(model, LEAD)
drivers = ghg.ranking_drivers(model, LEAD, mc[LEAD], mc["samples"])

ranked = sorted(names, key=lambda n: total_lead[n])
best, worst = ranked[0], ranked[-1]
second = ranked[1] if len(ranked) > 1 else None


def t(v):
    \"\"\"Tonnes rounded to the hundred, French format.\"\"\"
    return style.fr(round(float(v), -2), 0)


def wrap(text, width=22):
    return "\\n".join(textwrap.wrap(str(text), width))
"""

HEADER = """\
brief.header(
    P,
    title="Émissions de gaz à effet de serre des options d'aménagement",
    subtitle=f"Analyse de cycle de vie sur {N} ans : travaux, énergie, mobilité, végétation",
)

p = mc_summary.loc[best]
gap_second = total_lead[second] - total_lead[best] if second else 0.0
gap_worst = total_lead[worst] - total_lead[best]


def payback_text(name):
    y = payback[name]
    if y is None:
        return f"ne compense pas son surcroît d'émissions de travaux dans les {N} ans"
    if y == 0:
        return "n'émet jamais plus qu'elle"
    return f"compense son surcroît d'émissions de travaux en {y} ans"


others = [n for n in names if n != reference_option]
payback_sentence = " ; ".join(f"{n} {payback_text(n)}" for n in others) or "sans objet"
brief.summary(
    "Sur {n} ans, l'option la plus sobre est **{best}** avec {total} tCO2e en bilan {w} "
    "(90 % de chances entre {p05} et {p95} tCO2e) ; elle est la plus basse dans {prob} des "
    "{draws} tirages de Monte Carlo. Elle émet {gap2} tCO2e de moins que **{second}** et "
    "{gapw} tCO2e de moins ({gapw_pct}) que **{worst}**. Comparée à **{ref}** : {pay}. "
    "Le bilan {other_w}, qui pèse autrement les émissions lointaines, donne {dyn} tCO2e "
    "pour {best}.",
    pay=payback_sentence,
    other_w=WEIGHTING_FR[OTHER],
    n=N,
    best=best,
    total=t(total_lead[best]),
    w=WEIGHTING_FR[LEAD],
    p05=t(p["p05_t_co2e"]),
    p95=t(p["p95_t_co2e"]),
    prob=style.pct(p["prob_best"], 0),
    draws=style.fr(P.monte_carlo_draws, 0),
    gap2=t(gap_second),
    second=second or best,
    gapw=t(gap_worst),
    gapw_pct=style.pct(gap_worst / total_lead[worst], 0),
    worst=worst,
    ref=reference_option,
    dyn=t(total_dynamic[best] if LEAD == "static" else total_static[best]),
)

most_works = max(others, key=lambda n: total_lead[n]) if others else best
per_inh = ratios.at[best, "t_co2e_per_inhabitant_year"]
qec = reference.value("ghg_benchmarks", "qec_mean_t_co2e_per_user_year")
cards = [
    {
        "label": f"Option la plus sobre : {best}",
        "value": round(total_lead[best], -2),
        "unit": "tCO2e",
        "note": f"bilan {WEIGHTING_FR[LEAD]} sur {N} ans, P5-P95 {t(p['p05_t_co2e'])} "
        f"à {t(p['p95_t_co2e'])}",
    },
    {
        "label": f"Écart avec {worst}",
        "value": round(gap_worst, -2),
        "unit": "tCO2e",
        "note": f"soit {style.pct(gap_worst / total_lead[worst], 0)} de l'option la plus émettrice",
    },
    {
        "label": "Probabilité d'être la plus sobre",
        "value": style.pct(p["prob_best"], 0),
        "note": f"{best}, sur {style.fr(P.monte_carlo_draws, 0)} tirages des facteurs",
    },
]
if np.isfinite(per_inh):
    cards.append(
        {
            "label": "Par habitant et par an",
            "value": per_inh,
            "decimals": 2,
            "unit": "tCO2e",
            "note": f"{best} ; moyenne de l'observatoire Quartier Énergie Carbone : "
            f"{style.fr(qec, 2)} (périmètre plus large)",
        }
    )
if others:
    y = payback[most_works]
    cards.append(
        {
            "label": f"Temps de retour carbone : {most_works}",
            "value": f"aucun en {N} ans" if y is None else f"{y} ans",
            "note": f"face à {reference_option} (courbes cumulées)",
        }
    )
brief.key_figures(cards)
"""

STAGES_MD = "## D'où viennent les émissions"

STAGES_FIG = """\
col = f"{LEAD}_t_co2e"
pivot = totals.pivot(index="option", columns="stage", values=col).reindex(index=names)
pivot = pivot[list(ghg.STAGES)]
fig, ax = plt.subplots(figsize=(7.2, 4.0))
x = np.arange(len(names))
pos_bottom = np.zeros(len(names))
neg_bottom = np.zeros(len(names))
for i, stage in enumerate(ghg.STAGES):
    v = pivot[stage].to_numpy() / 1000
    bottom = np.where(v >= 0, pos_bottom, neg_bottom)
    ax.bar(x, v, bottom=bottom, color=style.PALETTE[i], label=STAGE_SHORT[stage], width=0.6)
    pos_bottom += np.where(v >= 0, v, 0)
    neg_bottom += np.where(v < 0, v, 0)
net = pivot.sum(axis=1).to_numpy() / 1000
ax.scatter(x, net, color="black", marker="D", zorder=3, label="Total net")
for xi, v in zip(x, net, strict=True):
    ax.annotate(style.fr(v, 0), (xi, pos_bottom[xi]), textcoords="offset points",
                xytext=(0, 9), ha="center", fontsize=9)
ax.axhline(0, color="#333333", lw=0.8)
ax.set_xticks(x, [wrap(n) for n in names])
ax.set_ylabel("ktCO2e sur la période")
ax.set_title(f"Émissions par étape sur {N} ans (bilan {WEIGHTING_FR[LEAD]})")
ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
ax.set_ylim(top=pos_bottom.max() * 1.12)
style.french_axes(ax, x=False)
style.source_line(
    fig,
    "Source : facteurs de qsp_lib/data/ghg_factors.csv (voir « Hypothèses et sources ») ; "
    "quantités du fichier de paramètres du site.",
)
plt.show()
"""

STAGES_TEXT = """\
share = {s: pivot.at[best, s] / pivot.loc[best].clip(lower=0).sum() for s in ghg.STAGES}
works_gap = pivot.at[worst, "works"] - pivot.at[best, "works"]
energy_gap = pivot.at[worst, "operation_energy"] - pivot.at[best, "operation_energy"]
brief.say(
    "Pour **{best}**, la mobilité des habitants pèse {mob} des émissions brutes, les travaux "
    "{works} et l'énergie d'exploitation {energy} ; la végétation et les sols en stockent "
    "{veg} tCO2e. Entre **{worst}** et **{best}**, les travaux font un écart de {wg} tCO2e "
    "et l'énergie d'exploitation {eg} ; la mobilité, identique d'une option à l'autre dans "
    "ces paramètres, ne départage pas les options mais fixe l'ordre de grandeur du total.",
    best=best,
    worst=worst,
    mob=style.pct(share["mobility"], 0),
    works=style.pct(share["works"], 0),
    energy=style.pct(share["operation_energy"], 0),
    veg=t(-pivot.at[best, "vegetation_soil"]),
    wg=t(works_gap),
    eg=(
        f"un écart de {t(energy_gap)} tCO2e"
        if energy_gap >= 0
        else f"joue en sens inverse ({t(-energy_gap)} tCO2e de moins pour {worst})"
    ),
)
tab = pd.DataFrame(
    {
        "Option": names,
        "Statique (tCO2e)": [total_static[n] for n in names],
        "Dynamique (tCO2e)": [total_dynamic[n] for n in names],
    }
)
brief.table(tab, decimals=0, caption=f"Totaux sur {N} ans, bilans statique et dynamique RE2020")
tab = pd.DataFrame(
    {
        "Option": names,
        "Par logement (tCO2e)": list(ratios.loc[names, "t_co2e_per_dwelling"]),
        "Par habitant et par an (tCO2e)": list(ratios.loc[names, "t_co2e_per_inhabitant_year"]),
        "Valeur carbone (M€)": [money[n] / 1e6 for n in names],
    }
)
brief.table(
    tab,
    decimals={"Par logement (tCO2e)": 1, "Par habitant et par an (tCO2e)": 2,
              "Valeur carbone (M€)": 1},
    caption=f"Ratios (bilan {WEIGHTING_FR[LEAD]}) et valeur de l'action pour le climat en €2018 "
    "(émissions annuelles statiques, non actualisées sauf paramètre)",
)
"""

TIME_MD = "## Quand elles ont lieu : émissions cumulées et temps de retour"

TIME_FIG = """\
fig, ax = plt.subplots()
years = model.start_year + cum.index.to_numpy()
for i, name in enumerate(names):
    ax.plot(years, cum[name] / 1000, color=style.PALETTE[i], lw=2, label=name)
for name in others:
    y = payback[name]
    if y:
        ax.axvline(model.start_year + y, color="#777777", ls=":", lw=1)
        ax.annotate(f"croisement : {name}", (model.start_year + y, ax.get_ylim()[1] * 0.05),
                    rotation=90, fontsize=8, color="#555555", ha="right")
ax.set_xlabel("Année")
ax.set_ylabel("ktCO2e cumulées")
ax.set_title(f"Émissions cumulées (bilan {WEIGHTING_FR[LEAD]})")
ax.legend(loc="upper left")
style.french_axes(ax, x=False)
ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:.0f}"))
style.source_line(
    fig,
    f"Travaux comptés en {model.start_year} (année 0), exploitation et mobilité de "
    f"{model.start_year + 1} à {model.start_year + N}.",
)
plt.show()
"""

TIME_TEXT = """\
y0 = {n: float(cum.loc[0, n]) for n in names}
d0 = y0[worst] - y0[best]
yearly_saving = ((cum.loc[N, best] - y0[best]) - (cum.loc[N, worst] - y0[worst])) / N
if d0 > 0 and yearly_saving > 0:
    catch_up = (
        f"elle émet ensuite en moyenne {t(yearly_saving)} tCO2e de moins par an, "
        f"il lui faudrait donc environ {style.fr(d0 / yearly_saving, 0)} ans pour rattraper "
        "cet écart"
    )
elif d0 > 0:
    catch_up = "elle n'émet pas moins chaque année ensuite : l'écart ne se résorbe pas"
else:
    catch_up = "elle ne part pas avec un surcroît d'émissions de travaux"
pay_list = [
    f"{n} : {'aucun dans la période' if payback[n] is None else str(payback[n]) + ' ans'}"
    for n in others
]
brief.say(
    "Au départ, les travaux placent **{worst}** {d0} tCO2e au-dessus de **{best}** ; "
    "{catch_up}. Temps de retour carbone face à **{ref}** : {pay}.",
    worst=worst,
    best=best,
    d0=t(d0),
    catch_up=catch_up,
    ref=reference_option,
    pay=" ; ".join(pay_list) or "sans objet",
)
if len(re2020):
    r = re2020.iloc[0]
    brief.say(
        "Construction neuve : le facteur retenu ({f} kgCO2e/m²) est à comparer au seuil RE2020 "
        "Ic_construction du logement collectif de {y} ({lim} kgCO2e/m²) ; les seuils "
        "descendent à 580 en 2028 et 490 en 2031, et en zone H1a (Lille) seuls {s28} des projets "
        "observés respectent déjà le seuil 2028. Un neuf au seuil 2031 réduirait l'écart entre "
        "options (voir la sensibilité ci-dessous).",
        f=style.fr(r["embodied_kg_co2e_per_m2"], 0),
        y=str(int(r["works_calendar_year"])),
        lim=style.fr(r["limit_kg_co2e_per_m2"], 0),
        s28=style.pct(reference.value("ghg_benchmarks", "re2020_h1a_share_meeting_2028"), 1),
    )
"""

UNC_MD = "## Incertitude : fourchettes et probabilité d'être l'option la plus sobre"

UNC_FIG = """\
fig, ax = plt.subplots(figsize=(7.2, 0.9 + 0.8 * len(names)))
ypos = np.arange(len(names))[::-1]
for i, (name, yv) in enumerate(zip(names, ypos, strict=True)):
    s = mc_summary.loc[name]
    ax.plot(
        [s["p05_t_co2e"] / 1000, s["p95_t_co2e"] / 1000],
        [yv, yv],
        color=style.PALETTE[i],
        lw=6,
        alpha=0.6,
        solid_capstyle="butt",
    )
    ax.plot(s["p50_t_co2e"] / 1000, yv, "o", color="black")
    ax.plot(total_lead[name] / 1000, yv, "|", color="black", ms=14)
    ax.annotate(f"plus sobre dans {style.pct(s['prob_best'], 0)} des tirages",
                (s["p95_t_co2e"] / 1000, yv), xytext=(6, 0), textcoords="offset points",
                va="center", fontsize=8)
ax.set_yticks(ypos, [wrap(n, 28) for n in names])
ax.set_xlabel("ktCO2e sur la période")
ax.set_title("Intervalle P5-P95 (barre), médiane (rond), valeur centrale (trait)")
ax.margins(x=0.35)
style.french_axes(ax, y=False)
style.source_line(
    fig,
    f"Monte Carlo : {style.fr(P.monte_carlo_draws, 0)} tirages (loi {P.distribution.upper()}, "
    f"graine {P.seed}), mêmes tirages des facteurs pour toutes les options.",
)
plt.show()
"""

UNC_TEXT = """\
u = mc_summary.reset_index()[["option", "p05_t_co2e", "p50_t_co2e", "p95_t_co2e", "prob_best"]]
PROB = "Probabilité d'être la plus sobre"
u.columns = ["Option", "P5 (tCO2e)", "P50 (tCO2e)", "P95 (tCO2e)", PROB]
brief.table(
    u,
    decimals=0,
    percent=(PROB,),
    caption=f"Bilan {WEIGHTING_FR[LEAD]} ; chaque facteur tiré entre ses valeurs basse et haute",
)
if second is not None and mc_summary.at[best, "p95_t_co2e"] >= mc_summary.at[second, "p05_t_co2e"]:
    overlap = (
        "Les fourchettes se recouvrent en partie parce que tous les totaux partagent les mêmes "
        "facteurs (mobilité surtout) ; "
    )
else:
    overlap = "Les fourchettes ne se recouvrent pas ; "
brief.say(
    "{overlap}comme chaque tirage des facteurs s'applique à toutes les options, la "
    "probabilité d'être la plus sobre mesure la robustesse du classement : **{best}** l'est "
    "dans {prob} des tirages.",
    overlap=overlap,
    best=best,
    prob=style.pct(mc_summary.at[best, "prob_best"], 0),
)
"""

SENS_MD = "## Ce qui décide du classement"

SENS_FIG = """\
top = tornado[tornado["option"] == best].head(8).iloc[::-1]
fig, ax = plt.subplots(figsize=(7.2, 0.8 + 0.42 * len(top)))
base = top["central_t_co2e"].iloc[0] / 1000 if len(top) else 0
lo = top["low_t_co2e"].to_numpy() / 1000
hi = top["high_t_co2e"].to_numpy() / 1000
yy = np.arange(len(top))
ax.barh(yy, lo - base, left=base, color=style.PALETTE[0], label="facteur à sa valeur basse")
ax.barh(yy, hi - base, left=base, color=style.PALETTE[1], label="facteur à sa valeur haute")
ax.axvline(base, color="black", lw=0.8)
units = [model.factors.at[k, "unit"] for k in top["factor"]]
ax.set_yticks(
    yy,
    [
        textwrap.shorten(f"{lbl}", 40, placeholder="…") + f" ({u})"
        for lbl, u in zip(top["label"], units, strict=True)
    ],
)
ax.set_xlabel(f"Total de {best} (ktCO2e)")
ax.set_title("Sensibilité un facteur à la fois")
ax.legend(loc="upper left", bbox_to_anchor=(0, -0.18), ncol=2)
style.french_axes(ax, y=False)
style.source_line(fig, "Valeurs basse et haute de chaque facteur : qsp_lib/data/ghg_factors.csv.")
plt.show()
"""

SENS_TEXT = """\
if second is not None and len(drivers):
    d = drivers[drivers["swing_t_co2e"] > 1e-6].head(4)
    flips = drivers[drivers["flips_ranking"]]
    lines = "; ".join(
        f"{row.label} (écart de {t(min(row.gap_low_t_co2e, row.gap_high_t_co2e))} à "
        f"{t(max(row.gap_low_t_co2e, row.gap_high_t_co2e))} tCO2e)"
        for row in d.itertuples()
    )
    if len(flips):
        verdict = ("Un seul facteur, poussé à sa borne, suffit à inverser le classement : "
                   + ", ".join(str(x) for x in flips["label"]) + ".")
    else:
        verdict = ("Aucun facteur poussé seul à sa borne basse ou haute n'inverse le "
                   "classement.")
    brief.say(
        "L'écart entre **{best}** et **{second}** ({gap} tCO2e en valeur centrale) dépend "
        "surtout de : {lines}. {verdict} La mobilité et les facteurs communs aux options "
        "déplacent les totaux mais pas l'écart.",
        best=best,
        second=second,
        gap=t(total_lead[second] - total_lead[best]),
        lines=lines or "aucun facteur",
        verdict=verdict,
    )
"""

SOURCES = """\
if overrides:
    brief.assumption(
        "facteurs imposés par le fichier de paramètres (valeurs fixes, sans incertitude) : {lst}.",
        lst=", ".join(
            f"{model.factors.at[k, 'label']} = {style.fr_auto(v, 4)} {model.factors.at[k, 'unit']}"
            for k, v in overrides.items()
        ),
    )
brief.assumption(
    "les quantités de chaque option (surfaces, consommations, habitants, parts modales, "
    "végétation) viennent du fichier de paramètres du site, où chaque valeur porte sa source ou "
    "la mention « hypothèse ». Les facteurs de travaux intègrent tout le cycle de vie des "
    "composants (comme l'Ic_construction de la RE2020) et sont comptés l'année des travaux, "
    "sans fin de vie séparée ; la plage de la réhabilitation (100 à 300 kgCO2e/m²) et celle de la "
    "démolition (5 à 50) sont des hypothèses faute de référentiel français.",
)
rows = reference.sources_table(model.factors, overrides=overrides)
rows = rows.rename(columns={"status": "note"}).drop(columns="key")
bench = reference.sources_table(reference.load_reference("ghg_benchmarks")).drop(columns="key")
bench = bench.rename(columns={"status": "note"})
extra = []
cv = P.carbon_value_eur_per_t_co2e or None
if cv:
    for year, value in sorted(cv.items()):
        extra.append({"item": f"Valeur de l'action pour le climat {year}", "value": value,
                      "unit": "€2018/tCO2e",
                      "source": "fichier de paramètres (rapport Quinet 2019)",
                      "note": "paramètre"})
else:
    cvs = reference.sources_table(reference.load_reference("carbon_values")).drop(columns="key")
    extra.extend(cvs.rename(columns={"status": "note"}).to_dict("records"))
for carrier, traj in P.trajectories.model_dump().items():
    if traj:
        extra.append({"item": f"Trajectoire {model.factors.at['carrier_' + carrier, 'label']} : "
                              f"valeur cible en {traj['target_year']} "
                              f"({'linéaire' if traj['shape'] == 'linear' else 'palier'})",
                      "value": traj["target_kg_co2e_per_kwh"], "unit": "kgCO2e/kWh",
                      "source": "fichier de paramètres", "note": "paramètre"})
w = reference.load_reference("re2020_dynamic_weights")
extra.append({"item": "Pondération dynamique RE2020 f(50) ; moyenne des années 1 à 50",
              "value": f"{style.fr(w.loc['t050', 'value'], 3)} ; "
                       f"{style.fr(w['value'].iloc[1:51].mean(), 3)}",
              "unit": "-", "source": w["source"].iloc[0], "note": "publié"})
extra.append({"item": "Période d'étude ; année 0", "value": f"{N} ans ; {model.start_year}",
              "unit": "", "source": "RE2020 (50 ans) ; fichier de paramètres", "note": "paramètre"})
extra.append({"item": "Monte Carlo : tirages, loi, graine",
              "value": f"{style.fr(P.monte_carlo_draws, 0)} ; {P.distribution} ; {P.seed}",
              "unit": "", "source": "fichier de paramètres", "note": "paramètre"})
src = pd.concat([rows, bench, pd.DataFrame(extra)], ignore_index=True)
for c in ("value", "low", "high"):
    src[c] = [style.fr_auto(v, 4) if isinstance(v, (int, float)) and np.isfinite(v) else
              ("" if v is None or isinstance(v, float) else str(v)) for v in src[c]]
src = src.astype(object).where(src.notna(), "")
brief.sources(src)
"""

GLUE = """\
scraps.glue("ghg_totals", totals[["option", "stage", "static_t_co2e", "dynamic_t_co2e"]])
scraps.glue("ghg_total_static_t_co2e", total_static)
scraps.glue("ghg_total_dynamic_t_co2e", total_dynamic)
scraps.glue("ghg_p05_t_co2e", {n: float(mc_summary.at[n, "p05_t_co2e"]) for n in names})
scraps.glue("ghg_p50_t_co2e", {n: float(mc_summary.at[n, "p50_t_co2e"]) for n in names})
scraps.glue("ghg_p95_t_co2e", {n: float(mc_summary.at[n, "p95_t_co2e"]) for n in names})
scraps.glue("ghg_best_option", best)
scraps.glue("ghg_prob_best", {n: float(mc_summary.at[n, "prob_best"]) for n in names})
scraps.glue("ghg_payback_years", payback)
"""


def build():
    return notebook_builder.build(
        TITLE,
        [
            ("code", parameters_source(), ["parameters"]),
            ("code", SETUP, ["remove_cell"]),
            ("code", COMPUTE, ["remove_input"]),
            ("code", HEADER, ["remove_input"]),
            ("md", STAGES_MD, []),
            ("code", STAGES_FIG, ["remove_input"]),
            ("code", STAGES_TEXT, ["remove_input"]),
            ("md", TIME_MD, []),
            ("code", TIME_FIG, ["remove_input"]),
            ("code", TIME_TEXT, ["remove_input"]),
            ("md", UNC_MD, []),
            ("code", UNC_FIG, ["remove_input"]),
            ("code", UNC_TEXT, ["remove_input"]),
            ("md", SENS_MD, []),
            ("code", SENS_FIG, ["remove_input"]),
            ("code", SENS_TEXT, ["remove_input"]),
            ("code", SOURCES, ["remove_input"]),
            ("code", GLUE, ["remove_cell"]),
        ],
    )


def main() -> None:
    notebook_builder.write(build(), NAME)


if __name__ == "__main__":
    main()
