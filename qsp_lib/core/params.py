"""Parameter files: loading, strict validation and clear errors.

A site is a folder ``parameters/<site>/`` holding one YAML file per notebook (a plain
papermill parameters file) and the data files those name. Every notebook has a pydantic
schema (registered in :data:`SCHEMAS`); the same validation runs in the runner before any
kernel starts and at the top of the notebook, so JupyterLab and plain papermill runs are
protected too.

Errors name the file, the key path, the value received and what was expected, and suggest
the closest known name for a misspelt key.
"""

from __future__ import annotations

import difflib
import importlib
import math
import os
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from qsp_lib.core import status as data_status

#: Schemas registered by hand (notebook name -> class or ``"module:Class"``): tests and
#: notebooks outside the library. The library's notebooks declare theirs in their analysis
#: declaration (:mod:`qsp_lib.core.analysis`); a notebook with neither is checked against
#: the names and types of its ``parameters`` cell.
SCHEMAS: dict[str, Any] = {}

DEFAULT_SITE = "concorde"

#: Names the engine injects into every notebook (they are not domain parameters).
ENGINE_NAMES = ("site", "site_dir", "parameter_file", "outputs_dir", "exports_dir")

# Names IPython puts in a kernel's namespace: never parameters.
_KERNEL_NAMES = {"In", "Out", "get_ipython", "exit", "quit", "open"}


# --------------------------------------------------------------------------- errors
@dataclass(frozen=True)
class Problem:
    """One invalid input: where it is, what it was, what was expected."""

    file: str
    key_path: str
    value: Any
    expected: str

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        if not self.key_path and self.value is MISSING:
            return f"{where}{self.expected}"
        key = self.key_path or "(racine)"
        if self.value is MISSING:
            return f"{where}{key} : {self.expected}"
        return f"{where}{key} = {_show(self.value)} : {self.expected}"


class _Missing:
    def __repr__(self) -> str:
        return "<absent>"


MISSING = _Missing()


class ParameterError(ValueError):
    """Invalid parameters; ``problems`` lists every one found, each self-explaining."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        n = len(self.problems)
        head = "Paramètre invalide" if n == 1 else f"{n} paramètres invalides"
        super().__init__(f"{head} :\n{lines}")


def closest(name: str, choices: typing.Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name closest to a misspelt ``name`` (the "did you mean" of every error
    message), or None when nothing is close enough."""
    match = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=cutoff)
    return match[0] if match else None


def did_you_mean(name: str, choices: typing.Iterable[str], cutoff: float = 0.6) -> str:
    """`` ; vouliez-vous dire « X » ?`` for the closest known name, or an empty string."""
    match = closest(name, choices, cutoff)
    return f" ; vouliez-vous dire « {match} » ?" if match else ""


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# ---------------------------------------------------------------------- project layout
def project_root(start: Path | None = None) -> Path:
    """The repository root: ``$QSP_ROOT``, else the first parent of ``start`` (default: the
    working directory) holding ``parameters/`` and ``notebooks/``, else the folder above the
    installed ``qsp_lib``."""
    env = os.environ.get("QSP_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "parameters").is_dir() and (candidate / "notebooks").is_dir():
            return candidate
    return Path(__file__).resolve().parents[2]


def site_dir_for(site: str, root: Path | None = None) -> Path:
    """Folder of a site's parameter files."""
    return (root or project_root()) / "parameters" / site


# --------------------------------------------------------------------- schema helpers
class NotebookParameters(BaseModel):
    """Base of every notebook schema: strict, finite numbers, the engine's common fields."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_default=True)

    site: str = DEFAULT_SITE
    site_dir: str | None = None
    parameter_file: str | None = None
    #: The site's output folder of the current run (``outputs/<site>``), set by the runner;
    #: None when opened by hand (then ``<root>/outputs/<site>``).
    outputs_dir: str | None = None
    #: Where the notebook writes its exports (see ``qsp_lib.core.exports``), set by the
    #: runner to a per-run folder moved beside the brief on success; None by hand.
    exports_dir: str | None = None

    #: Inputs declared as ``{path, status, source}`` (key path -> status), see
    #: :func:`input_status`.
    _inputs: dict[str, data_status.InputStatus] = PrivateAttr(default_factory=dict)

    #: The site folder relative paths were resolved against (the validation's).
    _site_dir: str | None = PrivateAttr(default=None)
    #: The site model, once read (see :attr:`site_model`).
    _site: Any = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _declared_inputs(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        """A file given as ``{path, status, source}`` is validated as its path; its status
        is kept aside (:func:`input_status`). The site folder of the validation is kept
        too: the site model is read from it."""
        inputs: dict[str, data_status.InputStatus] = {}
        if isinstance(data, dict):
            data, inputs = data_status.extract_inputs(data)
        model = handler(data)
        model._inputs = inputs
        site_dir = (info.context or {}).get("site_dir")
        model._site_dir = None if site_dir is None else str(site_dir)
        return model

    @property
    def site_model(self) -> Any:
        """The site model of these parameters (``site.yaml`` of the folder they were
        validated against: :func:`qsp_lib.core.site.for_parameters`), read once."""
        if self._site is None:
            from qsp_lib.core import site

            self._site = site.for_parameters(self)
        return self._site

    def domain_values(self) -> dict[str, Any]:
        """The parameters without the engine's bookkeeping fields."""
        return self.model_dump(exclude=set(ENGINE_NAMES))

    #: Parameters that override reference factors (parameter name -> reference dataset
    #: whose keys they use, ``{key: value}``): a value far outside the published range of
    #: its key is warned about (:func:`outside_published_range`).
    PUBLISHED_RANGES: typing.ClassVar[dict[str, str]] = {}

    def file_label(self) -> str:
        """The parameter file's name (``pv_yield.yaml``), for messages."""
        return Path(self.parameter_file).name if self.parameter_file else "paramètres"

    def _site_blocks_read(self) -> set[str] | None:
        """The site-model blocks this analysis's key figures rest on (None: unknown, every
        site warning applies)."""
        return _declared_inputs_of(type(self))

    def plausibility_warnings(self) -> list[tuple[str, str]]:
        """Inputs that are valid but implausible, as ``(where, what)`` pairs in French (see
        :func:`plausibility`): the site model's (coordinates for every analysis; the zones'
        population only where a key figure rests on ``site.population``) and overridden
        factors far outside their published range. A schema adds its own by extending this
        method."""
        out: list[tuple[str, str]] = []
        from qsp_lib.core import site

        try:
            model = self.site_model
        except (ParameterError, OSError):
            model = None
        if model is not None:
            reads = self._site_blocks_read()
            out.extend(
                (where, what)
                for block, where, what in site.plausibility_by_block(model)
                if block is None or reads is None or block in reads
            )
        for name, dataset in self.PUBLISHED_RANGES.items():
            for key, value in (getattr(self, name, None) or {}).items():
                found = outside_published_range(dataset, key, value)
                if found:
                    out.append((f"{self.file_label()}, {name}.{key}", found))
        return out


def _declared_inputs_of(schema: type) -> set[str] | None:
    """Every input named by the key figures of the analysis whose schema is ``schema``
    (``site.population``…); None when no analysis declares it."""
    from qsp_lib.core.analysis import analyses

    target = f"{schema.__module__}:{schema.__name__}"
    for declared in analyses().values():
        if declared.schema in (target, schema):
            if declared.gathers:  # a synthesis shows every other brief's figures
                return None
            return {name for figure in declared.key_figures for name in figure.inputs}
    return None


def plausibility(parameters: Any) -> list[tuple[str, str]]:
    """Warnings on inputs that are valid but implausible (an empty ledger, coordinates
    outside France, every population at zero, a factor far outside its published range):
    ``(where, what)`` pairs in French, ``where`` naming the file and parameter for the
    analyst, ``what`` readable by a committee; empty when there is none.

    They do not stop a run: the console prints them before the jobs start and the brief
    shows them in an « Avertissement » box under its title (:func:`qsp_lib.core.brief.header`).
    """
    hook = getattr(parameters, "plausibility_warnings", None)
    if not callable(hook):
        return []
    return list(dict.fromkeys(hook()))


def outside_published_range(dataset: str, key: str, value: Any) -> str | None:
    """« Label : valeur retenue 12 kg, très loin de la fourchette publiée (0,1 à 0,4 kg ;
    source) » when ``value`` lies far outside the ``low``-``high`` range of ``key`` in a
    reference dataset, else None.

    Far means beyond the range by more than its width, with at least half the central
    value as margin (a point value of 0,2 warns below 0,1 and above 0,3).

    References
    ----------
    The reference dataset's own ``low``, ``high`` and ``source`` columns
    (:mod:`qsp_lib.core.reference`).
    """
    from qsp_lib.core import reference, style

    try:
        row = reference.load_reference(dataset).loc[key]
        value = float(value)
    except (KeyError, TypeError, ValueError, reference.ReferenceDataError):
        return None
    low, high, central = float(row["low"]), float(row["high"]), float(row["value"])
    margin = max(high - low, 0.5 * abs(central))
    if low - margin <= value <= high + margin:
        return None

    def shown(x: float) -> str:
        if abs(x) >= 100:
            return style.fr(x, 0)
        return style.fr(x, 4).rstrip("0").rstrip(",")

    label = row.get("label")
    label = label if isinstance(label, str) and label.strip() else key
    unit = row["unit"] if isinstance(row["unit"], str) and row["unit"] != "-" else ""
    return (
        (
            f"{label} : valeur retenue {shown(value)} {unit}, très loin de la fourchette publiée "
            f"({shown(low)} à {shown(high)} {unit} ; {row['source']})"
        )
        .replace("  ", " ")
        .replace(" ,", ",")
    )


def refuse_moved_keys(data: Any, handler: Any, moved: dict[str, str]) -> Any:
    """Validate ``data`` with ``handler``, a key of ``moved`` reported as an error saying
    where it now lives, alongside every other problem of the file."""
    if not isinstance(data, dict) or not set(data) & set(moved):
        return handler(data)
    errors = [
        InitErrorDetails(
            type=PydanticCustomError("moved_key", "{where}", {"where": moved[key]}),
            loc=(key,),
            input=value,
        )
        for key, value in data.items()
        if key in moved
    ]
    try:
        handler({k: v for k, v in data.items() if k not in moved})
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            ctx = {**(err.get("ctx") or {}), "message": err["msg"]}
            errors.append(
                InitErrorDetails(
                    type=PydanticCustomError(err["type"], "{message}", ctx),
                    loc=err["loc"],
                    input=err["input"],
                )
            )
    raise ValidationError.from_exception_data("paramètres", errors)


def input_status(parameters: Any, name: str) -> data_status.InputStatus:
    """The data status of the input ``name`` (a top-level parameter, or a key path such as
    ``files.payments_csv``): the weakest of the declarations it holds, with their sources;
    ``estimated`` without any (an undeclared input, or one marked « hypothèse »)."""
    inputs = getattr(parameters, "_inputs", None) or {}
    held = [
        declared
        for key, declared in inputs.items()
        if key == name or key.startswith((f"{name}.", f"{name}["))
    ]
    if not held:
        return data_status.InputStatus()
    sources = [d.source for d in held if d.source]
    return data_status.InputStatus(
        data_status.weakest(d.status for d in held), "; ".join(sources) or None
    )


def declared_inputs(parameters: Any) -> dict[str, data_status.InputStatus]:
    """Every input of ``parameters`` declared as ``{path, status, source}``, by key path."""
    return dict(getattr(parameters, "_inputs", None) or {})


class StrictModel(BaseModel):
    """Base for nested parameter blocks: unknown keys and NaN are errors."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
NonNegFloat = Annotated[float, Field(ge=0, allow_inf_nan=False)]
PositiveFloat = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Fraction = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


def _resolve_site_path(value: str, info: ValidationInfo) -> str:
    from qsp_lib.core import tables

    context = info.context or {}
    site_dir = Path(context.get("site_dir") or site_dir_for(DEFAULT_SITE))
    path, sheet = tables.split_sheet(Path(value).expanduser())
    if sheet is not None and not path.is_absolute():
        path, sheet = tables.split_sheet(site_dir / value)
    if not path.is_absolute():
        path = site_dir / path
    path = path.resolve()
    if not path.is_file():
        raise ValueError(
            f"un fichier existant (chemin relatif au dossier du site {site_dir}) ; "
            f"introuvable : {path}"
        )
    if not os.access(path, os.R_OK):
        raise ValueError(f"un fichier lisible ; illisible : {path}")
    if sheet is not None:
        if path.suffix.lower() not in tables.EXCEL_SUFFIXES:
            raise ValueError(f"une feuille (sheet) seulement pour un classeur .xlsx : {path}")
        tables.read_table(path, sheet=sheet)  # an unknown sheet is named here
    return tables.join_sheet(path, sheet)


#: A data file named in a parameter file: relative paths resolve against the site folder.
SitePath = Annotated[str, AfterValidator(_resolve_site_path)]


def check_csv_columns(
    path: str | Path,
    required: typing.Iterable[str],
    optional: typing.Iterable[str] = (),
) -> list[str]:
    """Check a table's header (CSV or workbook, :mod:`qsp_lib.core.tables`): every
    required column present, no unknown column.

    Returns the header. Raises ``ValueError`` (turned into a :class:`ParameterError` by the
    validation) describing missing and extra columns.
    """
    from qsp_lib.core import tables

    required, optional = list(required), list(optional)
    header = tables.read_table(path).header
    missing = [c for c in required if c not in header]
    extra = [c for c in header if c not in required and c not in optional]
    if missing or extra:
        parts = []
        if missing:
            parts.append("colonnes manquantes : " + ", ".join(missing))
        if extra:
            hints = []
            for col in extra:
                close = closest(col, required + optional)
                hints.append(f"{col} (vouliez-vous dire {close} ?)" if close else col)
            parts.append("colonnes inconnues : " + ", ".join(hints))
        allowed = ", ".join(required) + (
            f" (facultatives : {', '.join(optional)})" if optional else ""
        )
        raise ValueError(f"un CSV aux colonnes {allowed} ; " + " ; ".join(parts))
    return header


def check_csv_rows(
    path: str | Path,
    row_model: type[BaseModel],
    *,
    max_reported: int = 20,
) -> int:
    """Validate every data row of a CSV against a pydantic row model.

    Empty cells are passed as absent (so optional columns may be left blank). Cross-column
    rules belong in the row model (``model_validator``); their message is reported for the
    whole line. Call it from a schema validator after :func:`check_csv_columns`.

    Parameters
    ----------
    path : path
        The table (CSV or workbook, as :func:`qsp_lib.core.tables.read_table` reads it;
        header on line 1).
    row_model : pydantic model class
        One row's fields, named as the CSV columns.
    max_reported : int
        At most this many bad cells are listed (the count of the others is given).

    Returns
    -------
    int
        The number of data rows.

    Raises
    ------
    ValueError
        Naming the CSV file, then each bad cell as ``ligne N, colonne C = valeur : attendu``
        (line 1 is the header). The engine turns it into a :class:`ParameterError` that also
        names the parameter file and key.
    """
    from qsp_lib.core import tables

    table = tables.read_table(path)
    problems: list[str] = [
        f"ligne {line} : plus de valeurs que de colonnes" for line in table.too_long
    ]
    n_rows = len(table.lines)
    for index, (line, row) in enumerate(table.records()):
        if line in table.too_long:
            continue
        values = {k: v for k, v in row.items() if k and v != ""}
        try:
            row_model.model_validate(values)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = [x for x in err.get("loc", ()) if isinstance(x, str)]
                column = loc[0] if loc else None
                value = values.get(column, MISSING) if column else MISSING
                expected = _expected(err, row_model, list(err.get("loc", ())), value)
                if value is not MISSING:
                    value = table.written(index, column) or value  # as the file writes it
                if column is None:
                    problems.append(f"ligne {line} : {expected}")
                elif value is MISSING:
                    problems.append(f"ligne {line}, colonne {column} : {expected}")
                else:
                    problems.append(f"ligne {line}, colonne {column} = {_show(value)} : {expected}")
    if problems:
        shown = problems[:max_reported]
        more = len(problems) - len(shown)
        tail = f" ; et {more} autre(s)" if more > 0 else ""
        what = "un classeur valide" if table.kind == "XLSX" else "un CSV valide"
        raise ValueError(f"{what} ({path}) ; " + " ; ".join(shown) + tail)
    return n_rows


# -------------------------------------------------------------------------- loading
def load_yaml(path: str | Path) -> dict[str, Any]:
    """Read a parameter file: a YAML mapping; duplicate keys are errors."""
    import yaml

    path = Path(path)

    class _StrictLoader(yaml.SafeLoader):
        pass

    def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
        seen: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise ParameterError(
                    [Problem(str(path), str(key), MISSING, f"clé en double (ligne {line})")]
                )
            seen[key] = loader.construct_object(value_node, deep=True)
        return seen

    _StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParameterError(
            [Problem(str(path), "", MISSING, "fichier de paramètres introuvable")]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ParameterError(
            [Problem(str(path), "", MISSING, f"fichier lisible en UTF-8 ({exc})")]
        ) from None
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise ParameterError([Problem(str(path), "", MISSING, yaml_error_fr(exc, text))]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParameterError(
            [Problem(str(path), "", data, "une table « nom: valeur » au premier niveau")]
        )
    return data


#: PyYAML's problems (``MarkedYAMLError.problem``, by their start) in French.
_YAML_PROBLEMS_FR = (
    (
        "mapping values are not allowed",
        "« : » inattendu (une valeur contenant « : » s'écrit entre guillemets)",
    ),
    ("could not find expected ':'", "« : » attendu après la clé"),
    ("found character '\\t'", "tabulation interdite : indenter avec des espaces"),
    ("found character", "caractère interdit à cet endroit"),
    ("did not find expected key", "clé attendue : indentation incohérente ?"),
    ("did not find expected '-'", "élément de liste « - » attendu : indentation incohérente ?"),
    ("expected <block end>", "indentation incohérente"),
    ("found unexpected end of stream", "fin de fichier inattendue : guillemet non refermé ?"),
    (
        "found unknown escape character",
        "séquence d'échappement inconnue entre guillemets "
        "doubles (utiliser des guillemets simples)",
    ),
    ("found undefined alias", "alias « * » inconnu"),
    ("found duplicate anchor", "ancre « & » en double"),
    ("expected ',' or ']'", "« , » ou « ] » attendu"),
    ("expected ',' or '}'", "« , » ou « } » attendu"),
    ("found unhashable key", "clé invalide (une liste ou une table ne peut pas être une clé)"),
    ("expected alphabetic or numeric character", "nom d'ancre ou d'alias invalide"),
    ("expected a comment or a line break", "commentaire ou fin de ligne attendu"),
    ("found a tab character", "tabulation interdite : indenter avec des espaces"),
)


def yaml_error_fr(exc: Exception, text: str | None = None) -> str:
    """A PyYAML syntax error in French, with its line and column (and the line itself).

    Parameters
    ----------
    exc : yaml.YAMLError
        Usually a ``MarkedYAMLError`` (``problem`` and ``problem_mark``).
    text : str, optional
        The file's text, to quote the faulty line.

    Returns
    -------
    str
        « syntaxe YAML invalide, ligne 4, colonne 9 : « : » inattendu (…) ; ligne 4 : « … » ».
    """
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or exc)
    said = next((fr for en, fr in _YAML_PROBLEMS_FR if problem.startswith(en)), None)
    said = said or f"erreur de syntaxe ({problem})"
    if mark is None:
        return f"syntaxe YAML invalide : {said}"
    where = f"ligne {mark.line + 1}, colonne {mark.column + 1}"
    quoted = ""
    if text is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines) and lines[mark.line].strip():
            quoted = f" ; ligne {mark.line + 1} : « {lines[mark.line].strip()[:100]} »"
    context_mark = getattr(exc, "context_mark", None)
    opened = ""
    if context_mark is not None and context_mark.line != mark.line:
        opened = f" (bloc commencé ligne {context_mark.line + 1})"
    return f"syntaxe YAML invalide, {where} : {said}{opened}{quoted}"


def schema_for(notebook: str) -> type[NotebookParameters] | None:
    """The schema class of a notebook (registered in :data:`SCHEMAS`, else declared by its
    analysis), or None when it has none."""
    target = SCHEMAS.get(notebook)
    if target is None:
        from qsp_lib.core.analysis import analyses

        declared = analyses().get(notebook)
        target = None if declared is None else declared.schema
    if target is None or isinstance(target, type):
        return target
    module_name, _, cls_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    return getattr(module, cls_name)


def validate(
    notebook: str,
    data: dict[str, Any],
    *,
    file: str | Path | None = None,
    site_dir: str | Path | None = None,
    cell_defaults: dict[str, Any] | None = None,
) -> BaseModel | dict[str, Any]:
    """Validate one notebook's parameters.

    Parameters
    ----------
    notebook : str
        Notebook name (``pv_yield``).
    data : dict
        Raw values (from YAML or from the kernel namespace).
    file : path, optional
        Where the values come from, for the error messages.
    site_dir : path, optional
        Folder against which relative file paths resolve.
    cell_defaults : dict, optional
        Defaults of the notebook's ``parameters`` cell; used to check a notebook that has no
        registered schema (names and types).

    Returns
    -------
    The validated model (or, without a schema, the checked dict).

    Raises
    ------
    ParameterError
        Listing every problem found.
    """
    file_label = str(file) if file else "paramètres du notebook"
    site = data.get("site") if isinstance(data.get("site"), str) else DEFAULT_SITE
    site_dir = Path(site_dir) if site_dir else site_dir_for(site)
    schema = schema_for(notebook)
    if schema is None:
        return _validate_against_cell(data, cell_defaults, file_label)
    try:
        return schema.model_validate(data, context={"site_dir": site_dir, "file": file})
    except ValidationError as exc:
        raise ParameterError(_problems_from(exc, schema, data, file_label)) from None


def validate_file(
    notebook: str,
    path: str | Path,
    *,
    site_dir: str | Path | None = None,
    cell_defaults: dict[str, Any] | None = None,
    inject: dict[str, Any] | None = None,
) -> BaseModel | dict[str, Any]:
    """Load and validate ``parameters/<site>/<notebook>.yaml``; ``inject`` overrides keys."""
    path = Path(path)
    data = load_yaml(path)
    data.update(inject or {})
    return validate(
        notebook,
        data,
        file=path,
        site_dir=site_dir or path.parent,
        cell_defaults=cell_defaults,
    )


def from_namespace(notebook: str, namespace: dict[str, Any]) -> Any:
    """Validate the parameters found in a kernel's namespace (call it right after the
    ``parameters`` cell) and return the validated model.

    - Run by papermill (``qsp run``, ``papermill -f site.yaml`` or ``-p``), the parameters
      are exactly what papermill injected, completed by the schema's defaults: the cell's
      Concorde values never leak into another site's run through a key that site's file
      leaves out. A misspelt injected name is an error here too.
    - Opened by hand (JupyterLab), the parameters are the schema's names found in the
      namespace (the cell's defaults and whatever the analyst changed), plus every name
      assigned by the cell run just before this one when that cell holds only assignments
      (the ``parameters`` cell, in "Run All" or when the analyst edits it and runs both):
      a misspelt name there is an error. Any other global (``sim``, ``fig``...) is not a
      parameter, so this cell can be re-run at any time after "Run All".

    The validated values are written back into ``namespace`` so that the notebook's globals
    and the model agree.
    """
    public = {
        name: value
        for name, value in namespace.items()
        if not name.startswith("_")
        and name not in _KERNEL_NAMES
        and not isinstance(value, types.ModuleType)
        and not callable(value)
    }
    history = namespace.get("In")
    injected = papermill_injected_names(history)
    if injected is not None:
        names = list(injected)
    else:
        schema = schema_for(notebook)
        if schema is None:
            names = list(public)
        else:
            names = [*schema.model_fields, *_assigned_just_before(history)]
    values = {k: public[k] for k in dict.fromkeys(names) if k in public}
    site = values.get("site") or DEFAULT_SITE
    site_dir = values.get("site_dir") or site_dir_for(site)
    model = validate(notebook, values, file=values.get("parameter_file"), site_dir=site_dir)
    if isinstance(model, BaseModel):
        for name in type(model).model_fields:
            if data_status.extract_inputs(values.get(name))[1]:
                continue  # keep {path, status, source} as written: a re-run keeps the status
            namespace[name] = getattr(model, name)
    return model


def _assigned_just_before(history: Any) -> list[str]:
    """Names assigned by the cell executed just before the current one (``In[-2]``), when
    that cell holds nothing but assignments of literals to plain names (a ``parameters``
    cell); else none."""
    import ast

    if not isinstance(history, list) or len(history) < 2 or not isinstance(history[-2], str):
        return []
    try:
        tree = ast.parse(history[-2])
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
            targets = [t.id for t in node.targets]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        else:
            return []
        try:
            ast.literal_eval(node.value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return []  # a computed value: a later cell, not the parameters cell
        names.extend(targets)
    return names


#: First line of the cell papermill injects (``papermill.translators``, all versions).
_PAPERMILL_HEADER = "# Parameters"


def papermill_injected_names(history: Any) -> list[str] | None:
    """Names assigned by papermill's injected cell, found in IPython's input history
    (``In``); None when the notebook was not run by papermill with parameters."""
    if not isinstance(history, list):
        return None
    import ast

    for source in reversed(history):
        if isinstance(source, str) and source.lstrip().startswith(_PAPERMILL_HEADER):
            try:
                tree = ast.parse(source)
            except SyntaxError:
                return None
            return [
                target.id
                for node in tree.body
                if isinstance(node, ast.Assign)
                for target in node.targets
                if isinstance(target, ast.Name)
            ]
    return None


# ------------------------------------------------------------- pydantic -> messages
def _problems_from(
    exc: ValidationError, schema: type[BaseModel], data: Any, file: str
) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = list(err.get("loc", ()))
        path, value = _walk(data, loc)
        expected = _expected(err, schema, loc, value)
        problems.append(Problem(file, path, value, expected))
    # One problem per key path: unions report each branch; keep the first message.
    unique: dict[str, Problem] = {}
    for p in problems:
        unique.setdefault(p.key_path, p)
    return list(unique.values())


def _walk(data: Any, loc: list) -> tuple[str, Any]:
    """Key path as the user wrote it (``arrays[0].surface_tilt_deg``) and the value there.

    Pydantic locations also contain union tags and type names that are not keys of the
    input: they are skipped."""
    parts: list[str] = []
    current: Any = data
    for item in loc:
        if isinstance(item, int) and isinstance(current, list):
            parts.append(f"[{item}]")
            current = current[item] if 0 <= item < len(current) else MISSING
        elif isinstance(current, dict) and item in current:
            parts.append(("." if parts else "") + str(item))
            current = current[item]
        elif isinstance(current, dict) and isinstance(item, str) and item == loc[-1]:
            parts.append(("." if parts else "") + item)
            current = MISSING
        # else: a union member name or type tag, not part of the user's path
    return "".join(parts), current


def _expected(err: dict, schema: type[BaseModel], loc: list, value: Any) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    msg = err.get("msg", "")
    if kind == "extra_forbidden":
        known = _known_names(schema, loc[:-1])
        key = str(loc[-1])
        hint = did_you_mean(key, known, cutoff=0.5)
        listing = ", ".join(sorted(known)) if known else ""
        return f"paramètre inconnu{hint} (noms admis : {listing})"
    if kind == "missing":
        return "paramètre obligatoire manquant"
    if kind in ("finite_number",) or (isinstance(value, float) and math.isnan(value)):
        return "un nombre fini (NaN et infini refusés)"
    if kind == "greater_than_equal":
        return f"un nombre ≥ {_bound(ctx.get('ge'))}"
    if kind == "greater_than":
        return f"un nombre > {_bound(ctx.get('gt'))}"
    if kind == "less_than_equal":
        return f"un nombre ≤ {_bound(ctx.get('le'))}"
    if kind == "less_than":
        return f"un nombre < {_bound(ctx.get('lt'))}"
    if kind in ("too_short", "too_long"):
        n = len(value) if isinstance(value, (list, tuple, dict)) else "?"
        lo, hi = ctx.get("min_length"), ctx.get("max_length")
        if kind == "too_short" and lo is not None:
            return f"au moins {lo} valeurs (reçu {n})"
        return f"au plus {hi} valeurs (reçu {n})"
    if kind == "literal_error":
        allowed = str(ctx.get("expected", ""))
        close = ""
        if isinstance(value, str):
            options = [o.strip(" '\"") for o in allowed.replace(" or ", ",").split(",")]
            close = did_you_mean(value, [o for o in options if o])
        return f"une des valeurs {allowed.replace(' or ', ' ou ')}{close}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tag = ctx.get("discriminator", "")
        return f"un champ {tag} parmi {ctx.get('expected_tags', '')}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "un nombre entier"
    if kind in ("float_type", "float_parsing"):
        return "un nombre"
    if kind in ("string_type",):
        return "un texte"
    if kind in ("bool_type", "bool_parsing"):
        return "true ou false"
    if kind in ("list_type",):
        return "une liste"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "une table (clé: valeur)"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "assertion_error":
        return msg.removeprefix("Assertion failed, ")
    return msg


def _bound(value: Any) -> str:
    """A range bound as written in a parameter file (``0`` rather than ``0.0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _known_names(schema: type[BaseModel], loc: list) -> list[str]:
    """Field names accepted at ``loc`` inside ``schema`` (through lists, dicts, unions)."""
    models: list[Any] = [schema]
    for item in loc:
        nxt: list[Any] = []
        for model in models:
            for candidate in _unwrap(model):
                if isinstance(item, int) or not _is_model(candidate):
                    # list index or dict key: descend into the item type
                    nxt.extend(_inner_types(candidate))
                elif item in candidate.model_fields:
                    nxt.append(candidate.model_fields[item].annotation)
        models = nxt or models
    names: set[str] = set()
    for model in models:
        for candidate in _unwrap(model):
            if _is_model(candidate):
                names.update(candidate.model_fields)
    return sorted(names - set(ENGINE_NAMES)) if names else []


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _unwrap(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp]


def _inner_types(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (list, tuple, set) and args:
        return _unwrap(args[0])
    if origin is dict and len(args) == 2:
        return _unwrap(args[1])
    return []


# ------------------------------------------------ notebooks without a registered schema
_TYPE_NAMES = {
    bool: "true ou false",
    int: "un nombre entier",
    float: "un nombre",
    str: "un texte",
    list: "une liste",
    dict: "une table (clé: valeur)",
}


def _validate_against_cell(
    data: dict[str, Any], defaults: dict[str, Any] | None, file: str
) -> dict[str, Any]:
    """Check names and types against the notebook's ``parameters`` cell."""
    if defaults is None:
        return data
    known = set(defaults) | set(ENGINE_NAMES)
    problems = []
    for key, value in data.items():
        if key not in known:
            hint = did_you_mean(key, sorted(known), cutoff=0.5)
            problems.append(Problem(file, key, value, f"paramètre inconnu{hint}"))
            continue
        if key in ENGINE_NAMES or defaults.get(key) is None:
            continue
        expected = type(defaults[key])
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(file, key, value, "un nombre fini (NaN et infini refusés)"))
        elif not ok:
            problems.append(Problem(file, key, value, _TYPE_NAMES.get(expected, expected.__name__)))
    if problems:
        raise ParameterError(problems)
    return data
