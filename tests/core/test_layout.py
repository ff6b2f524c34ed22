"""The house's layout rules, read from the source (ast), not from a list kept by hand.

- No analysis package imports another: each imports only ``qsp_lib.core`` and itself.
- ``qsp_lib.core`` and ``qsp_lib.runner`` import no analysis package (the runner reads the
  analyses' declarations as data, through :mod:`qsp_lib.core.analysis`).
- A ``model`` (``<package>/model.py`` or ``<package>/model/``) is numbers in, numbers out:
  no presentation code (plotting, IPython, French formatting, brief helpers), no file I/O.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parents[2] / "qsp_lib"
ANALYSES = sorted(p.parent.name for p in LIBRARY.glob("*/declaration.py"))
ENGINE = ("core", "runner")

#: Imports a model may not make: drawing, notebook display, French wording, brief helpers,
#: file readers and writers.
PRESENTATION = (
    "matplotlib",
    "seaborn",
    "IPython",
    "qsp_lib.core.brief",
    "qsp_lib.core.style",
    "qsp_lib.core.scraps",
    "qsp_lib.core.exports",
    "qsp_lib.core.results",
)
#: Calls that read or write files.
FILE_IO = {
    "open",
    "read_csv",
    "read_excel",
    "read_text",
    "read_bytes",
    "write_text",
    "to_csv",
    "to_excel",
}


def _imports(path: Path) -> list[str]:
    """Every module a file imports (function-level imports included), as dotted names;
    ``from qsp_lib import pv`` gives ``qsp_lib.pv``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _package_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "qsp_lib" and len(parts) > 1 else None


def _modules(package: str) -> list[Path]:
    return sorted((LIBRARY / package).rglob("*.py"))


def _model_modules(package: str) -> list[Path]:
    single = LIBRARY / package / "model.py"
    return ([single] if single.exists() else []) + sorted(
        (LIBRARY / package / "model").rglob("*.py")
    )


def test_every_analysis_has_a_model_and_a_declaration():
    assert set(ANALYSES) == {"pv", "ghg", "materials", "evaluation", "budget", "synthesis"}
    for package in ANALYSES:
        assert _model_modules(package), f"{package}: no model module"


@pytest.mark.parametrize("package", ANALYSES)
def test_no_analysis_package_imports_another(package):
    allowed = {"core", package}
    crossing = [
        f"{path.relative_to(LIBRARY)}: {module}"
        for path in _modules(package)
        for module in _imports(path)
        if _package_of(module) not in (None, *allowed) and module != "qsp_lib.__version__"
    ]
    assert not crossing, crossing


@pytest.mark.parametrize("package", ENGINE)
def test_engine_imports_no_analysis(package):
    crossing = [
        f"{path.relative_to(LIBRARY)}: {module}"
        for path in _modules(package)
        for module in _imports(path)
        if _package_of(module) in ANALYSES
    ]
    assert not crossing, crossing


@pytest.mark.parametrize("package", ANALYSES)
def test_models_hold_no_presentation_and_no_file_io(package):
    bad = []
    for path in _model_modules(package):
        for module in _imports(path):
            if module.startswith(PRESENTATION) or module.startswith(
                tuple(f"qsp_lib.{package}.{m}" for m in ("io", "figures", "study"))
            ):
                bad.append(f"{path.relative_to(LIBRARY)} imports {module}")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                if name in FILE_IO:
                    bad.append(f"{path.relative_to(LIBRARY)}:{node.lineno} calls {name}")
    assert not bad, bad


def test_the_rules_see_a_crossing_import(tmp_path):
    """The scanner itself: an import of another analysis, at function level, is found."""
    path = tmp_path / "bad.py"
    path.write_text("def f():\n    from qsp_lib.pv import model\n    return open('x')\n")
    assert "qsp_lib.pv" in _imports(path)
    assert _package_of("qsp_lib.pv.model") == "pv"


def test_reading_every_declaration_imports_nothing_heavy():
    code = (
        "import sys\n"
        "from qsp_lib.core.analysis import analyses\n"
        "from qsp_lib.runner.notebooks import discover\n"
        "assert len(analyses()) == 6\n"
        "heavy = [m for m in ('pandas', 'numpy', 'pvlib', 'matplotlib') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
