using System.Diagnostics;
using System.Globalization;
using Orchestrator.Specs;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// Runs every cell of the reduced optimizer-dependence grid once through the experiment module's kernel, as a silo
/// runs it, and keeps the loss and the measured seconds in a CSV file (appended problem by problem, so an interrupted
/// measurement resumes). Per problem (spectrum, size, seed): the first optimizer is run on a fresh problem (its
/// seconds include the build and the eigendecomposition) and again warm; the build's seconds are the difference; the
/// other optimizers run warm.
/// </summary>
internal static class RandomFeaturesCells
{
    public static IReadOnlyList<MeasuredCell> Load(string yaml, int pool, string path)
    {
        var parsed = SpecParser.Parse(yaml);
        var spec = parsed.Spec ?? throw new InvalidOperationException(string.Join("; ", parsed.Errors.Select(e => $"{e.Path}: {e.Message}")));
        string header = "# " + spec.Fingerprint;
        var cells = new List<MeasuredCell>();
        if (File.Exists(path))
        {
            var lines = File.ReadAllLines(path);
            if (lines.Length == 0 || lines[0] != header)
            {
                throw new InvalidOperationException($"{path} holds cells of another grid; remove it to measure again");
            }

            cells.AddRange(lines.Skip(2).Select(Parse));
        }
        else
        {
            File.WriteAllLines(path, [header, "optimizer,spectrum,size,seed,loss,diverged,warm_seconds,build_seconds"]);
        }

        var done = cells.Select(c => (c.Spectrum, c.Size, c.Seed)).ToHashSet();
        var kernel = ExperimentRegistry.Get(spec.Experiment).CreateKernel(ExperimentHost.Default);
        var problems = spec.ExpandCells()
            .GroupBy(c => (c.Spectrum, c.Size, c.Seed))
            .OrderBy(g => g.Key.Seed).ThenBy(g => g.Key.Size).ThenBy(g => g.Key.Spectrum)
            .Where(g => !done.Contains(g.Key))
            .ToList();
        var clock = Stopwatch.StartNew();
        int measured = 0;
        foreach (var problem in problems)
        {
            var ordered = problem.ToList();
            var cold = kernel.Run(ordered[0], CancellationToken.None).Run;
            var warm = kernel.Run(ordered[0], CancellationToken.None).Run;
            double build = Math.Max(0, cold.Seconds - warm.Seconds);
            var rows = new List<MeasuredCell> { Cell(ordered[0], warm, build) };
            rows.AddRange(ordered.Skip(1).Select(c => Cell(c, kernel.Run(c, CancellationToken.None).Run, build)));
            File.AppendAllLines(path, rows.Select(Format));
            cells.AddRange(rows);
            if (++measured % 50 == 0 || measured == problems.Count)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"measured {measured}/{problems.Count} problems in {clock.Elapsed.TotalSeconds:F0} s"));
            }
        }

        return cells;
    }

    private static MeasuredCell Cell(CellDefinition cell, Numerics.Training.RunResult run, double build) =>
        new(cell.Optimizer, cell.Spectrum, cell.Size, cell.Seed, run.FinalLoss, run.Diverged, run.Seconds, build);

    private static string Format(MeasuredCell c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Optimizer},{c.Spectrum:R},{c.Size},{c.Seed},{c.Loss:R},{(c.Diverged ? 1 : 0)},{c.WarmSeconds:R},{c.BuildSeconds:R}");

    private static MeasuredCell Parse(string line)
    {
        var f = line.Split(',');
        double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        int I(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
        return new MeasuredCell(f[0], D(1), I(2), I(3), D(4), f[5] == "1", D(6), D(7));
    }
}
