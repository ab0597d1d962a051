#!/usr/bin/env python3
"""Independent NumPy prototype of the ffn-spectral-rank design (SCIENCE.md, "Experiment `ffn-spectral-rank`").

Written from the design's text, not from the C# kernel: V tokens with Zipf frequencies, fixed N(0, 1) embeddings,
examples are pairs (t, c) drawn independently by frequency, x = sqrt(d) u/|u| with u = e_t + ctx e_c, a fixed random
teacher y = W_b tanh(W_a x), a ReLU^2 FFN f(x) = W2 relu(W1 x)^2 trained by AdamW / Muon / SGD with decoupled
weight decay, then the soft and hard ranks of the covariance of relu(W1 x)^2 over the held-out occurrences of each
frequency bucket (bucketed by the current token t).

Options that the design's text leaves open are flags (see --help); their defaults are the plain reading:
MSE as the mean over batch and outputs (PyTorch's mse_loss), teacher W_a ~ N(0, 1/d), W_b ~ N(0, 1/h),
Muon as in its reference implementation (momentum buffer as an EMA, Nesterov blend, Newton-Schulz on X/|X|_F,
scale sqrt(max(1, rows/cols))), AdamW and SGD as in PyTorch.

usage: prototype.py [--optimizers adamw,muon,sgd] [--widths 32,128,512] [--seeds 0] [--steps 1000] ...
prints one line per cell (TAIL ranks, loss) and, per optimizer, the mean TAIL ranks per width and the OLS slope beta
of ln rank on ln D (pooled over widths and seeds).
"""
import argparse
import time

import numpy as np


def zipf_probabilities(vocab, exponent):
    weights = np.arange(1, vocab + 1, dtype=np.float64) ** (-exponent)
    return weights / weights.sum()


def buckets_of_tokens(probabilities):
    """HEAD / MID / TAIL (0 / 1 / 2) at cumulative mass 1/3 and 2/3: a token goes to the bucket in which the mass
    before it falls."""
    mass_before = np.concatenate([[0.0], np.cumsum(probabilities)[:-1]])
    return np.minimum((mass_before * 3).astype(int), 2)


class Task:
    def __init__(self, args, seed):
        rng = np.random.default_rng([seed, 1])
        self.d = args.embed_dim
        self.ctx = args.ctx
        self.probabilities = zipf_probabilities(args.vocab, args.zipf)
        self.cumulative = np.cumsum(self.probabilities)
        self.embeddings = rng.standard_normal((args.vocab, self.d))
        self.teacher_a = rng.standard_normal((args.teacher_width, self.d)) * (args.teacher_a_scale / np.sqrt(self.d))
        self.teacher_b = rng.standard_normal((args.outputs, args.teacher_width)) * (
            args.teacher_b_scale / np.sqrt(args.teacher_width))
        self.embeddings, self.teacher_a, self.teacher_b = (
            m.astype(args.dtype) for m in (self.embeddings, self.teacher_a, self.teacher_b))

    def draw_tokens(self, rng, count):
        return np.minimum(np.searchsorted(self.cumulative, rng.random(count), side="right"),
                          len(self.probabilities) - 1)

    def draw(self, rng, count):
        t = self.draw_tokens(rng, count)
        c = self.draw_tokens(rng, count)
        return t, self.inputs(t, c)

    def inputs(self, t, c):
        u = self.embeddings[t] + self.ctx * self.embeddings[c]
        return np.sqrt(self.d) * u / np.linalg.norm(u, axis=1, keepdims=True)

    def targets(self, x):
        return np.tanh(x @ self.teacher_a.T) @ self.teacher_b.T


def newton_schulz(g, steps=5):
    a, b, c = 3.4445, -4.7750, 2.0315
    x = g / (np.linalg.norm(g) + 1e-7)
    transposed = x.shape[0] > x.shape[1]
    if transposed:
        x = x.T
    for _ in range(steps):
        gram = x @ x.T
        x = a * x + (b * gram + c * gram @ gram) @ x
    return x.T if transposed else x


def decay(p, g, lr, wd, mode):
    """Weight decay: decoupled W <- W - lr*wd*W before the step (PyTorch's AdamW), unscaled W <- (1 - wd) W, or
    coupled (L2: wd*W added to the gradient). Returns the gradient the optimizer then uses."""
    if mode == "decoupled":
        p *= 1 - lr * wd
        return g
    if mode == "unscaled":
        p *= 1 - wd
        return g
    return g + wd * p


class AdamW:
    def __init__(self, args, shapes):
        self.lr, self.wd = args.lr_adamw, args.weight_decay
        self.b1, self.b2, self.eps = 0.9, args.adam_beta2, args.adam_eps
        self.wd_mode = args.wd_mode
        self.m = [np.zeros(s, args.dtype) for s in shapes]
        self.v = [np.zeros(s, args.dtype) for s in shapes]
        self.t = 0

    def step(self, params, grads):
        self.t += 1
        for p, g, m, v in zip(params, grads, self.m, self.v):
            g = decay(p, g, self.lr, self.wd, self.wd_mode)
            m *= self.b1
            m += (1 - self.b1) * g
            v *= self.b2
            v += (1 - self.b2) * g * g
            m_hat = m / (1 - self.b1 ** self.t)
            v_hat = v / (1 - self.b2 ** self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class MomentumState:
    """Learning rate, weight decay and one momentum buffer per matrix, shared by Muon and SGD."""

    def __init__(self, args, shapes, lr, mu):
        self.lr, self.wd, self.mu, self.wd_mode = lr, args.weight_decay, mu, args.wd_mode
        self.buf = [np.zeros(s, args.dtype) for s in shapes]


class Muon(MomentumState):
    def __init__(self, args, shapes):
        super().__init__(args, shapes, args.lr_muon, 0.95)
        self.scale_rule = args.muon_scale

    def step(self, params, grads):
        for p, g, buf in zip(params, grads, self.buf):
            g = decay(p, g, self.lr, self.wd, self.wd_mode)
            buf *= self.mu
            buf += (1 - self.mu) * g          # reference: buf.lerp_(grad, 1 - momentum)
            update = (1 - self.mu) * g + self.mu * buf  # nesterov: grad.lerp_(buf, momentum)
            o = newton_schulz(update.astype(p.dtype))
            rows, cols = p.shape
            if self.scale_rule == "rows/cols":
                scale = np.sqrt(max(1.0, rows / cols))
            elif self.scale_rule == "cols/rows":
                scale = np.sqrt(max(1.0, cols / rows))
            else:  # "0.2rms": Moonlight's 0.2 sqrt(max(rows, cols))
                scale = 0.2 * np.sqrt(max(rows, cols))
            p -= self.lr * scale * o


class Sgd(MomentumState):
    def __init__(self, args, shapes):
        super().__init__(args, shapes, args.lr_sgd, 0.9)

    def step(self, params, grads):
        for p, g, buf in zip(params, grads, self.buf):
            g = decay(p, g, self.lr, self.wd, self.wd_mode)
            buf *= self.mu
            buf += g
            p -= self.lr * buf


OPTIMIZERS = {"adamw": AdamW, "muon": Muon, "sgd": Sgd}


def hidden(w1, x):
    return np.maximum(x @ w1.T, 0.0) ** 2


def loss_and_grads(w1, w2, x, y, loss_mean_over_outputs):
    z = x @ w1.T
    h = np.maximum(z, 0.0) ** 2
    residual = h @ w2.T - y
    denominator = residual.size if loss_mean_over_outputs else residual.shape[0]
    loss = float(np.sum(residual * residual)) / denominator
    d_out = 2.0 * residual / denominator
    g2 = d_out.T @ h
    d_h = d_out @ w2
    d_z = d_h * 2.0 * np.maximum(z, 0.0)
    g1 = d_z.T @ x
    return loss, [g1, g2]


def ranks(activations, covariance="occurrences"):
    """Soft and hard rank of the covariance of the rows (occurrences) of activations: centred over the rows and
    divided by m - 1 (the design's and the paper's), or as np.cov(activations) would form it with its default
    rowvar=True (each row a variable: every occurrence centred across its hidden units), or not centred at all."""
    if covariance == "occurrences":
        centred = activations - activations.mean(axis=0)
    elif covariance == "np-cov-rows":
        centred = activations - activations.mean(axis=1, keepdims=True)
    else:
        centred = activations
    m = activations.shape[0]
    # the non-zero spectrum of the covariance equals that of the (smaller) Gram matrix
    if m < activations.shape[1]:
        eig = np.linalg.eigvalsh(centred @ centred.T / (m - 1))
    else:
        eig = np.linalg.eigvalsh(centred.T @ centred / (m - 1))
    eig = np.clip(eig, 0.0, None)
    total = eig.sum()
    p = eig[eig > 0] / total
    soft = float(np.exp(-np.sum(p * np.log(p))))
    hard = float(total * total / np.sum(eig * eig))
    return soft, hard


def schedule(args, step):
    """Learning-rate factor of step (0-based): constant, or warmup-stable-decay (1% linear warmup, the last 20%
    decaying linearly to 0, as the paper's training runs)."""
    if args.schedule == "constant":
        return 1.0
    warmup = max(1, round(0.01 * args.steps))
    warmdown = round(0.2 * args.steps)
    if step < warmup:
        return (step + 1) / warmup
    if step >= args.steps - warmdown:
        return (args.steps - step) / warmdown
    return 1.0


def run_cell(args, task, optimizer_name, width, seed):
    init_rng = np.random.default_rng([seed, 2, width])
    if args.init == "normal":
        w1 = init_rng.standard_normal((width, args.embed_dim)) / np.sqrt(args.embed_dim)
        w2 = init_rng.standard_normal((args.outputs, width)) / np.sqrt(width)
    elif args.init == "spectral":
        # std = 1/sqrt(fan_in) * min(1, sqrt(fan_out/fan_in)) (the spectral condition's init)
        w1 = init_rng.standard_normal((width, args.embed_dim)) / np.sqrt(args.embed_dim) * min(
            1.0, np.sqrt(width / args.embed_dim))
        w2 = init_rng.standard_normal((args.outputs, width)) / np.sqrt(width) * min(1.0, np.sqrt(args.outputs / width))
    else:
        w1 = init_rng.uniform(-1, 1, (width, args.embed_dim)) / np.sqrt(args.embed_dim)
        w2 = init_rng.uniform(-1, 1, (args.outputs, width)) / np.sqrt(width)
    w1, w2 = w1.astype(args.dtype), w2.astype(args.dtype)
    params = [w1, w2]
    optimizer = OPTIMIZERS[optimizer_name](args, [w1.shape, w2.shape])
    batch_rng = np.random.default_rng([seed, 3])
    loss = float("nan")
    base_lr = optimizer.lr
    for step in range(args.steps):
        optimizer.lr = base_lr * schedule(args, step)
        _, x = task.draw(batch_rng, args.batch)
        y = task.targets(x)
        loss, grads = loss_and_grads(w1, w2, x, y, args.loss == "mean")
        optimizer.step(params, grads)
    if args.save:
        np.savez(f"{args.save}/{optimizer_name}-D{width}-s{seed}.npz", w1=w1, w2=w2)
    eval_rng = np.random.default_rng([seed, 4])
    t, x = task.draw(eval_rng, args.eval)
    y = task.targets(x)
    x, w1 = x.astype(np.float64), w1.astype(np.float64)
    h = hidden(w1, x)
    eval_loss = float(np.mean((h @ w2.astype(np.float64).T - y) ** 2))
    bucket = buckets_of_tokens(task.probabilities)[t]
    tail = bucket == 2
    soft, hard = ranks(h[tail], args.covariance)
    pre_soft, pre_hard = ranks((x @ w1.T)[tail], args.covariance)
    return dict(soft=soft, hard=hard, pre_hard=pre_hard, loss=eval_loss, train_loss=loss, tail_count=int(tail.sum()))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--optimizers", default="adamw,muon,sgd")
    parser.add_argument("--widths", default="32,128,512")
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=1024)
    parser.add_argument("--eval", type=int, default=20000)
    parser.add_argument("--vocab", type=int, default=1024)
    parser.add_argument("--zipf", type=float, default=1.0)
    parser.add_argument("--embed-dim", type=int, default=128)
    parser.add_argument("--ctx", type=float, default=1.0)
    parser.add_argument("--outputs", type=int, default=64)
    parser.add_argument("--teacher-width", type=int, default=256)
    parser.add_argument("--teacher-a-scale", type=float, default=1.0, help="W_a ~ N(0, (scale^2)/d)")
    parser.add_argument("--teacher-b-scale", type=float, default=1.0, help="W_b ~ N(0, (scale^2)/h)")
    parser.add_argument("--lr-adamw", type=float, default=3e-3)
    parser.add_argument("--lr-muon", type=float, default=0.02)
    parser.add_argument("--lr-sgd", type=float, default=0.1)
    parser.add_argument("--weight-decay", type=float, default=0.01)
    parser.add_argument("--loss", choices=["mean", "sum-outputs"], default="mean",
                        help="mean over batch and outputs, or mean over batch of the sum over outputs")
    parser.add_argument("--schedule", choices=["constant", "wsd"], default="constant",
                        help="constant lr, or 1%% linear warmup and the last 20%% decaying linearly to 0")
    parser.add_argument("--wd-mode", choices=["decoupled", "unscaled", "coupled"], default="decoupled",
                        help="W <- W - lr*wd*W, W <- (1 - wd) W, or wd*W added to the gradient (L2)")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64",
                        help="training precision (the measurement is always float64)")
    parser.add_argument("--covariance", choices=["occurrences", "np-cov-rows", "uncentred"], default="occurrences",
                        help="see ranks()")
    parser.add_argument("--adam-beta2", type=float, default=0.95)
    parser.add_argument("--adam-eps", type=float, default=1e-8)
    parser.add_argument("--init", choices=["normal", "spectral", "torch"], default="normal",
                        help="N(0, 1/fan_in); that times min(1, sqrt(fan_out/fan_in)) (the paper's GPT); "
                             "or PyTorch Linear's U(-1/sqrt(fan_in), 1/sqrt(fan_in))")
    parser.add_argument("--save", default="", help="a folder to store each cell's trained W1, W2 in (npz)")
    parser.add_argument("--muon-scale", choices=["rows/cols", "cols/rows", "0.2rms"], default="rows/cols",
                        help="Muon's lr factor: sqrt(max(1, fan_out/fan_in)), sqrt(max(1, fan_in/fan_out)), "
                             "or 0.2 sqrt(max(fan_out, fan_in))")
    args = parser.parse_args()

    widths = [int(w) for w in args.widths.split(",")]
    seeds = [int(s) for s in args.seeds.split(",")]
    optimizers = args.optimizers.split(",")
    results = {}
    for seed in seeds:
        task = Task(args, seed)
        for name in optimizers:
            for width in widths:
                start = time.time()
                r = run_cell(args, task, name, width, seed)
                results[(name, width, seed)] = r
                print(f"{name:6s} D={width:4d} seed={seed}  TAIL hard {r['hard']:7.2f}  soft {r['soft']:7.2f}  "
                      f"pre_hard {r['pre_hard']:6.2f}  loss {r['loss']:.4f}  ({time.time() - start:.0f} s)",
                      flush=True)
    print()
    for name in optimizers:
        means = [np.mean([results[(name, w, s)]["hard"] for s in seeds]) for w in widths]
        xs = np.log([w for w in widths for _ in seeds])
        ys = np.log([results[(name, w, s)]["hard"] for w in widths for s in seeds])
        beta = np.polyfit(xs, ys, 1)[0]
        print(f"{name:6s} mean TAIL hard rank " + " ".join(f"{m:7.2f}" for m in means) + f"   beta {beta:.3f}")


if __name__ == "__main__":
    main()
