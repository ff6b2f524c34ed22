"""The ``qsp`` command.

``qsp run [--site SITE | --all-sites] [--only NAME ...] [--jobs N] [--out DIR] [--force]
[--timeout S] [--executor local|dask://HOST:PORT]``, ``qsp validate [--site SITE |
--all-sites]``, ``qsp list``, ``qsp new-site NAME --from SITE``, ``qsp bundle [--site SITE]
[--audience AUDIENCE] [--out DIR]``.
Exit status: 0 all good; 1 at least one notebook failed (the others still ran and
rendered); 2 invalid parameters or usage (nothing was executed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qsp_lib.core import params


class _Parser(argparse.ArgumentParser):
    """argparse with the usage errors in French and exit status 2 (the contract's)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur d'utilisation : {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="qsp",
        description="Classeurs QSP : exécute les notebooks d'un site et produit les notes.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="exécuter les notebooks d'un site et rendre les notes")
    where = run.add_mutually_exclusive_group()
    where.add_argument("--site", default=params.DEFAULT_SITE, help="dossier de parameters/")
    where.add_argument(
        "--all-sites",
        action="store_true",
        help="tous les sites de parameters/, dans un même groupe de processus, "
        "et la page de comparaison des sites",
    )
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
        help="durée maximale d'un notebook, en secondes, de son lancement à sa note "
        "rendue (défaut : 900) ; au-delà il est arrêté (« délai dépassé ») et sa note "
        "précédente reste en place",
    )
    run.add_argument(
        "--executor",
        default="local",
        metavar="local|dask://HÔTE:PORT",
        help="où exécuter les notebooks : cette machine (défaut) ou un cluster Dask "
        "(extra « dask » ; dossiers du projet partagés par les workers)",
    )

    val = sub.add_parser("validate", help="vérifier les paramètres d'un site sans rien exécuter")
    where = val.add_mutually_exclusive_group()
    where.add_argument("--site", default=params.DEFAULT_SITE)
    where.add_argument("--all-sites", action="store_true", help="tous les sites")

    sub.add_parser("list", help="lister les notebooks et les sites")

    new = sub.add_parser(
        "new-site",
        help="créer un site en copiant un autre, avec la liste des hypothèses à remplacer",
    )
    new.add_argument("name", metavar="NAME", help="nom du dossier du nouveau site")
    new.add_argument("--from", dest="source", required=True, metavar="SITE", help="site copié")

    pack = sub.add_parser(
        "bundle",
        help="un fichier à envoyer : la synthèse d'un public suivie des notes détaillées "
        "(une page HTML autonome) et une archive ZIP des notes et des données",
    )
    pack.add_argument("--site", default=params.DEFAULT_SITE, help="dossier de parameters/")
    pack.add_argument(
        "--audience",
        default=None,
        metavar="PUBLIC",
        help="public de la synthèse (comite_pilotage, comite_suivi, comite_partenaires ; "
        "défaut : le premier)",
    )
    pack.add_argument(
        "--out",
        type=Path,
        default=None,
        help="dossier de sortie de « qsp run » (défaut : outputs) ; le fichier va dans "
        "<dossier>/<site>/envoi/",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from qsp_lib import runner

    root = params.project_root()
    if args.command == "run":
        if args.jobs is not None and args.jobs < 1:
            print("--jobs : un entier ≥ 1 est attendu", file=sys.stderr)
            return 2
        if args.timeout is not None and args.timeout <= 0:
            print("--timeout : un nombre de secondes > 0 est attendu", file=sys.stderr)
            return 2
        return runner.run_sites(
            None if args.all_sites else [args.site],
            only=args.only,
            jobs=args.jobs,
            out=args.out,
            force=args.force,
            timeout_s=args.timeout or runner.DEFAULT_TIMEOUT_S,
            root=root,
            executor=args.executor,
        )
    if args.command == "new-site":
        from qsp_lib.runner import sites

        try:
            folder = sites.new_site(root, args.name, args.source)
        except params.ParameterError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        print(f"Site créé : {folder}")
        print(f"Valeurs à remplacer par des données locales : {folder / sites.CHECKLIST}")
        return 0
    if args.command == "bundle":
        return _bundle(root, args)
    try:
        specs = runner.discover(root / "notebooks")
    except params.ParameterError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.command == "validate":
        status = 0
        for site in runner.known_sites(root) if args.all_sites else [args.site]:
            try:
                prepared = runner.prepare(root, site, specs, list(specs))
            except params.ParameterError as exc:
                print(str(exc), file=sys.stderr)
                status = 2
                continue
            if (root / "parameters" / site / "site.yaml").is_file():
                line = "site.yaml : modèle du site valide"
                print(f"{site} · {line}" if args.all_sites else line)
            prefix = f"{site} · " if args.all_sites else ""
            for name, item in prepared.items():
                state = f"ignoré ({item.skipped})" if item.skipped else "paramètres valides"
                print(f"{prefix}{name} : {state}")
                for file, note in item.tables:
                    print(f"{prefix}  {file} : {note}")
            warned = dict.fromkeys(w for item in prepared.values() for w in item.warnings)
            for where, what in warned:
                print(f"{prefix}Avertissement : {where} : {what}", file=sys.stderr)
        return status
    # list
    print("Notebooks :")
    for name, spec in specs.items():
        deps = f" (après {', '.join(spec.depends_on)})" if spec.depends_on else ""
        variants = (
            f" — une note par {spec.variants[0]} : {', '.join(spec.variants[1])}"
            if spec.variants
            else ""
        )
        print(f"  {name} — {spec.title}{deps}{variants}")
    print("Sites :")
    for site in runner.known_sites(root):
        print(f"  {site}")
    return 0


def _bundle(root: Path, args) -> int:
    from qsp_lib import runner
    from qsp_lib.runner.bundle import bundle

    site_dir = (args.out or root / "outputs") / args.site
    if not (site_dir / "run.json").is_file():
        print(
            f"{site_dir} : aucun résultat de « qsp run » pour le site {args.site} ; "
            f"lancer d'abord « qsp run --site {args.site} »",
            file=sys.stderr,
        )
        return 2
    try:
        page, archive = bundle(
            site_dir, args.site, runner.discover(root / "notebooks"), args.audience
        )
    except params.ParameterError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from qsp_lib.core.style import fr

    print(f"Page à envoyer : {page} ({fr(page.stat().st_size / 1e6, 1)} Mo)")
    print(f"Archive (notes et données) : {archive}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
