"""The two small immutable records handed around by the runner.

:class:`RunContext` holds what one ``qsp run`` decided once (options, versions, commit);
:class:`Job` is one rendering of one notebook for one site: everything a worker needs,
plain data so that it crosses process (and Dask) boundaries as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_TIMEOUT_S = 900


@dataclass(frozen=True)
class RunContext:
    """Options and facts shared by every site and job of one run."""

    root: Path
    out_root: Path
    force: bool = False
    timeout_s: float = DEFAULT_TIMEOUT_S
    versions: dict[str, str] = field(default_factory=dict)
    library: str = ""
    commit: str | None = None
    echo: Callable[..., None] = print
    #: Progress lines name the site too when several sites run together.
    multi_site: bool = False


@dataclass(frozen=True)
class Job:
    """One execution of one notebook (one variant of it) for one site."""

    site: str
    name: str
    stem: str  # file stem: ``name`` or ``name.variant``
    variant: str | None
    notebook: str
    out_dir: str
    work_dir: str
    parameters: dict[str, Any]
    timeout_s: float
    provenance: dict[str, Any]
    root: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.site, self.stem)

    @property
    def exports_dir(self) -> str:
        return self.parameters["exports_dir"]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
