"""Committee briefs, notebook side: the helpers a notebook calls to show its results.

Each displays HTML in the running notebook: :func:`header`, :func:`summary`,
:func:`key_figures`, :func:`say`, :func:`assumption`, :func:`table`, :func:`sources`. Text
coming from parameter files is untrusted: every field passed to these helpers is
HTML-escaped, so a ``<script>`` in a site or option name shows as text.

The rendering of an executed notebook into an HTML brief is the runner's
(:mod:`qsp_lib.runner.render`); :func:`key_figures_of` reads back the cards a notebook showed.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from qsp_lib.core import params, scraps, style
from qsp_lib.core import params as params_module
from qsp_lib.core import status as data_status

KEY_FIGURES_METADATA = "qsp_key_figures"

SOURCE_COLUMNS_FR = {
    "item": "Élément",
    "value": "Valeur",
    "unit": "Unité",
    "low": "Bas",
    "high": "Haut",
    "source": "Source",
    "year": "Année",
    "note": "Remarque",
}


# ------------------------------------------------------------------ notebook helpers
def esc(value: Any) -> str:
    """HTML-escape any value (numbers are formatted the French way first)."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return style.fr(value, 0)
    if isinstance(value, float):
        return style.fr(value, 1)
    return html.escape(str(value), quote=True)


def _markdown(text: str) -> str:
    import mistune

    return mistune.create_markdown(escape=False, plugins=["strikethrough", "table"])(text)


#: Fills brief templates: French specs (``{x:n0}``, ``{share:%1}``), every field escaped.
_FORMATTER = style.FrenchFormatter(
    escape=lambda text: html.escape(text, quote=True), default=lambda value: esc(value)
)


def _fill(template: str, fields: dict[str, Any]) -> str:
    return _FORMATTER.format(template, **fields)


def _display_html(markup: str, metadata: dict | None = None) -> None:
    from IPython.display import HTML, display

    display(HTML(markup), metadata=metadata or {})


def header(params: Any, title: Any, subtitle: str | None = None, **fields: Any) -> None:
    """Title block: title, site, run date (and a subtitle line).

    An « Avertissement » box follows when an input is valid but implausible
    (:func:`warning_box`). ``title`` is the brief's title, or the analysis declaration
    (:class:`qsp_lib.core.analysis.Analysis`), whose title and subtitle are then used, the
    subtitle's fields (``{years}``) filled from ``fields``.
    """
    if hasattr(title, "title") and hasattr(title, "subtitle"):
        declared = title
        title = declared.title
        if subtitle is None:
            subtitle = style.fmt(declared.subtitle, **fields)
    site = getattr(params, "site", None) or (params.get("site") if isinstance(params, dict) else "")
    parts = [f'<header class="qsp-header"><h1>{esc(title)}</h1>']
    if subtitle:
        parts.append(f'<p class="qsp-subtitle">{esc(subtitle)}</p>')
    parts.append(
        f'<p class="qsp-meta">Site : <strong>{esc(site_label(site))}</strong> · '
        f"note du {style.fr_date()}</p></header>"
    )
    parts.append(warning_box(params_module.plausibility(params)))
    _display_html("".join(parts))


def warning_box(warnings: list[tuple[str, str]]) -> str:
    """The « Avertissement » box under a brief's title: inputs that are valid but
    implausible (:func:`qsp_lib.core.params.plausibility`), in words a committee reads; an
    empty string when there is none."""
    if not warnings:
        return ""
    items = "".join(f"<li>{esc(what[:1].upper() + what[1:])}.</li>" for _, what in warnings)
    return (
        '<aside class="qsp-banner qsp-warning" role="note" '
        'style="border-left-color:#b42318;background:#fef3f2">'
        "<strong>Avertissement</strong> : "
        "des données d'entrée sont valides mais peu vraisemblables ; les résultats de cette "
        f"note en dépendent et restent à vérifier.<ul>{items}</ul></aside>"
    )


def site_label(site: str) -> str:
    """A display name for a site folder (``wazemmes-moulins`` -> ``Wazemmes-Moulins``)."""
    return "-".join(w.capitalize() for w in str(site).split("-"))


def summary(template: str, **fields: Any) -> None:
    """The "En bref" paragraph (Markdown template, escaped fields)."""
    _display_html(
        '<section class="qsp-summary"><h2>En bref</h2>'
        + _markdown(_fill(template, fields))
        + "</section>"
    )


def key_figures(cards: list[dict[str, Any]], parameters: Any = None) -> None:
    """Key-figure cards: each ``{"label", "value", "unit", "decimals", "note"}``.

    ``value`` may be a number (formatted the French way with ``decimals``, default 0) or a
    ready string. Each card shows its data status (sourcé, estimé, illustratif): the card's
    ``data_status``, else the weakest status of its ``inputs`` (parameter names, as
    :meth:`qsp_lib.core.analysis.Analysis.card` fills them) in ``parameters``; a banner
    says so above the cards when one rests on illustrative data. The cards are also stored
    in the output's metadata, for the site index and ``key_figures.json``: ``{"label",
    "value"`` (the text shown), ``"decimals", "unit", "note", "number"`` (the number before
    formatting, None for a ready string), ``"data_status"`` (None when unknown)``}``.
    """
    if not 1 <= len(cards) <= 8:
        raise ValueError("key_figures: between 1 and 8 cards expected")
    rendered = []
    stored = []
    for card in cards:
        value = card.get("value")
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        decimals = card.get("decimals", 0) if number else None
        text = style.fr(value, decimals) if number else str(value)
        unit = card.get("unit", "")
        status = card_status(card, parameters)
        stored.append(
            {
                "label": str(card["label"]),
                "value": text,
                "decimals": decimals,
                "unit": unit,
                "note": card.get("note", ""),
                "number": scraps.to_json_value(value) if number else None,
                "data_status": status,
            }
        )
        rendered.append(
            f'<div class="qsp-card{f" qsp-card-{status}" if status else ""}">'
            f'<div class="qsp-card-label">{esc(card["label"])}</div>'
            f'<div class="qsp-card-value">{esc(text)}'
            + (f'<span class="qsp-card-unit">{esc(unit)}</span>' if unit else "")
            + "</div>"
            + (f'<div class="qsp-card-note">{esc(card["note"])}</div>' if card.get("note") else "")
            + (status_badge(status) if status else "")
            + "</div>"
        )
    _display_html(
        illustrative_banner([c for c in stored if c["data_status"] == "illustrative"], stored)
        + '<section class="qsp-cards" aria-label="Chiffres clés">'
        + "".join(rendered)
        + "</section>",
        metadata={KEY_FIGURES_METADATA: stored},
    )


def card_status(card: dict[str, Any], parameters: Any = None) -> str | None:
    """A card's data status: its own ``data_status``, else the weakest of its ``inputs``
    (parameter names, or ``site.<block>`` for a block of the site model) in ``parameters``;
    None when neither is known."""
    if card.get("data_status"):
        return data_status.check(card["data_status"], "data_status")
    if parameters is None or "inputs" not in card:
        return None
    return data_status.weakest(_input_status(parameters, name) for name in card["inputs"])


def _input_status(parameters: Any, name: str) -> str:
    """A parameter's declared status, or a site-model block's (``site.population``)."""
    if name == "site" or name.startswith("site."):
        from qsp_lib.core import site

        return site.input_status(parameters, name)
    return params.input_status(parameters, name).status


#: The mark beside a key figure, by data status (« donnée » is feminine).
BADGES_FR = {
    "sourced": "Donnée sourcée",
    "estimated": "Donnée estimée",
    "illustrative": "Donnée illustrative",
}


def status_badge(status: str) -> str:
    """The small mark of a data status
    (``<div class="qsp-status qsp-status-illustrative">Donnée illustrative</div>``)."""
    return f'<div class="qsp-status qsp-status-{esc(status)}">{esc(BADGES_FR[status])}</div>'


def status_mark(status: str) -> str:
    """The compact form of :func:`status_badge`, same look, for lines of figures (the
    committee synthesis): the status alone (« illustratif »), the badge's words as title."""
    return (
        f'<span class="qsp-status qsp-status-{esc(status)}" title="{esc(BADGES_FR[status])}">'
        f"{esc(data_status.LABELS_FR[status])}</span>"
    )


def illustrative_banner(flagged: list[dict[str, Any]], cards: list[dict[str, Any]]) -> str:
    """The warning above key figures resting on illustrative data (empty when none does)."""
    if not flagged:
        return ""
    names = ", ".join(f"« {esc(c['label'])} »" for c in flagged)
    share = "Tous les chiffres clés" if len(flagged) == len(cards) else "Des chiffres clés"
    return (
        '<aside class="qsp-banner" role="note"><strong>Données illustratives</strong> — '
        f"{share} reposent sur des valeurs provisoires, en attendant des données locales "
        f"({names}) : ils montrent la méthode, pas encore la situation du quartier.</aside>"
    )


def say(template: str, **fields: Any) -> None:
    """A narrative paragraph: Markdown ``template`` with escaped ``{fields}``."""
    _display_html('<div class="qsp-text">' + _markdown(_fill(template, fields)) + "</div>")


def assumption(template: str, **fields: Any) -> None:
    """A note flagged as an assumption ("Hypothèse"), for illustrative figures."""
    _display_html(
        '<aside class="qsp-assumption"><strong>Hypothèse</strong> — '
        + _markdown(_fill(template, fields)).removeprefix("<p>")
        + "</aside>"
    )


def table_html(
    df,
    decimals: dict[str, int] | int = 1,
    percent: tuple[str, ...] = (),
    caption: str | None = None,
    index: bool = False,
) -> str:
    """HTML for a table with French numbers; cells and headers escaped."""
    shown = style.format_table(df, decimals=decimals, percent=percent)
    if index:
        shown = shown.reset_index()
    numeric = {c for c in df.columns if _is_numeric(df[c])}
    head = "".join(
        f'<th class="{"num" if c in numeric else ""}">{esc(c)}</th>' for c in shown.columns
    )
    rows = []
    for _, row in shown.iterrows():
        cells = "".join(
            f'<td class="{"num" if c in numeric else ""}">{esc(v)}</td>'
            for c, v in zip(shown.columns, row, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="qsp-table"><table>{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _is_numeric(series) -> bool:
    import pandas as pd

    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _is_number(value: Any) -> bool:
    import math

    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and not (isinstance(value, float) and math.isnan(value))
    )


def table(
    df,
    decimals: dict[str, int] | int = 1,
    percent: tuple[str, ...] = (),
    caption: str | None = None,
    index: bool = False,
) -> None:
    """Show a table with French number formatting (see :func:`table_html`)."""
    _display_html(table_html(df, decimals=decimals, percent=percent, caption=caption, index=index))


def sources(rows, title: str = "Hypothèses et sources") -> None:
    """The "Hypothèses et sources" section: rows of ``item``, ``value``, ``source`` (and
    optionally ``unit``, ``low``, ``high``, ``year``, ``note``), as a list of dicts or a
    DataFrame. Numbers are formatted here, the French way; None and NaN give an empty cell;
    columns left entirely empty are dropped."""
    import pandas as pd

    df = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    df = df.copy()

    def blank(v: Any) -> bool:
        return v is None or (isinstance(v, float) and v != v)

    for col in df.columns:
        if col in ("year", "Année"):
            df[col] = [
                str(int(v)) if _is_number(v) else ("" if blank(v) else str(v)) for v in df[col]
            ]
        else:
            df[col] = [
                style.fr_auto(v) if _is_number(v) else ("" if blank(v) else str(v)) for v in df[col]
            ]
    df = df[[c for c in df.columns if (df[c] != "").any()]]
    df = df.rename(columns={k: v for k, v in SOURCE_COLUMNS_FR.items() if k in df.columns})
    _display_html(
        f'<section class="qsp-sources"><h2>{esc(title)}</h2>' + table_html(df) + "</section>"
    )


def key_figure_groups(
    groups: list[dict[str, Any]], notes: bool = True, one_page: bool = False
) -> None:
    """Key figures of several briefs, one box per brief (the committee synthesis).

    Each group: ``theme``, ``title``, ``link`` (relative link to the brief, or None),
    ``available`` (bool), ``reason`` (why it is missing) and ``cards`` (``label``, ``text``
    as the brief shows it, ``unit``, ``note``, ``numeric``, ``data_status``). A missing
    brief shows "non disponible" and its reason, never a number. Each card with a
    ``data_status`` shows the mark of its brief, in its compact form (:func:`status_mark`;
    none when unknown), and a banner above the boxes names the briefs whose figures rest on
    illustrative data (:func:`illustrative_groups_banner`). The first card of each available
    brief is stored in the output's metadata (as :func:`key_figures` does, with its
    ``data_status``), for the site index. ``one_page`` asks the print style to fit the whole
    brief on one A4 page.
    """
    boxes, stored = [], []
    for i, group in enumerate(groups):
        colour = style.PALETTE[i % len(style.PALETTE)]
        title = esc(group["theme"])
        if isinstance(group.get("link"), str):
            title = f'<a href="{esc(group["link"])}">{title}</a>'
        head = (
            f'<h3>{title}<span class="qsp-theme-source">{esc(group.get("title", ""))}</span></h3>'
        )
        if not group.get("available"):
            boxes.append(
                f'<div class="qsp-card qsp-theme qsp-missing">{head}'
                '<p><span class="qsp-missing-label">Non disponible</span> — '
                f"{esc(group.get('reason', ''))}</p></div>"
            )
            continue
        items = []
        for card in group["cards"]:
            unit = (
                f'<span class="qsp-fig-unit">\u00a0{esc(card["unit"])}</span>'
                if card.get("unit")
                else ""
            )
            kind = "qsp-fig-value qsp-num" if card.get("numeric", True) else "qsp-fig-value"
            status = card.get("data_status")
            mark = status_mark(status) if status in data_status.STATUSES else ""
            items.append(
                f'<div class="qsp-fig{f" qsp-fig-{status}" if mark else ""}">'
                f'<span class="qsp-fig-label">{esc(card["label"])}</span>'
                f'<span class="{kind}"><b>{esc(card["text"])}</b>{unit}{mark}</span></div>'
            )
            if notes and card.get("note"):
                items.append(f'<div class="qsp-fig-note">{esc(card["note"])}</div>')
        boxes.append(
            f'<div class="qsp-card qsp-theme" style="border-top-color:{colour}">{head}'
            + "".join(items)
            + "</div>"
        )
        first = group["cards"][0]
        stored.append(
            {
                "label": f"{group['theme']} : {first['label']}",
                "value": first["text"],
                "decimals": first.get("decimals"),
                "unit": first.get("unit", ""),
                "note": group.get("title", ""),
                "number": first.get("number"),
                "data_status": first.get("data_status"),
            }
        )
    kind = "qsp-themes qsp-one-page" if one_page else "qsp-themes"
    _display_html(
        illustrative_groups_banner(groups)
        + f'<section class="{kind}" aria-label="Chiffres clés par thème">'
        + "".join(boxes)
        + "</section>",
        metadata={KEY_FIGURES_METADATA: stored} if stored else None,
    )


def illustrative_groups_banner(groups: list[dict[str, Any]]) -> str:
    """The warning above the key figures of several briefs when some rest on illustrative
    data, naming those briefs' themes and how many of their figures (empty when none does).
    Same wording as :func:`illustrative_banner`; « illustratif » is the marks' word."""
    flagged = [
        (group["theme"], sum(c.get("data_status") == "illustrative" for c in group["cards"]))
        for group in groups
        if group.get("available")
    ]
    flagged = [(theme, n) for theme, n in flagged if n]
    if not flagged:
        return ""
    total = sum(n for _, n in flagged)
    names = " ; ".join(f"{esc(theme)} : {style.fr(n, 0)}" for theme, n in flagged)
    many = total > 1
    return (
        '<aside class="qsp-banner" role="note"><strong>Données illustratives</strong> — '
        + (f"{style.fr(total, 0)} chiffres clés, marqués" if many else "Un chiffre clé, marqué")
        + f" « illustratif » ({names}), repose{'nt' if many else ''} sur des valeurs "
        "provisoires en attendant des données locales : "
        + ("ils montrent" if many else "il montre")
        + " la méthode, pas encore la situation du quartier.</aside>"
    )


def link_list(rows: list[dict[str, Any]], title: str = "Notes détaillées") -> None:
    """A section of links to other briefs (left out when printed): rows of ``title``,
    ``link`` (None: shown without a link) and ``detail`` (a short French status)."""
    items = []
    for row in rows:
        text = esc(row["title"])
        if isinstance(row.get("link"), str):
            text = f'<a href="{esc(row["link"])}">{text}</a>'
        detail = f" — {esc(row['detail'])}" if row.get("detail") else ""
        items.append(f"<li>{text}{detail}</li>")
    _display_html(
        f'<section class="qsp-links"><h2>{esc(title)}</h2><ul>{"".join(items)}</ul></section>'
    )


def key_figures_of(notebook_path: str | Path) -> list[dict[str, Any]]:
    """The key-figure cards an executed notebook displayed (for the site index); empty
    when the notebook is absent or unreadable."""
    import json

    try:
        nb = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            cards = (out.get("metadata") or {}).get(KEY_FIGURES_METADATA)
            if cards:
                return cards
    return []
