#!/usr/bin/env python3
"""Compares the final losses of two cells.csv files of the same sweep (e.g. before and after a kernel change).

usage: compare_cells.py BEFORE.csv AFTER.csv [--tolerance 1e-10]
prints, per optimizer, the cells compared and the largest relative difference, then every cell beyond the tolerance.
Exit code 1 when a cell is missing from either file or not succeeded in both.
"""
import argparse
import csv
import sys


def load(path):
    with open(path, newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--tolerance", type=float, default=1e-10)
    args = parser.parse_args()
    before, after = load(args.before), load(args.after)
    if before.keys() != after.keys():
        print(f"cell ids differ: {len(before.keys() - after.keys())} only before, {len(after.keys() - before.keys())} only after")
        return 1
    worst, beyond = {}, []
    for cell_id, old in before.items():
        new = after[cell_id]
        if old["status"] != "succeeded" or new["status"] != "succeeded":
            print(f"{cell_id}: status {old['status']} -> {new['status']}")
            return 1
        a, b = float(old["final_loss"]), float(new["final_loss"])
        relative = abs(b - a) / abs(a) if a != 0 else abs(b)
        name = old["optimizer"]
        count, largest = worst.get(name, (0, 0.0))
        worst[name] = (count + 1, max(largest, relative))
        if relative > args.tolerance:
            beyond.append((relative, name, old["spectrum"], old["size"], old["seed"], a, b))
    print("optimizer\tcells\tmax_rel_diff")
    for name, (count, largest) in worst.items():
        print(f"{name}\t{count}\t{largest:.2e}")
    print(f"{len(beyond)} of {len(before)} cells beyond {args.tolerance:g}")
    for relative, name, spectrum, size, seed, a, b in sorted(beyond, reverse=True):
        print(f"  {name} s={spectrum} N={size} seed={seed}: {a!r} -> {b!r} ({relative:.2e})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
