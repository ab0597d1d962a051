using Orchestrator.Numerics.Design;
using Orchestrator.Numerics.Random;

namespace Orchestrator.Numerics.Tests.Design;

/// <summary>
/// Candidate units of a small grid and a known law to run them on: L = N^(−α)·exp(σ·ε), ε standard normal from a
/// stream fixed by (salt, optimizer, size, seed), cost <see cref="SecondsPerSize"/>·N seconds per cell.
/// </summary>
internal static class DesignFixture
{
    public const double SecondsPerSize = 1e-3;

    public static readonly int[] Sizes = [64, 128, 256, 512, 1024, 2048, 4096];

    /// <summary>Units in the order a sweep numbers them: cells dispatched largest size first, then spectrum, seed and optimizer.</summary>
    public static List<DesignUnit> Units(string[] optimizers, int[] sizes, int seeds, int cellsPerUnit = 1, double spectrum = 1.0)
    {
        var units = new List<DesignUnit>();
        int cell = 0;
        foreach (int size in sizes.OrderDescending())
        {
            for (int seed = 0; seed < seeds; seed++)
            {
                foreach (string optimizer in optimizers)
                {
                    units.Add(new DesignUnit(units.Count, optimizer, spectrum, size, seed, Enumerable.Range(cell, cellsPerUnit).ToArray()));
                    cell += cellsPerUnit;
                }
            }
        }

        return units;
    }

    public static double Noise(ulong salt, string optimizer, int size, int seed)
    {
        ulong key = optimizer.Aggregate(salt, (h, c) => SplitMix64.Combine(h, c));
        var random = StreamSeeds.Create(key, (ulong)size, (ulong)seed);
        return random.NextStandardNormal();
    }

    /// <summary>Runs a unit on the law: every cell the same loss (the first cell's when <paramref name="diverging"/> says so: unusable).</summary>
    public static Func<DesignUnit, IReadOnlyList<DesignOutcome>> Runner(
        Func<string, double> alpha, double sigma, ulong salt, Func<DesignUnit, bool>? diverging = null) =>
        unit =>
        {
            double loss = Math.Pow(unit.Size, -alpha(unit.Optimizer)) * Math.Exp(sigma * Noise(salt, unit.Optimizer, unit.Size, unit.Seed));
            bool usable = diverging is null || !diverging(unit);
            return unit.CellIndices
                .Select(c => new DesignOutcome(c, usable ? loss : double.NaN, usable, SecondsPerSize * unit.Size))
                .ToList();
        };

    public static double AlphaOf(string optimizer) => optimizer switch
    {
        "gd" => 0.3,
        "adam" => 0.45,
        _ => 0.6,
    };

    /// <summary>A decision as text, for comparing two decisions bit for bit (doubles in round-trip form).</summary>
    public static string Describe(DesignDecision decision) =>
        string.Join("\n",
            decision.Choices.Select(c => $"{c.UnitId}|{c.Reason}|{c.Explanation}")
                .Append($"stop={decision.Stop}|spent={decision.SpentSeconds:R}|committed={decision.CommittedSeconds:R}")
                .Concat(decision.Series.Select(s => $"{s.Optimizer}|{s.Spectrum:R}|{s.Alpha:R}|{s.Width:R}|{s.UnitsFinished}|{s.UnitsRunning}|{s.MeetsTarget}")));
}
