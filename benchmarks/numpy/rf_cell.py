#!/usr/bin/env python3
"""One random-features cell in NumPy, the same algorithm as the C# kernel, for timing comparison.

Population regime, K outputs, A0 = 0: H = F Lambda F^T built as G G^T with G = F Lambda^1/2, eigenbasis training
for gd / momentum / natural-gradient / ng-power / matrix-sign (lr auto where defined), Adam in the standard basis.
NumPy's own generator (PCG64, ziggurat normals) draws the numbers, so losses match the kernel only in distribution.

usage: rf_cell.py --size N --latent M --steps T --optimizers gd,adam,... [--outputs K] [--spectrum s]
prints one tab-separated line per optimizer: size, optimizer, cold seconds (build + train), train seconds, loss.
"""
import argparse
import time

import numpy as np


def build(m, n, k, s, seed):
    rng = np.random.default_rng(seed)
    sqrt_lambda = np.arange(1, m + 1, dtype=np.float64) ** (-s / 2)
    target = rng.standard_normal((k, m)) * sqrt_lambda          # W~ = W* Lambda^1/2
    g = rng.standard_normal((n, m)) * (sqrt_lambda / np.sqrt(n))  # G = F Lambda^1/2
    h = g @ g.T
    b = target @ g.T
    c = float(np.sum(target * target))
    return h, b, c


def train(h, b, c, optimizer, steps, lr, settings):
    k, n = b.shape
    initial = c / k
    if optimizer == "adam":
        a = np.zeros((k, n))
        m1 = np.zeros_like(a)
        m2 = np.zeros_like(a)
        beta1, beta2, eps = settings["beta1"], settings["beta2"], settings["eps"]
        loss = initial
        for t in range(1, steps + 1):
            ah = a @ h
            g = (2.0 / k) * (ah - b)
            m1 = beta1 * m1 + (1 - beta1) * g
            m2 = beta2 * m2 + (1 - beta2) * g * g
            a -= lr * (m1 / (1 - beta1 ** t)) / (np.sqrt(m2 / (1 - beta2 ** t)) + eps)
        ah = a @ h
        return (np.sum(a * ah) - 2 * np.sum(a * b) + c) / k

    kappa, u = np.linalg.eigh(h)
    kappa = np.where(kappa > n * np.finfo(float).eps * kappa[-1], kappa, 0.0)
    bt = b @ u
    delta = settings["damping"] * kappa[-1]
    if optimizer in ("gd", "momentum", "matrix-sign"):
        p = np.ones(n)
    elif optimizer == "natural-gradient":
        p = 1.0 / (kappa + delta)
    else:
        p = (kappa + delta) ** (-settings["gamma"])
    if lr is None:
        lr = 1.0 / np.max(p * 2.0 * kappa / k)
    a = np.zeros((k, n))
    v = np.zeros((k, n))
    for _ in range(steps):
        g = (2.0 / k) * (a * kappa - bt)
        if optimizer == "momentum":
            v = settings["momentum"] * v + g
            a -= lr * v
        elif optimizer == "matrix-sign":
            uu, _, vt = np.linalg.svd(g, full_matrices=False)
            a -= lr * (uu @ vt)
        else:
            a -= lr * (p * g)
    return (np.sum(kappa * a * a) - 2 * np.sum(a * bt) + c) / k


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--latent", type=int, default=16384)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--outputs", type=int, default=1)
    parser.add_argument("--spectrum", type=float, default=1.0)
    parser.add_argument("--optimizers", default="gd,momentum,adam,matrix-sign,natural-gradient,ng-power")
    args = parser.parse_args()
    settings = dict(momentum=0.9, beta1=0.9, beta2=0.999, eps=1e-8, damping=1e-8, gamma=0.5)
    for optimizer in args.optimizers.split(","):
        lr = 1e-3 if optimizer in ("adam", "matrix-sign") else None
        start = time.perf_counter()
        h, b, c = build(args.latent, args.size, args.outputs, args.spectrum, 1)
        built = time.perf_counter()
        loss = train(h, b, c, optimizer, args.steps, lr, settings)
        done = time.perf_counter()
        print(f"{args.size}\t{optimizer}\t{done - start:.3f}\t{done - built:.3f}\t{loss:.6g}", flush=True)


if __name__ == "__main__":
    main()
