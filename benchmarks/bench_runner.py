"""Runner benchmark, measured side by side in one run:

1. ``qsp run --force`` against a naive sequential loop of ``papermill`` +
   ``jupyter nbconvert --to html --no-input`` CLI calls on the same notebooks and parameters;
   then an unchanged ``qsp run`` against the full one;
2. ``qsp run --all-sites --force`` (every site through one pool) against one
   ``qsp run --site S --force`` per site, one after the other.

Prints ratios (targets on 2 cores: full run <= 0.6 of the naive loop; unchanged re-run
<= 0.1 of a full run; all sites < 1 of the sequential runs). Not a test: machines are
shared and noisy.

Usage: python benchmarks/bench_runner.py [--site concorde] [--repeat 1] [--part 1|2|all]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _timed(cmd: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def naive_loop(site: str, work: Path) -> float:
    start = time.perf_counter()
    for nb in sorted((REPO / "notebooks").glob("*.ipynb")):
        params = REPO / "parameters" / site / f"{nb.stem}.yaml"
        if not params.exists():
            continue
        out = work / f"{nb.stem}.ipynb"
        subprocess.run(
            [
                str(BIN / "papermill"),
                str(nb),
                str(out),
                "-f",
                str(params),
                "--cwd",
                str(REPO / "notebooks"),
            ],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    return time.perf_counter() - start


def all_sites_vs_sequential(qsp: list[str], env: dict, work: Path) -> tuple[float, float]:
    sites = sorted(p.name for p in (REPO / "parameters").iterdir() if p.is_dir())
    start = time.perf_counter()
    for site in sites:
        subprocess.run(
            [*qsp, "run", "--site", site, "--force", "--out", str(work / "seq")],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    sequential = time.perf_counter() - start
    together = _timed(
        [*qsp, "run", "--all-sites", "--force", "--out", str(work / "all")], cwd=REPO, env=env
    )
    return sequential, together


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", default="concorde")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--part", choices=["1", "2", "all"], default="all")
    args = parser.parse_args()
    qsp = [str(BIN / "qsp")]
    env = dict(os.environ, QSP_ROOT=str(REPO))
    naive, full, again, sequential, together = [], [], [], [], []
    for _ in range(args.repeat):
        work = Path(tempfile.mkdtemp(prefix="qsp-bench-"))
        try:
            if args.part in ("1", "all"):
                naive.append(naive_loop(args.site, work))
                full.append(
                    _timed(
                        [*qsp, "run", "--site", args.site, "--force", "--out", str(work / "out")],
                        cwd=REPO,
                        env=env,
                    )
                )
                again.append(
                    _timed(
                        [*qsp, "run", "--site", args.site, "--out", str(work / "out")],
                        cwd=REPO,
                        env=env,
                    )
                )
            if args.part in ("2", "all"):
                seq, tog = all_sites_vs_sequential(qsp, env, work)
                sequential.append(seq)
                together.append(tog)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    n = len(list((REPO / "notebooks").glob("*.ipynb")))
    best = min
    print(f"notebooks: {n}, cores: {os.cpu_count()}, site: {args.site}")
    if naive:
        print(f"naive papermill+nbconvert loop: {best(naive):6.1f} s")
        print(f"qsp run --force:                {best(full):6.1f} s")
        print(f"qsp run (unchanged):            {best(again):6.2f} s")
        print(f"ratio full / naive:      {best(full) / best(naive):.2f}  (target <= 0.6)")
        print(f"ratio unchanged / full:  {best(again) / best(full):.3f} (target <= 0.1)")
    if together:
        print(f"one qsp run per site, in turn:  {best(sequential):6.1f} s")
        print(f"qsp run --all-sites:            {best(together):6.1f} s")
        print(f"ratio all-sites / sequential: {best(together) / best(sequential):.2f} (target < 1)")


if __name__ == "__main__":
    main()
