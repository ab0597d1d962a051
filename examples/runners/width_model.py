#!/usr/bin/env python3
"""A small scaling-law model for the `command` experiment: random-feature regression of a power-law teacher.

Data: x ~ N(0, diag(lambda)) in D latent dimensions, lambda_k = k^-s (s is --spectrum); the teacher is
y = w* . x with w*_k = +-k^(-1/2) (random signs), so mode k carries target energy ~ k^-(s+1) and the part of the
target N features cannot reach falls as a power of N (about N^-1.2 at s = 1.5 over widths 32..512). The model is v . z with N random features z = F x / sqrt(D)
(F Gaussian, N = --width) trained by full-batch gradient descent on the population squared error plus a small ridge
penalty. The error is a quadratic in v, so training runs in the eigenbasis of the feature covariance, where gradient
descent and heavy-ball momentum take exactly the same steps as in the original basis, at O(N) per step.

Arguments (all optional but --width):
  --width N          number of random features (the sweep's `size`), 1..4096
  --spectrum S       exponent s of the latent spectrum lambda_k = k^-s (default 1.5), in (0, 10]
  --seed K           seed of the teacher and the features (default 0); the same seed gives the same numbers
  --optimizer NAME   gd | momentum (heavy ball, beta 0.9) (default gd)
  --steps T          optimizer steps (default 1000)
  --lr ETA           step size in units of 1 / (largest curvature) (default 1.0; gd diverges above 2, momentum
                     above 3.8; a diverged run prints a null final_loss)
  --ridge R          ridge penalty on |v|^2 (default 1e-7)
  --latent D         latent dimensions (default 4096)
  --every K          print progress every K steps (default: about 50 lines a run)

Example: python3 examples/runners/width_model.py --width 256 --optimizer momentum --seed 1

Output, one JSON object a line on stdout: {"step": t, "loss": l} every few steps, then
{"final_loss": l, "measurements": {"train_loss": ..., "width_floor": ...}} where final_loss is the population squared
error, train_loss the objective minimised (error plus ridge penalty) and width_floor the least error N features can
reach. A non-finite loss is printed as null. Errors go to stderr with exit code 2.
"""
import argparse
import json
import math
import sys

import numpy as np


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Random-feature regression of a power-law teacher.")
    parser.add_argument("--width", type=int, required=True)
    parser.add_argument("--spectrum", type=float, default=1.5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--optimizer", choices=["gd", "momentum"], default="gd")
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--lr", type=float, default=1.0)
    parser.add_argument("--ridge", type=float, default=1e-7)
    parser.add_argument("--latent", type=int, default=4096)
    parser.add_argument("--every", type=int, default=0)
    args = parser.parse_args(argv)
    if not 1 <= args.width <= 4096:
        parser.error(f"--width must be in 1..4096, got {args.width}")
    if not (0 < args.spectrum <= 10):
        parser.error(f"--spectrum must be in (0, 10], got {args.spectrum}")
    if args.steps < 1 or args.latent < 1 or args.every < 0:
        parser.error("--steps and --latent must be positive, --every non-negative")
    if not (args.lr > 0) or not (args.ridge >= 0):
        parser.error("--lr must be positive and --ridge non-negative")
    return args


def number(value):
    """JSON has no NaN or infinity: a diverged run reports null."""
    return float(value) if math.isfinite(value) else None


def main(argv):
    args = parse_args(argv)
    # A diverging run overflows on purpose: it is reported as a null loss, not as warnings on stderr.
    np.seterr(over="ignore", invalid="ignore")
    n, d = args.width, args.latent
    # Separate streams so a width's features are the first rows of a wider one's, and the teacher never changes.
    teacher = np.random.default_rng([args.seed, 0])
    features = np.random.default_rng([args.seed, 1])

    k = np.arange(1, d + 1, dtype=np.float64)
    spectrum = k ** -args.spectrum
    w_star = teacher.choice([-1.0, 1.0], size=d) * k ** -0.5
    f = features.standard_normal((n, d))

    # Feature covariance, cross term with the target and target variance: error(v) = v.S.v - 2 b.v + c.
    g = f * np.sqrt(spectrum)
    cov = (g @ g.T) / d
    b = (g @ (np.sqrt(spectrum) * w_star)) / math.sqrt(d)
    c = float(spectrum @ (w_star * w_star))

    mu, q = np.linalg.eigh(cov)
    mu = np.maximum(mu, 0.0)
    bt = q.T @ b
    curvature = mu + args.ridge
    eta = args.lr / curvature.max()

    def error(u):
        return c - 2.0 * (bt @ u) + mu @ (u * u)

    # The least error with N features: mode i settles at bt_i / mu_i (modes with no curvature contribute nothing).
    seen = mu > mu.max() * 1e-12
    floor = c - float(np.sum(bt[seen] ** 2 / mu[seen]))

    every = args.every or max(1, args.steps // 50)
    u = np.zeros(n)
    velocity = np.zeros(n)
    beta = 0.9 if args.optimizer == "momentum" else 0.0
    out = sys.stdout
    for t in range(1, args.steps + 1):
        grad = curvature * u - bt
        velocity = beta * velocity - eta * grad
        u = u + velocity
        if t % every == 0 or t == args.steps:
            loss = error(u)
            out.write(json.dumps({"step": t, "loss": number(loss)}) + "\n")
            if not math.isfinite(loss):
                break

    final = error(u)
    train = final + args.ridge * float(u @ u)
    out.write(json.dumps({
        "final_loss": number(final),
        "measurements": {"train_loss": number(train), "width_floor": number(max(floor, 0.0))},
    }) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
