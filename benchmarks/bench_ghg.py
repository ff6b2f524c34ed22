"""Monte Carlo of the GHG model: vectorised (numpy) vs a naive per-draw Python loop.

Prints the timing of 10,000 draws x all options of the Concorde parameter file and the ratio
against a loop that evaluates one draw at a time. Both are measured side by side in this run.

    python benchmarks/bench_ghg.py [--draws 10000] [--naive-draws 500]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from qsp_lib.ghg import model as ghg
from qsp_lib.ghg import study as ghg_study

ROOT = Path(__file__).resolve().parents[1]


def _params():
    from qsp_lib.core import params

    path = ROOT / "parameters" / "concorde" / "ghg_planning_options.yaml"
    return params.validate_file("ghg_planning_options", path)


def naive(model, samples, weighting, draws):
    """One draw at a time: per-draw factor dict, per-option profile, weighted sum."""
    w = model.weights(weighting)
    out = np.empty((draws, len(model.options)))
    for d in range(draws):
        values = {k: float(v[d]) for k, v in samples.items()}
        prof = ghg.profile_array(model, values)  # (options, parts, years)
        for i in range(len(model.options)):
            s = 0.0
            for part in range(prof.shape[1]):
                for t in range(prof.shape[2]):
                    s += prof[i, part, t] * w[t]
            out[d, i] = s
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--naive-draws", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    p = _params()
    model = ghg_study.model_from_parameters(p)
    ghg.monte_carlo(model, draws=100, seed=0)  # warm-up (reference data cache)

    best = min(
        _timed(lambda: ghg.monte_carlo(model, draws=args.draws, seed=1)) for _ in range(args.repeat)
    )
    smp = ghg.sample_factors(model, args.naive_draws, 1)
    t_naive = _timed(lambda: naive(model, smp, "dynamic", args.naive_draws))
    per_draw_naive = t_naive / args.naive_draws
    per_draw_vec = best / args.draws
    # the two agree on the same draws
    vec = ghg.monte_carlo(model, draws=args.naive_draws, seed=1)["dynamic"]
    ref = naive(model, smp, "dynamic", args.naive_draws)
    err = float(np.max(np.abs(vec - ref) / np.maximum(1.0, np.abs(ref))))

    n_opt = len(model.options)
    print(f"options: {n_opt}, years: {model.study_period_years + 1}, factors: {len(smp)}")
    print(
        f"vectorised Monte Carlo, {args.draws} draws x {n_opt} options "
        f"(static + dynamic): {best * 1e3:.1f} ms (best of {args.repeat})"
    )
    print(
        f"naive per-draw loop ({args.naive_draws} draws, dynamic only): {t_naive:.2f} s "
        f"-> {per_draw_naive * args.draws:.1f} s extrapolated to {args.draws} draws"
    )
    print(f"ratio naive / vectorised per draw: {per_draw_naive / per_draw_vec:,.0f} x")
    print(f"max relative difference between the two: {err:.1e}")


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
