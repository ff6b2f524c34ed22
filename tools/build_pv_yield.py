"""Write notebooks/pv_yield.ipynb (without outputs) with nbformat.

The parameters cell is generated from parameters/concorde/pv_yield.yaml so that the
notebook's defaults equal the Concorde file. Run from the repository root:

    python tools/build_pv_yield.py
"""

from __future__ import annotations

import notebook_builder

NAME = "pv_yield"
TITLE = "Productible photovoltaïque"

ORDER = [
    "site",
    "latitude_deg",
    "longitude_deg",
    "altitude_m",
    "timezone",
    "weather",
    "arrays",
    "system_losses_percent",
    "inverter_efficiency",
    "gamma_pdc_percent_per_c",
    "dc_ac_ratio",
    "albedo",
    "capex_eur_per_kwp",
    "opex_eur_per_kwp_year",
    "lifetime_years",
    "discount_rate",
    "degradation_percent_per_year",
    "tariff_eur_per_mwh",
    "grid_kg_co2e_per_kwh",
    "pv_lifecycle_kg_co2e_per_kwp",
    "resource_sd_percent",
    "model_sd_percent",
    "load",
    "layout_tilts_deg",
    "layout_azimuths_deg",
]


def parameters_source() -> str:
    return notebook_builder.parameters_source(NAME, ORDER)


SETUP = """\
import warnings

from qsp_lib import brief, params, scraps, style

warnings.filterwarnings("ignore")
P = params.from_namespace("pv_yield", globals())
style.apply()
"""

COMPUTE = """\
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from qsp_lib import pv
from qsp_lib import weather as wx

MONTHS_FR = ["janv.", "févr.", "mars", "avr.", "mai", "juin",
             "juil.", "août", "sept.", "oct.", "nov.", "déc."]
W = P.weather
CLIMATOLOGY = W.source == "climatology"
arrays = [a.model_dump(exclude={"note"}) for a in P.arrays]
settings = dict(
    system_losses_percent=P.system_losses_percent,
    gamma_pdc_percent_per_c=P.gamma_pdc_percent_per_c,
    inverter_efficiency=P.inverter_efficiency,
    dc_ac_ratio=P.dc_ac_ratio,
    albedo=P.albedo,
)
if CLIMATOLOGY:
    weather_kwargs = dict(
        daily_temp_range_monthly_c=W.daily_temp_range_monthly_c,
        wind_speed_monthly_m_s=W.wind_speed_m_s,
    )
    wdata = wx.typical_year_from_climatology(
        P.latitude_deg, P.longitude_deg, W.temp_air_monthly_c,
        ghi_monthly_kwh_m2=W.ghi_monthly_kwh_m2,
        sunshine_hours_monthly=W.sunshine_hours_monthly,
        altitude_m=P.altitude_m, seed=W.seed,
        angstrom_a=W.angstrom_a, angstrom_b=W.angstrom_b, **weather_kwargs,
    )
    FROM_SUNSHINE = W.ghi_monthly_kwh_m2 is None
    weather_label = "moyennes mensuelles" + (f" ({W.station})" if W.station else "")
    if FROM_SUNSHINE:
        weather_label += ", l'irradiation étant estimée depuis l'ensoleillement (Angström-Prescott)"
    weather_source = "Source : " + (W.station or "climatologie mensuelle") + " ; calcul pvlib"
else:
    wdata, wmeta = wx.read_weather_file(W.path, W.format)
    FROM_SUNSHINE = False
    weather_label = f"fichier {W.format.upper()} ({wmeta['source']})"
    weather_source = f"Source : {wmeta['source']} ; calcul pvlib"

sim = pv.simulate_system(
    wdata, P.latitude_deg, P.longitude_deg, arrays, P.altitude_m, timezone=P.timezone, **settings
)
kwp = sim.peak_power_kwp
energy_kwh = sim.annual_energy_kwh
eco = pv.economics(
    kwp, energy_kwh, P.capex_eur_per_kwp, P.opex_eur_per_kwp_year, P.lifetime_years,
    P.discount_rate, P.degradation_percent_per_year, P.tariff_eur_per_mwh,
)
co2 = pv.avoided_emissions(
    energy_kwh, kwp, P.grid_kg_co2e_per_kwh, P.pv_lifecycle_kg_co2e_per_kwp, P.lifetime_years,
    P.degradation_percent_per_year,
)
model_sd = P.model_sd_percent
if model_sd is None:
    model_sd = pv.MODEL_SD_PERCENT_CLIMATOLOGY if CLIMATOLOGY else pv.MODEL_SD_PERCENT_FILE
unc = pv.p50_p90(energy_kwh, P.resource_sd_percent, model_sd)
life = pv.lifetime_energy(energy_kwh, P.lifetime_years, P.degradation_percent_per_year)
geometry = pv.solar_geometry(wdata, P.latitude_deg, P.longitude_deg, P.altitude_m)
sweep = pv.layout_sweep(
    wdata, P.latitude_deg, P.longitude_deg, P.layout_tilts_deg, P.layout_azimuths_deg,
    P.altitude_m, geometry=geometry, **settings,
)
sc = None
if P.load is not None:
    load_kw = pv.load_profile(
        wdata.index, P.load.annual_kwh, P.load.hourly_shape, P.load.weekend_factor, P.timezone
    )
    sc = pv.self_consumption(sim.hourly["ac_kw"], load_kw)
sens = None
if CLIMATOLOGY and FROM_SUNSHINE:
    pairs = wx.angstrom_prescott_pairs(P.latitude_deg)
    same = (pairs["a"] - W.angstrom_a).abs().lt(1e-9) & (pairs["b"] - W.angstrom_b).abs().lt(1e-9)
    if not same.any():
        own = {"label": "Paramètres du site", "a": W.angstrom_a, "b": W.angstrom_b,
               "source": "paramètres"}
        pairs = pd.concat([pd.DataFrame([own]), pairs])
    sens = pv.angstrom_sensitivity(
        P.latitude_deg, P.longitude_deg, W.sunshine_hours_monthly, W.temp_air_monthly_c,
        arrays, P.altitude_m, seed=W.seed, pairs=pairs, weather_kwargs=weather_kwargs, **settings,
    )

LILLE_LOW, LILLE_HIGH = 850, 1100  # pv.md: published range of yields around Lille
sy = sim.specific_yield_kwh_per_kwp
if sy < LILLE_LOW:
    standing = "en dessous de la fourchette publiée pour Lille (850 à 1 100 kWh/kWc)"
elif sy > LILLE_HIGH:
    standing = "au-dessus de la fourchette publiée pour Lille (850 à 1 100 kWh/kWc)"
else:
    standing = "dans la fourchette publiée pour Lille (850 à 1 100 kWh/kWc)"
"""

HEADER = """\
brief.header(P, title="Productible photovoltaïque",
             subtitle="Énergie, coût, carbone et incertitude d'une centrale solaire")
names = ", ".join(a["name"] for a in arrays)
brief.summary(
    "La centrale étudiée ({names}) totalise **{kwp} kWc**. Avec une année météo type "
    "construite à partir des {weather}, elle produirait **{mwh} MWh la première année**, soit "
    "**{sy} kWh/kWc**, {standing}. Dans 9 années sur 10, la production dépasserait {p90} MWh "
    "(P90). Le coût actualisé est de **{lcoe} €/MWh** sur {life} ans, pour un tarif de "
    "{tariff} €/MWh ; net des émissions de fabrication des panneaux, elle éviterait "
    "**{co2} tCO2e par an** par rapport au réseau électrique français.",
    names=names, kwp=style.fr(kwp, 0), weather=weather_label, mwh=style.fr(energy_kwh / 1000, 0),
    sy=style.fr(sy, 0), standing=standing, p90=style.fr(unc["p90_kwh"] / 1000, 0),
    lcoe=style.fr(eco["lcoe_eur_per_mwh"], 0), life=P.lifetime_years,
    tariff=style.fr(P.tariff_eur_per_mwh, 1), co2=style.fr(co2["net_t_co2e_per_year"], 1),
)
brief.key_figures([
    {"label": "Puissance crête", "value": kwp, "decimals": 0, "unit": "kWc",
     "note": f"{len(arrays)} champ(s) photovoltaïque(s)"},
    {"label": "Production annuelle", "value": energy_kwh / 1000, "decimals": 0, "unit": "MWh/an",
     "note": f"P90 : {style.fr(unc['p90_kwh'] / 1000, 0)} MWh/an"},
    {"label": "Productible", "value": sy, "decimals": 0, "unit": "kWh/kWc",
     "note": "énergie par kWc installé, année 1"},
    {"label": "Coût actualisé", "value": eco["lcoe_eur_per_mwh"], "decimals": 0, "unit": "€/MWh",
     "note": f"tarif de référence {style.fr(P.tariff_eur_per_mwh, 1)} €/MWh"},
    {"label": "Émissions évitées", "value": co2["net_t_co2e_per_year"], "decimals": 1,
     "unit": "tCO2e/an", "note": "nettes du cycle de vie des panneaux"},
])
"""

MONTHLY_MD = "## Production mois par mois"

MONTHLY_FIG = """\
fig, ax = plt.subplots()
ax.bar(range(1, 13), sim.monthly["energy_kwh"] / 1000, color=style.PALETTE[0],
       label="Production (MWh)")
ax.set_xticks(range(1, 13), MONTHS_FR)
ax.set_ylabel("Production (MWh)")
ax.set_title("Production mensuelle, année 1")
ax2 = ax.twinx()
ax2.plot(range(1, 13), sim.monthly["poa_kwh_m2"], color=style.PALETTE[1], marker="o",
         label="Irradiation dans le plan (kWh/m²)")
ax2.plot(range(1, 13), sim.monthly["ghi_kwh_m2"], color=style.PALETTE[2], marker="s",
         linestyle="--", label="Irradiation horizontale (kWh/m²)")
ax2.set_ylabel("Irradiation (kWh/m²)")
ax2.grid(False)
ax2.set_ylim(bottom=0)
style.french_axes(ax, x=False)
style.french_axes(ax2, x=False)
handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
labels = ax.get_legend_handles_labels()[1] + ax2.get_legend_handles_labels()[1]
ax.legend(handles, labels, loc="upper left", fontsize=8)
style.source_line(fig, weather_source + " ; modèle type PVGIS (qsp_lib.pv)")
plt.show()
"""

MONTHLY_TEXT = """\
m = sim.monthly
best, worst = m.loc[m["energy_kwh"].idxmax()], m.loc[m["energy_kwh"].idxmin()]
summer = m.loc[3:8, "energy_kwh"].sum() / m["energy_kwh"].sum()
brief.say(
    "Le mois le plus productif est **{bm}** ({be} MWh), le moins productif **{wm}** ({we} MWh). "
    "Avril à septembre apportent {summer} de l'énergie annuelle. L'irradiation reçue dans le plan "
    "des modules ({poa} kWh/m²/an) dépasse l'irradiation horizontale ({ghi} kWh/m²/an) de {gain} "
    "grâce à l'inclinaison ; le ratio de performance est de {pr} (pertes thermiques, optiques, "
    "système et onduleur).",
    bm=MONTHS_FR[int(best["month"]) - 1], be=style.fr(best["energy_kwh"] / 1000, 1),
    wm=MONTHS_FR[int(worst["month"]) - 1], we=style.fr(worst["energy_kwh"] / 1000, 1),
    summer=style.pct(summer, 0), poa=style.fr(sim.poa_annual_kwh_m2, 0),
    ghi=style.fr(sim.ghi_annual_kwh_m2, 0),
    gain=style.pct(sim.poa_annual_kwh_m2 / sim.ghi_annual_kwh_m2 - 1, 0),
    pr=style.fr(sim.performance_ratio, 2),
)
tbl = m.assign(mois=MONTHS_FR, energy_mwh=m["energy_kwh"] / 1000)[
    ["mois", "ghi_kwh_m2", "poa_kwh_m2", "energy_mwh"]
].rename(columns={"ghi_kwh_m2": "Irradiation horizontale (kWh/m²)",
                  "poa_kwh_m2": "Irradiation dans le plan (kWh/m²)",
                  "energy_mwh": "Production (MWh)", "mois": "Mois"})
brief.table(tbl, decimals={"Irradiation horizontale (kWh/m²)": 1,
                           "Irradiation dans le plan (kWh/m²)": 1, "Production (MWh)": 1})
"""

HEATMAP_MD = "## Production heure par heure"

HEATMAP_FIG = """\
mh = sim.month_hour_kw
fig, ax = plt.subplots(figsize=(7.2, 3.8))
im = ax.imshow(mh.to_numpy(), aspect="auto", cmap="cividis", origin="upper")
ax.set_yticks(range(12), MONTHS_FR)
ax.set_xticks(range(0, 24, 2), [f"{h} h" for h in range(0, 24, 2)])
ax.set_xlabel("Heure légale")
ax.set_title("Puissance moyenne produite (kW), par mois et par heure")
ax.grid(False)
cb = fig.colorbar(im, ax=ax)
cb.set_label("Puissance moyenne (kW)")
cb.ax.yaxis.set_major_formatter(style.french_formatter(0))
style.source_line(fig, weather_source)
plt.show()
"""

HEATMAP_TEXT = """\
peak_month, peak_hour = np.unravel_index(np.argmax(mh.to_numpy()), mh.shape)
brief.say(
    "La puissance moyenne culmine vers **{h} h** en **{mo}** ({kw} kW, soit {share} de la "
    "puissance crête). Cette carte sert à caler les usages sur site sur les heures de production.",
    h=int(mh.columns[peak_hour]), mo=MONTHS_FR[peak_month], kw=style.fr(mh.to_numpy().max(), 0),
    share=style.pct(mh.to_numpy().max() / kwp, 0),
)
if CLIMATOLOGY:
    brief.assumption(
        "l'année type est construite à partir de moyennes mensuelles : chaque jour suit la forme "
        "d'un ciel clair (modèle d'Ineichen, trouble de Linke de pvlib) multipliée par un "
        "facteur journalier tiré au hasard (graine {seed}) ; les nuages à l'échelle de l'heure ne "
        "sont pas représentés, la carte est donc plus lisse que la réalité. L'irradiation de "
        "chaque mois est respectée exactement ; sur une année réelle (TMY3 de Greensboro, "
        "fournie avec pvlib), l'écart de productible annuel de cette méthode est inférieur à 3 %.",
        seed=W.seed,
    )
if sc is not None:
    brief.say(
        "Avec une consommation sur site de {load} MWh/an ({label}), **{scs} de la production** "
        "serait consommée sur place heure par heure (sans stockage) et couvrirait {ss} des "
        "besoins ; {exp} MWh/an seraient injectés sur le réseau.",
        load=style.fr(P.load.annual_kwh / 1000, 0), label=P.load.label,
        scs=style.pct(sc["self_consumption_share"], 0),
        ss=style.pct(sc["self_sufficiency_share"], 0),
        exp=style.fr(sc["exported_kwh"] / 1000, 0),
    )
"""

LAYOUT_MD = "## Comparaison des dispositions"

LAYOUT_FIG = """\
grid = sweep.pivot(index="surface_tilt_deg", columns="surface_azimuth_deg",
                   values="specific_yield_kwh_per_kwp")
fig, ax = plt.subplots(figsize=(7.2, 3.8))
im = ax.imshow(grid.to_numpy(), aspect="auto", cmap="viridis", origin="lower")
ax.set_xticks(range(grid.shape[1]), [style.fr(a, 0) for a in grid.columns])
ax.set_yticks(range(grid.shape[0]), [style.fr(t, 0) for t in grid.index])
ax.set_xlabel("Azimut (°, 90 = est, 180 = sud, 270 = ouest)")
ax.set_ylabel("Inclinaison (°)")
ax.set_title("Productible selon l'orientation (kWh/kWc), sans ombrage entre rangées")
ax.grid(False)
for i in range(grid.shape[0]):
    for j in range(grid.shape[1]):
        ax.text(j, i, style.fr(grid.iat[i, j], 0), ha="center", va="center", fontsize=6.5,
                color="white" if grid.iat[i, j] < grid.to_numpy().mean() else "black")
cb = fig.colorbar(im, ax=ax)
cb.set_label("kWh/kWc")
cb.ax.yaxis.set_major_formatter(style.french_formatter(0))
style.source_line(fig, weather_source + f" ; {len(sweep)} orientations calculées en un passage")
plt.show()
"""

LAYOUT_TEXT = """\
best_row = sweep.loc[sweep["specific_yield_kwh_per_kwp"].idxmax()]
first = P.arrays[0]
variants = []
for a in arrays:
    variants.append((f"{a['name']} (paramètres)", a))
if first.ground_slope_deg > 0 and abs(first.surface_tilt_deg - first.ground_slope_deg) > 0.5:
    variants.append(("Modules posés à plat sur la pente",
                     dict(arrays[0], surface_tilt_deg=first.ground_slope_deg)))
flush = abs(first.surface_tilt_deg - first.ground_slope_deg) <= 0.5
for tilt in (20, 25, 30, 35):
    if tilt != first.surface_tilt_deg:
        v = dict(arrays[0], surface_tilt_deg=float(tilt))
        if flush:
            v["ground_slope_deg"] = float(tilt)
        label = f"Même azimut, posé à {tilt}°" if flush else f"Même champ, rangées à {tilt}°"
        variants.append((label, v))
opposite = (first.surface_azimuth_deg + 180) % 360
variants.append(("Versant opposé, posé sur la pente",
                 dict(arrays[0], surface_azimuth_deg=opposite,
                      surface_tilt_deg=max(first.ground_slope_deg, 10.0),
                      ground_slope_deg=max(first.ground_slope_deg, 10.0))))
variants.append(("Écran vertical, même azimut",
                 dict(arrays[0], surface_tilt_deg=90.0, ground_slope_deg=90.0)))
rows = []
for label, a in variants:
    s = pv.simulate_system(wdata, P.latitude_deg, P.longitude_deg, [a], P.altitude_m, **settings)
    r = s.arrays.iloc[0]
    rows.append({"Disposition": label, "Incl. (°)": r["surface_tilt_deg"],
                 "Azimut (°)": r["surface_azimuth_deg"], "Pente (°)": r["ground_slope_deg"],
                 "Ombrage (%)": r["shading_loss_percent"],
                 "kWh/kWc": r["specific_yield_kwh_per_kwp"]})
layouts = pd.DataFrame(rows)
brief.table(layouts, decimals={"Incl. (°)": 1, "Azimut (°)": 0, "Pente (°)": 1,
                               "Ombrage (%)": 1, "kWh/kWc": 0},
            caption="Productible annuel par disposition (pente = pente du support)")
vertical = layouts.iloc[-1]["kWh/kWc"]
brief.say(
    "Sur la grille de {n} orientations, le meilleur productible est de **{best} kWh/kWc** "
    "à {bt}° d'inclinaison et {ba}° d'azimut. Le champ « {name} » atteint {sy0} kWh/kWc, "
    "soit {ratio} de cet optimum. Un écran vertical de même azimut ne produirait que {vert} "
    "kWh/kWc ({vratio} de l'optimum).",
    n=len(sweep), best=style.fr(best_row["specific_yield_kwh_per_kwp"], 0),
    bt=style.fr(best_row["surface_tilt_deg"], 0), ba=style.fr(best_row["surface_azimuth_deg"], 0),
    name=arrays[0]["name"], sy0=style.fr(sim.arrays.iloc[0]["specific_yield_kwh_per_kwp"], 0),
    ratio=style.pct(sim.arrays.iloc[0]["specific_yield_kwh_per_kwp"]
                    / best_row["specific_yield_kwh_per_kwp"], 0),
    vert=style.fr(vertical, 0),
    vratio=style.pct(vertical / best_row["specific_yield_kwh_per_kwp"], 0),
)
rows_arrays = sim.arrays[sim.arrays["rows"]]
if len(rows_arrays):
    brief.say(
        "L'ombrage d'une rangée sur la suivante est calculé heure par heure sur le sol en pente "
        "(fraction ombrée 1D de pvlib, pente transversale comprise) : il coûte {loss} de "
        "l'irradiation dans le plan, pondéré sur la centrale. Le modèle retire la part directe "
        "ombrée et réduit le diffus masqué, sans effet électrique des ombres partielles "
        "(légèrement optimiste pour des rangées serrées). Les masques lointains (bâtiments, "
        "arbres, écrans de l'A25) ne sont pas modélisés.",
        loss=style.fr(sim.shading_loss_percent, 1) + " %",
    )
else:
    brief.say(
        "Les modules sont posés à plat sur leur support (toiture ou pente) : il n'y a pas "
        "d'ombrage entre rangées. Les masques lointains (bâtiments voisins, cheminées, arbres) ne "
        "sont pas modélisés."
    )
"""

ECO_MD = "## Économie et carbone"

ECO_FIG = """\
refs = pd.DataFrame([
    ("Coût actualisé de ce projet", eco["lcoe_eur_per_mwh"]),
    ("Appel d'offres CRE sol, oct. 2025", 74.1),
    ("Appel d'offres CRE sol, 2024", 79.3),
    ("Projet de tarif « petit sol » 2024", 88.3),
    ("Tarif bâtiment 100-500 kWc, 2025", 88.6),
], columns=["label", "eur_per_mwh"])
fig, ax = plt.subplots(figsize=(7.2, 3.0))
colors = [style.PALETTE[5]] + [style.PALETTE[4]] * (len(refs) - 1)
ax.barh(refs["label"], refs["eur_per_mwh"], color=colors)
for i, v in enumerate(refs["eur_per_mwh"]):
    ax.text(v + 1, i, style.fr(v, 1), va="center", fontsize=8)
ax.invert_yaxis()
ax.set_xlabel("€/MWh")
ax.set_title("Coût actualisé de l'énergie et prix de référence")
style.french_axes(ax, y=False)
style.source_line(
    fig, "Sources : CRE (2024, 2025), projets d'arrêtés tarifaires (pv.md) ; calcul qsp_lib.pv"
)
plt.show()
"""

ECO_TEXT = """\
econ = pd.DataFrame([
    ("Investissement", eco["capex_eur"] / 1000, "k€"),
    ("Exploitation", eco["opex_eur_per_year"] / 1000, "k€/an"),
    ("Production sur la durée de vie", eco["lifetime_energy_mwh"], "MWh"),
    ("Coût actualisé de l'énergie", eco["lcoe_eur_per_mwh"], "€/MWh"),
    ("Recette année 1 au tarif", eco["revenue_year1_eur"] / 1000, "k€"),
    ("Valeur actuelle nette au tarif", eco["npv_eur"] / 1000, "k€"),
    ("Émissions évitées brutes, année 1", co2["gross_t_co2e_per_year"], "tCO2e/an"),
    ("Émissions du cycle de vie des panneaux", co2["lifecycle_t_co2e"], "tCO2e"),
    ("Émissions évitées nettes (moyenne)", co2["net_t_co2e_per_year"], "tCO2e/an"),
    ("Intensité carbone du kWh photovoltaïque", co2["pv_g_co2e_per_kwh"], "gCO2e/kWh"),
], columns=["Indicateur", "Valeur", "Unité"])
brief.table(econ, decimals={"Valeur": 1})
payback = eco["simple_payback_years"]
brief.say(
    "Pour {capex} €/kWc d'investissement, {opex} €/kWc/an d'exploitation, {life} ans et un taux "
    "d'actualisation de {rate}, le coût actualisé est de **{lcoe} €/MWh**, {cmp} le tarif de "
    "référence de {tariff} €/MWh. {payback_txt}",
    capex=style.fr(P.capex_eur_per_kwp, 0), opex=style.fr(P.opex_eur_per_kwp_year, 0),
    life=P.lifetime_years, rate=style.pct(P.discount_rate, 1),
    lcoe=style.fr(eco["lcoe_eur_per_mwh"], 0),
    cmp="sous" if eco["lcoe_eur_per_mwh"] < P.tariff_eur_per_mwh else "au-dessus de",
    tariff=style.fr(P.tariff_eur_per_mwh, 1),
    payback_txt=(
        f"L'investissement serait remboursé (sans actualisation) en {payback} ans."
        if payback
        else "L'investissement n'est pas remboursé sur la durée de vie au tarif."
    ),
)
brief.say(
    "Côté carbone, chaque MWh produit remplace l'électricité du réseau à {grid} kgCO2e/kWh : "
    "{gross} tCO2e évitées la première année. La fabrication des panneaux ({lc} kgCO2e/kWc, "
    "soit {lct} tCO2e) est compensée en **{cp} ans** ; sur {life} ans, le gain net moyen est de "
    "**{net} tCO2e/an**. L'électricité française étant déjà peu carbonée, ce gain reste modeste : "
    "l'intérêt est surtout énergétique et économique.",
    grid=style.fr(P.grid_kg_co2e_per_kwh, 3), gross=style.fr(co2["gross_t_co2e_per_year"], 1),
    lc=style.fr(P.pv_lifecycle_kg_co2e_per_kwp, 0), lct=style.fr(co2["lifecycle_t_co2e"], 0),
    cp=co2["carbon_payback_years"] or f"plus de {P.lifetime_years}",
    life=P.lifetime_years, net=style.fr(co2["net_t_co2e_per_year"], 1),
)
"""

UNC_MD = "## Incertitude : P50 et P90"

UNC_FIG = """\
if sens is not None:
    fig, ax = plt.subplots(figsize=(7.2, 3.0))
    lab = [
        f"{r.label} (a = {style.fr(r.a, 2)} ; b = {style.fr(r.b, 2)})" for r in sens.itertuples()
    ]
    ax.barh(lab, sens["annual_energy_kwh"] / 1000, color=style.PALETTE[0])
    for i, v in enumerate(sens["annual_energy_kwh"] / 1000):
        ax.text(v, i, " " + style.fr(v, 0), va="center", fontsize=8)
    ax.axvline(unc["p90_kwh"] / 1000, color=style.PALETTE[5], linestyle="--")
    ax.text(unc["p90_kwh"] / 1000, -0.55, " P90 retenu", color=style.PALETTE[5], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Production année 1 (MWh)")
    ax.set_title("Production selon les coefficients d'Angström-Prescott publiés")
    style.french_axes(ax, y=False)
    style.source_line(fig, "Coefficients : FAO-56 (1998), Prescott (1940), Page (1961), "
                      "Glover et McCulloch (1958) ; calcul qsp_lib")
    plt.show()
"""

UNC_TEXT = """\
brief.say(
    "La production calculée pour l'année type est prise comme médiane (**P50 = {p50} MWh**). "
    "En combinant la variabilité d'une année à l'autre du gisement ({rsd} % d'écart-type) et "
    "l'incertitude du modèle ({msd} %), l'écart-type total est de {sd} % et la production "
    "dépassée 9 années sur 10 est **P90 = {p90} MWh** (loi normale, P90 = P50 × (1 − 1,28 σ)).",
    p50=style.fr(unc["p50_kwh"] / 1000, 0), rsd=style.fr(P.resource_sd_percent, 1),
    msd=style.fr(model_sd, 1), sd=style.fr(unc["sd_percent"], 1),
    p90=style.fr(unc["p90_kwh"] / 1000, 0),
)
if sens is not None:
    lo, hi = sens["annual_energy_kwh"].min(), sens["annual_energy_kwh"].max()
    brief.say(
        "L'irradiation est ici estimée à partir des heures d'ensoleillement : le choix des "
        "coefficients d'Angström-Prescott change l'irradiation annuelle de {glo} à {ghi} kWh/m² "
        "et la production de {lo} à {hi} MWh ({spread} d'écart). Les coefficients FAO-56 par "
        "défaut donnent le haut de la fourchette ; un fichier météo mesuré (PVGIS) lèverait "
        "cette incertitude.",
        glo=style.fr(sens["ghi_annual_kwh_m2"].min(), 0),
        ghi=style.fr(sens["ghi_annual_kwh_m2"].max(), 0),
        lo=style.fr(lo / 1000, 0), hi=style.fr(hi / 1000, 0), spread=style.pct(hi / lo - 1, 0),
    )
"""

CMP_MD = "## Comparaison avec les productibles publiés"

CMP_FIG = """\
published = pd.DataFrame([
    ("Ce projet (ensemble)", sy, sy, "calcul"),
    *[(f"Ce projet : {r['name']}", r["specific_yield_kwh_per_kwp"],
       r["specific_yield_kwh_per_kwp"], "calcul") for _, r in sim.arrays.iterrows()],
    ("Lille, système bien orienté (pvgis.com, 2025)", 950, 1050, "Lille"),
    ("Nord de la France, optimum (carte JRC)", 845, 951, "Lille"),
    ("Centrale au sol Enercoop, Lille (2024)", 847, 847, "Lille"),
    ("A22 Brenner, écran 60° et 35° (IT)", 955, 955, "Écrans antibruit"),
    ("A50 Uden, vertical bifacial E/O (NL)", 819, 819, "Écrans antibruit"),
    ("A3 Aschaffenburg, quasi vertical sud (DE)", 667, 667, "Écrans antibruit"),
], columns=["label", "low", "high", "group"])
colors = {"calcul": style.PALETTE[5], "Lille": style.PALETTE[0],
          "Écrans antibruit": style.PALETTE[2]}
fig, ax = plt.subplots(figsize=(7.2, 3.6))
for i, r in enumerate(published.itertuples()):
    if r.high > r.low:
        ax.barh(i, r.high - r.low, left=r.low, color=colors[r.group], alpha=0.6, height=0.6)
        rng = f"{style.fr(r.low, 0)}-{style.fr(r.high, 0)}"
        ax.text(r.high + 8, i, rng, va="center", fontsize=8)
    else:
        ax.plot(r.low, i, "o", color=colors[r.group])
        ax.text(r.low + 8, i, style.fr(r.low, 0), va="center", fontsize=8)
ax.set_yticks(range(len(published)), published["label"])
ax.invert_yaxis()
ax.set_xlim(600, 1200)
ax.set_xlabel("Productible (kWh/kWc/an)")
ax.set_title("Productible calculé et références publiées")
style.french_axes(ax, y=False)
style.source_line(fig, "Sources : pvgis.com (2025), JRC, Enercoop (2024), retours d'expérience "
                  "d'écrans antibruit (pv.md) ; calcul qsp_lib")
plt.show()
"""

CMP_TEXT = """\
brief.say(
    "Le productible calculé, **{sy} kWh/kWc**, est {standing}. Les écrans antibruit "
    "photovoltaïques en service produisent de 667 (quasi vertical, Allemagne) à 955 kWh/kWc "
    "(A22, Italie, sous un meilleur ensoleillement) : une pente inclinée vers le sud, comme une "
    "butte, fait mieux qu'un écran vertical. Les chaînes de calcul diffèrent : ici les 14 % de "
    "pertes système s'ajoutent au rendement de l'onduleur (96 %), alors que les 14 % de PVGIS "
    "l'incluent ; à paramètres égaux, PVGIS donnerait environ 4 % de plus.",
    sy=style.fr(sy, 0), standing=standing,
)
"""

SOURCES = """\
fr = style.fr


def row(item, value, source):
    return {"item": item, "value": value, "source": source}


rows = [row("Météo", weather_label, weather_source.removeprefix("Source : "))]
if CLIMATOLOGY and FROM_SUNSHINE:
    rows.append(row("Angström-Prescott a ; b", f"{fr(W.angstrom_a, 2)} ; {fr(W.angstrom_b, 2)}",
                    "FAO-56, Allen et al. 1998, éq. 35 (valeurs par défaut)"))
if CLIMATOLOGY:
    kc = fr(wx.DAILY_KC_AUTOCORRELATION, 1)
    rows += [
        row("Forme du ciel clair", "Ineichen-Perez, trouble de Linke mensuel",
            "pvlib ; Remund et al. 2003 (climatologie fournie avec pvlib)"),
        row("Variabilité jour à jour", f"loi bêta, autocorrélation {kc}, graine {W.seed}",
            "hypothèse (ordre de grandeur : Liu et Jordan 1960 ; Aguiar et al. 1988)"),
        row("Direct et diffus", "décomposition d'Erbs", "Erbs et al. 1982 (pvlib)"),
        row("Vent", f"{fr(W.wind_speed_m_s, 1)} m/s", "hypothèse"),
    ]
rows += [
    row("Transposition dans le plan", "Perez 1990", "pvlib ; Perez et al. 1990"),
    row("Température des cellules", "SAPM, rack ouvert verre-verre",
        "King et al. 2004 (Sandia)"),
    row("Coefficient de température", f"{fr(P.gamma_pdc_percent_per_c, 2)} %/°C",
        "PVWatts, Dobos 2014 (NREL)"),
    row("Pertes système", f"{fr(P.system_losses_percent, 1)} %",
        "PVGIS (14 %) ; PVWatts v5 (14,08 %)"),
    row("Rendement onduleur", fr(P.inverter_efficiency, 3), "PVWatts, Dobos 2014"),
    row("Ratio DC/AC", fr(P.dc_ac_ratio, 2), "NREL PVWatts (valeur par défaut)"),
    row("Albédo", fr(P.albedo, 2), "valeur courante pour l'herbe (Iqbal 1983)"),
    row("Ombrage entre rangées", "fraction ombrée 1D sur sol en pente + masque du diffus",
        "pvlib.shading ; Anderson et Jensen 2024 ; Passias et Källbäck 1984"),
    row("Dégradation", f"{fr(P.degradation_percent_per_year, 2)} %/an", "Jordan et Kurtz 2013"),
    row("Investissement", f"{fr(P.capex_eur_per_kwp, 0)} €/kWc",
        "hypothèse ; ≈ 800 €/kWc au sol (CRE 2019)"),
    row("Exploitation", f"{fr(P.opex_eur_per_kwp_year, 0)} €/kWc/an",
        "hypothèse ; < 20 €/kWc/an (pv.md)"),
    row("Durée de vie ; actualisation",
        f"{P.lifetime_years} ans ; {style.pct(P.discount_rate, 1)}", "hypothèse"),
    row("Tarif de référence", f"{fr(P.tariff_eur_per_mwh, 1)} €/MWh",
        "CRE / projets d'arrêtés tarifaires (pv.md)"),
    row("Électricité du réseau", f"{fr(P.grid_kg_co2e_per_kwh, 3)} kgCO2e/kWh",
        "ADEME Base Empreinte 2023"),
    row("Cycle de vie des panneaux", f"{fr(P.pv_lifecycle_kg_co2e_per_kwp, 0)} kgCO2e/kWc",
        "hypothèse ; 310-390 (mono 2023) à 550 (plafond AO CRE)"),
    row("Incertitude gisement ; modèle",
        f"{fr(P.resource_sd_percent, 1)} % ; {fr(model_sd, 1)} %",
        "hypothèse (≈ 5 % de variabilité interannuelle)"),
]
for a in P.arrays:
    if a.peak_power_kwp is not None:
        size = f"{fr(a.peak_power_kwp, 1)} kWc"
    else:
        size = (f"{fr(a.area_m2, 0)} m² × GCR {fr(a.ground_coverage_ratio, 2)} × "
                f"{fr(a.module_power_density_kwp_m2, 2)} kWc/m²")
    geometry_txt = (f"{fr(a.surface_tilt_deg, 1)}° ; azimut {fr(a.surface_azimuth_deg, 0)}° ; "
                    f"pente {fr(a.ground_slope_deg, 1)}° ; {size}")
    rows.append(row(f"Champ « {a.name} »", geometry_txt,
                    a.note or "paramètres du site (hypothèses, voir le fichier de paramètres)"))
if P.load is not None:
    rows.append(row("Consommation sur site",
                    f"{fr(P.load.annual_kwh / 1000, 0)} MWh/an ({P.load.label})", "hypothèse"))
brief.sources(rows)
"""

GLUE = """\
scraps.glue("pv_peak_power_kwp", kwp)
scraps.glue("pv_annual_energy_kwh", energy_kwh)
scraps.glue("pv_specific_yield_kwh_per_kwp", sim.specific_yield_kwh_per_kwp)
scraps.glue("pv_performance_ratio", sim.performance_ratio)
scraps.glue("pv_ghi_annual_kwh_m2", sim.ghi_annual_kwh_m2)
scraps.glue("pv_poa_annual_kwh_m2", sim.poa_annual_kwh_m2)
scraps.glue("pv_p90_annual_energy_kwh", unc["p90_kwh"])
scraps.glue("pv_lcoe_eur_per_mwh", eco["lcoe_eur_per_mwh"])
scraps.glue("pv_avoided_t_co2e_per_year", co2["net_t_co2e_per_year"])
scraps.glue("pv_monthly", sim.monthly[["month", "ghi_kwh_m2", "poa_kwh_m2", "energy_kwh"]])
scraps.glue("pv_revenue_year1_eur", eco["revenue_year1_eur"])
scraps.glue("pv_self_consumption_share", None if sc is None else sc["self_consumption_share"])
"""


def build():
    return notebook_builder.build(
        TITLE,
        [
            ("code", parameters_source(), ["parameters"]),
            ("code", SETUP, ["remove_cell"]),
            ("code", COMPUTE, ["remove_input"]),
            ("code", HEADER, ["remove_input"]),
            ("md", MONTHLY_MD, []),
            ("code", MONTHLY_FIG, ["remove_input"]),
            ("code", MONTHLY_TEXT, ["remove_input"]),
            ("md", HEATMAP_MD, []),
            ("code", HEATMAP_FIG, ["remove_input"]),
            ("code", HEATMAP_TEXT, ["remove_input"]),
            ("md", LAYOUT_MD, []),
            ("code", LAYOUT_FIG, ["remove_input"]),
            ("code", LAYOUT_TEXT, ["remove_input"]),
            ("md", ECO_MD, []),
            ("code", ECO_FIG, ["remove_input"]),
            ("code", ECO_TEXT, ["remove_input"]),
            ("md", UNC_MD, []),
            ("code", UNC_FIG, ["remove_input"]),
            ("code", UNC_TEXT, ["remove_input"]),
            ("md", CMP_MD, []),
            ("code", CMP_FIG, ["remove_input"]),
            ("code", CMP_TEXT, ["remove_input"]),
            ("code", SOURCES, ["remove_input"]),
            ("code", GLUE, ["remove_cell"]),
        ],
    )


def main() -> None:
    notebook_builder.write(build(), NAME)


if __name__ == "__main__":
    main()
