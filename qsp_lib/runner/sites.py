"""Sites: ``qsp new-site NAME --from SITE`` copies a site folder and lists its assumptions.

A site is nothing but a folder ``parameters/<site>/``. A new sector starts as a copy of an
existing one; :func:`new_site` writes in it ``LISEZMOI.md``, a French checklist that starts
with the inputs declared ``illustrative`` (``key: {path, status: illustrative, source}``,
see :mod:`qsp_lib.core.status`): placeholders of the source site, to replace first; then
every value whose comment says "hypothèse" (file, key path, current value, the comment).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from qsp_lib.core import params
from qsp_lib.core import site as site_model
from qsp_lib.core import status as data_status
from qsp_lib.runner.plan import known_sites

#: Name of the checklist written in a new site folder.
CHECKLIST = "LISEZMOI.md"

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SITE_LINE = re.compile(r"^site:[^\S\n]*(?P<value>[^#\n]*?)(?P<comment>[^\S\n]*#.*)?$", re.M)
_ASSUMPTION = re.compile(r"hypoth[eè]se", re.I)


@dataclass(frozen=True)
class Assumption:
    """A value of a parameter file marked "hypothèse" in its comment."""

    file: str
    line: int  # 1-based
    key_path: str  # "" for a comment on the whole file
    value: str
    comment: str


@dataclass(frozen=True)
class IllustrativeInput:
    """An input file declared ``status: illustrative`` in a parameter file."""

    file: str
    key_path: str  # "exposure_csv", "files.payments_csv"
    path: str
    source: str | None


def illustrative_inputs(path: Path) -> list[IllustrativeInput]:
    """The inputs a parameter file declares ``illustrative``, in the order of the file
    (:func:`qsp_lib.core.status.extract_inputs` on the raw YAML). A file that does not parse,
    or declares an unknown status, gives none here: ``qsp validate`` says what is wrong."""
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        plain, inputs = data_status.extract_inputs(raw)
    except (yaml.YAMLError, ValueError):
        return []
    found = [
        IllustrativeInput(path.name, key, str(_at(plain, key)), declared.source)
        for key, declared in inputs.items()
        if declared.status == "illustrative"
    ]
    if path.name == site_model.FILE_NAME and isinstance(plain, dict):
        # the site model's blocks declare their status themselves (population, berm...);
        # the geometry (``geometry: {path, crs, status, source}``) names its file
        found += [
            IllustrativeInput(
                path.name, key, str(block.get("path") or ""), str(block.get("source") or "") or None
            )
            for key, block in plain.items()
            if isinstance(block, dict) and block.get("status") == "illustrative"
        ]
    return found


def _at(data, key_path: str):
    """The value at ``key_path`` (``a.b[0].c``) of nested dicts and lists."""
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key_path):
        data = data[int(part[1:-1])] if part.startswith("[") else data[part]
    return data


def new_site(root: Path, name: str, source: str) -> Path:
    """Copy ``parameters/<source>`` to ``parameters/<name>``, set ``site: <name>`` in each
    parameter file and write the checklist :data:`CHECKLIST`.

    Raises :class:`~qsp_lib.core.params.ParameterError` when ``name`` is not a folder slug,
    already exists, or ``source`` is not a site.
    """
    base = root / "parameters"
    src, dst = base / source, base / name
    sites = known_sites(root)
    problem = None
    if not _SLUG.match(name):
        problem = params.Problem(
            "", "NAME", name, "un nom de dossier en minuscules, chiffres et tirets (mon-quartier)"
        )
    elif dst.exists():
        problem = params.Problem(str(dst), "NAME", name, "un site qui n'existe pas encore")
    elif not src.is_dir():
        close = params.closest(source, sites)
        hint = f" ; vouliez-vous dire {close} ?" if close else ""
        problem = params.Problem(
            str(src), "--from", source, f"un site existant ({', '.join(sites)}){hint}"
        )
    if problem:
        raise params.ParameterError([problem])
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(CHECKLIST, ".*"))
    for path in sorted(dst.glob("*.yaml")):
        if path.name == site_model.FILE_NAME:
            continue  # the site model names the district, not the folder
        path.write_text(set_site(path.read_text(encoding="utf-8"), name), encoding="utf-8")
    items = [a for path in sorted(dst.glob("*.yaml")) for a in assumptions(path)]
    placeholders = [i for path in sorted(dst.glob("*.yaml")) for i in illustrative_inputs(path)]
    data = sorted(p.name for p in dst.iterdir() if p.is_file() and p.suffix != ".yaml")
    (dst / CHECKLIST).write_text(
        checklist(name, source, items, data, placeholders), encoding="utf-8"
    )
    return dst


def set_site(text: str, site: str) -> str:
    """The parameter file ``text`` with its top-level ``site:`` set to ``site`` (comments
    kept); the key is added after the header comments when absent."""
    if _SITE_LINE.search(text):
        return _SITE_LINE.sub(lambda m: f"site: {site}{m.group('comment') or ''}", text, count=1)
    lines = text.splitlines(keepends=True)
    at = 0
    while at < len(lines) and lines[at].lstrip().startswith("#"):
        at += 1
    return "".join([*lines[:at], f"site: {site}\n", *lines[at:]])


def assumptions(path: Path) -> list[Assumption]:
    """Every value of a parameter file whose comment contains "hypothèse".

    A comment at the end of a line applies to the key of that line; a block of comment
    lines applies to the key right below it, or to the whole file when a blank line (or
    nothing but ``site``) follows.
    """
    import yaml

    text = path.read_text(encoding="utf-8")
    keys = _key_lines(yaml.compose(text), text)
    lines = text.splitlines()
    found: list[Assumption] = []
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        code, comment = _split(line)
        if not code:
            if comment:
                block.append((number, comment))
                continue
            found.extend(_from_block(path.name, block, None))  # blank line closes a block
            block = []
            continue
        target = keys.get(number)
        found.extend(_from_block(path.name, block, target))
        block = []
        if comment and _ASSUMPTION.search(comment) and target:
            found.append(Assumption(path.name, number + 1, target[0], target[1], comment))
    found.extend(_from_block(path.name, block, None))
    return found


def _from_block(file, block, target) -> list[Assumption]:
    text = " ".join(c for _, c in block)
    if not block or not _ASSUMPTION.search(text):
        return []
    if target is None or target[0] in params.ENGINE_NAMES:
        return [Assumption(file, block[0][0] + 1, "", "", text)]
    return [Assumption(file, block[0][0] + 1, target[0], target[1], text)]


def _split(line: str) -> tuple[str, str]:
    """``(code, comment)`` of a YAML line: the comment is the text after a ``#`` outside
    quotes (without the ``#``), both stripped."""
    quote = None
    for i, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].strip(), line[i + 1 :].strip() or " "
    return line.strip(), ""


def _key_lines(node, text: str) -> dict[int, tuple[str, str]]:
    """0-based line of each mapping key -> (key path, value as written)."""
    import yaml

    out: dict[int, tuple[str, str]] = {}

    def shown(value) -> str:
        if isinstance(value, yaml.ScalarNode):
            return value.value
        raw = " ".join(text[value.start_mark.index : value.end_mark.index].split())
        return raw if len(raw) <= 80 else raw[:77] + "…"

    def walk(value, path: str) -> None:
        if isinstance(value, yaml.MappingNode):
            for key, item in value.value:
                sub = f"{path}.{key.value}" if path else str(key.value)
                out.setdefault(key.start_mark.line, (sub, shown(item)))
                walk(item, sub)
        elif isinstance(value, yaml.SequenceNode):
            for i, item in enumerate(value.value):
                walk(item, f"{path}[{i}]")

    if node is not None:
        walk(node, "")
    return out


def checklist(
    name: str,
    source: str,
    items: list[Assumption],
    data: list[str],
    placeholders: list[IllustrativeInput] = (),
) -> str:
    """The French checklist (Markdown) of a new site folder: first the inputs declared
    illustrative (``placeholders``), then the « hypothèse » values (``items``), then the
    copied data files (``data``)."""
    today = dt.date.today().strftime("%d/%m/%Y")
    out = [f"# Site « {name} » : valeurs à remplacer par des données locales", ""]
    if placeholders:
        out += [
            f"## D'abord : {len(placeholders)} donnée(s) illustrative(s)",
            "",
            f"Ces fichiers sont déclarés `status: illustrative` : même pour « {source} », ce "
            "sont des valeurs provisoires en attendant des données locales, et chaque chiffre "
            "qui en dépend est marqué « Donnée illustrative » dans les notes. Remplacez-les par "
            "des données de ce site, puis déclarez leur statut (`sourced` avec sa source, ou "
            "`estimated` avec la méthode).",
            "",
        ]
        for i in placeholders:
            source_text = f" — source : {i.source}" if i.source else " — source non indiquée"
            out.append(f"- [ ] `{i.file}` · `{i.key_path}` : `{i.path}`{source_text}")
        out += ["", "## Hypothèses", ""]
    out += [
        f"Ce dossier a été copié de `parameters/{source}/` par `qsp new-site` le {today}. "
        f"Les valeurs ci-dessous sont des **hypothèses** du site « {source} » (leur "
        "commentaire le dit) : elles ne décrivent pas ce site. Remplacez chacune par une "
        "donnée locale, puis mettez son commentaire à jour (la source, ou le mot "
        "« hypothèse » et sa raison). Les autres valeurs portent une source : vérifiez "
        "qu'elle vaut aussi pour ce site.",
        "",
        f"Ensuite : `qsp validate --site {name}`, puis `qsp run --site {name}`.",
        "",
        f"{len(items)} hypothèse(s) à revoir.",
    ]
    for file in sorted({a.file for a in items}):
        out += ["", f"## {file}", ""]
        for a in (a for a in items if a.file == file):
            if a.key_path:
                out.append(f"- [ ] `{a.key_path}` = `{a.value}` (ligne {a.line}) — {a.comment}")
            else:
                out.append(f"- [ ] remarque générale (ligne {a.line}) — {a.comment}")
    if data:
        out += [
            "",
            "## Fichiers de données copiés",
            "",
            *(f"- [ ] `{f}` : données du site « {source} », à remplacer" for f in data),
        ]
    return "\n".join(out) + "\n"
