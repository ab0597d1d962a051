#!/usr/bin/env python3
"""A random-features grid in NumPy, written the way a researcher would: the reference `benchmarks/vs-numpy.sh` times
the product against.

Population regime, K = 1, A0 = 0, T steps. Each problem (spectrum, size, seed) is built once and shared by its
optimizers: G = F Lambda^1/2 drawn whole (N x M), H = G G^T (NumPy calls syrk for a @ a.T), B = W~ G^T. kappa_max by
50 power iterations (for lr auto and the damping). Every optimizer trains in the standard basis with one dgemv per
step; natural gradient by a Cholesky factor of H + delta I (delta = 1e-8 kappa_max) and one solve per step. lr auto
(1 / kappa'_max) for gd, momentum and natural-gradient; adam and matrix-sign take fixed rates. NumPy's own generator
draws the numbers, so the losses match the product only in distribution.

usage: rf_grid.py --preset grid70|optimizer-dependence
       rf_grid.py --optimizers gd,adam --spectra 1.0,1.5 --sizes 64,128 --seeds 0 [--latent M] [--steps T]
prints one tab-separated line per cell (spectrum, size, seed, optimizer, seconds, final loss) and a total.
"""
import argparse
import time

import numpy as np

try:
    from scipy.linalg import cho_factor, cho_solve
except ImportError:  # Debian: apt-get install -y python3-scipy
    raise SystemExit("rf_grid.py needs SciPy for the Cholesky solve: apt-get install -y python3-scipy")

PRESETS = {
    # The 70-cell grid: 5 optimizers x 2 spectra x 7 sizes x 1 seed.
    "grid70": dict(spectra=[1.0, 1.5], seeds=[0]),
    # examples/optimizer-dependence.yaml: 5 optimizers x 6 spectra x 7 sizes x 3 seeds = 630 cells.
    "optimizer-dependence": dict(spectra=[0.5, 0.75, 1.0, 1.25, 1.5, 2.0], seeds=[0, 1, 2]),
}
OPTIMIZERS = ["gd", "momentum", "adam", "matrix-sign", "natural-gradient"]
SIZES = [64, 128, 256, 512, 1024, 2048, 4096]
FIXED_LR = {"adam": 0.01, "matrix-sign": 0.05}


def build(m, n, s, seed):
    rng = np.random.default_rng([seed, n, int(s * 1000)])
    sqrt_lambda = np.arange(1, m + 1, dtype=np.float64) ** (-s / 2)
    target = rng.standard_normal(m) * sqrt_lambda   # W~ = W* Lambda^1/2
    g = rng.standard_normal((n, m))
    g *= sqrt_lambda / np.sqrt(n)                   # G = F Lambda^1/2, in place
    h = g @ g.T                                     # syrk
    b = g @ target
    c = float(target @ target)
    return h, b, c


def largest_eigenvalue(h, iterations=50):
    v = np.ones(h.shape[0]) / np.sqrt(h.shape[0])
    kappa = 0.0
    for _ in range(iterations):
        w = h @ v
        kappa = float(v @ w)
        v = w / np.linalg.norm(w)
    return kappa


def loss(h, b, c, a):
    return float(a @ (h @ a) - 2 * a @ b + c)


def train(h, b, c, optimizer, steps, kappa, factor):
    n = b.shape[0]
    a = np.zeros(n)
    if optimizer == "gd":
        lr = 1.0 / (2.0 * kappa)
        for _ in range(steps):
            a -= lr * (2.0 * (h @ a - b))
    elif optimizer == "momentum":
        lr, v = 1.0 / (2.0 * kappa), np.zeros(n)
        for _ in range(steps):
            v = 0.9 * v + 2.0 * (h @ a - b)
            a -= lr * v
    elif optimizer == "adam":
        lr, m1, m2 = FIXED_LR["adam"], np.zeros(n), np.zeros(n)
        for t in range(1, steps + 1):
            g = 2.0 * (h @ a - b)
            m1 = 0.9 * m1 + 0.1 * g
            m2 = 0.999 * m2 + 0.001 * g * g
            a -= lr * (m1 / (1 - 0.9 ** t)) / (np.sqrt(m2 / (1 - 0.999 ** t)) + 1e-8)
    elif optimizer == "matrix-sign":
        lr = FIXED_LR["matrix-sign"]
        for _ in range(steps):
            g = 2.0 * (h @ a - b)
            norm = np.linalg.norm(g)
            a -= lr * (g / norm if norm > 0 else g)
    elif optimizer == "natural-gradient":
        delta = 1e-8 * kappa
        lr = 1.0 / (2.0 * kappa / (kappa + delta))
        for _ in range(steps):
            a -= lr * cho_solve(factor, 2.0 * (h @ a - b), check_finite=False)
    else:
        raise ValueError(optimizer)
    return loss(h, b, c, a)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", choices=sorted(PRESETS))
    parser.add_argument("--optimizers", default=",".join(OPTIMIZERS))
    parser.add_argument("--spectra", default="1.0,1.5")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--latent", type=int, default=16384)
    parser.add_argument("--steps", type=int, default=100)
    args = parser.parse_args()
    optimizers = args.optimizers.split(",")
    spectra = [float(x) for x in args.spectra.split(",")]
    seeds = [int(x) for x in args.seeds.split(",")]
    if args.preset:
        spectra, seeds = PRESETS[args.preset]["spectra"], PRESETS[args.preset]["seeds"]
    sizes = [int(x) for x in args.sizes.split(",")]

    start = time.perf_counter()
    cells = 0
    for n in sorted(sizes, reverse=True):
        for s in spectra:
            for seed in seeds:
                t0 = time.perf_counter()
                h, b, c = build(args.latent, n, s, seed)
                kappa = largest_eigenvalue(h)
                factor = None
                if "natural-gradient" in optimizers:
                    factor = cho_factor(h + 1e-8 * kappa * np.eye(n), lower=True, overwrite_a=True, check_finite=False)
                for optimizer in optimizers:
                    final = train(h, b, c, optimizer, args.steps, kappa, factor)
                    cells += 1
                    print(f"{s}\t{n}\t{seed}\t{optimizer}\t{time.perf_counter() - t0:.3f}\t{final:.6g}", flush=True)
                    t0 = time.perf_counter()
                del h, b, factor
    print(f"total\t{cells} cells\t{time.perf_counter() - start:.2f} s", flush=True)


if __name__ == "__main__":
    main()
