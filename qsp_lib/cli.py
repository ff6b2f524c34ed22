"""The ``qsp`` command.

``qsp run [--site SITE] [--only NAME ...] [--jobs N] [--out DIR] [--force]``,
``qsp validate [--site SITE]``, ``qsp list``.
Exit status: 0 all good; 1 at least one notebook failed (the others still ran and
rendered); 2 invalid parameters or usage (nothing was executed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qsp_lib import params


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qsp",
        description="Classeurs QSP : exécute les notebooks d'un site et produit les notes.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="exécuter les notebooks d'un site et rendre les notes")
    run.add_argument("--site", default=params.DEFAULT_SITE, help="dossier de parameters/")
    run.add_argument("--only", nargs="+", metavar="NAME", help="seulement ces notebooks")
    run.add_argument(
        "--jobs", type=int, default=None, help="processus en parallèle (défaut : cœurs)"
    )
    run.add_argument("--out", type=Path, default=None, help="dossier de sortie (défaut : outputs)")
    run.add_argument("--force", action="store_true", help="tout ré-exécuter")
    run.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="durée maximale par notebook, en secondes (défaut : 900)",
    )

    val = sub.add_parser("validate", help="vérifier les paramètres d'un site sans rien exécuter")
    val.add_argument("--site", default=params.DEFAULT_SITE)

    sub.add_parser("list", help="lister les notebooks et les sites")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from qsp_lib import runner

    root = params.project_root()
    if args.command == "run":
        if args.jobs is not None and args.jobs < 1:
            print("--jobs : un entier ≥ 1 est attendu", file=sys.stderr)
            return 2
        return runner.run_site(
            site=args.site,
            only=args.only,
            jobs=args.jobs,
            out=args.out,
            force=args.force,
            timeout_s=args.timeout or runner.DEFAULT_TIMEOUT_S,
            root=root,
        )
    specs = runner.discover(root / "notebooks")
    if args.command == "validate":
        try:
            prepared = runner.prepare(root, args.site, specs, list(specs))
        except params.ParameterError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        for name, item in prepared.items():
            state = f"ignoré ({item.skipped})" if item.skipped else "paramètres valides"
            print(f"{name} : {state}")
        return 0
    # list
    print("Notebooks :")
    for name, spec in specs.items():
        deps = f" (après {', '.join(spec.depends_on)})" if spec.depends_on else ""
        print(f"  {name} — {spec.title}{deps}")
    print("Sites :")
    for site in sorted(p.name for p in (root / "parameters").iterdir() if p.is_dir()):
        print(f"  {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
