using System.Globalization;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.Specs.Tests.Modules;

/// <summary>
/// Cells of the quickstart and of <c>examples/optimizer-dependence.yaml</c> (its sizes 64 and 128 at seed 0) keep
/// the ids and final losses they had before the experiments became modules: <c>golden-cells.csv</c> was written by
/// the earlier build (native OpenBLAS on its Haswell kernels, as NativeBlas loads it). Ids must match exactly, losses to 1e-10 relative
/// (matrix-sign: see <see cref="RoundingAmplifyingTolerance"/>).
/// </summary>
public sealed class GoldenCellTests
{
    /// <summary>
    /// matrix-sign with one output is normalised gradient descent; once its fixed step exceeds the distance to the
    /// minimum it bounces, and the bounces amplify rounding (README, "Determinism"): its N = 128 cells moved by up to
    /// 3e-6 when they left H's eigenbasis for the standard one, where the other optimizers moved by under 1e-12.
    /// </summary>
    private const double RoundingAmplifyingTolerance = 1e-5;

    public static TheoryData<string> Specs => new() { "quickstart", "optimizer-dependence" };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Cells_keep_their_ids_and_losses(string sweep)
    {
        var golden = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Modules", "golden-cells.csv"))
            .Select(line => line.Split(','))
            .Where(f => f[0] == sweep)
            .ToList();
        var spec = SpecParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "examples", sweep + ".yaml")).Spec!;
        var cells = spec.ExpandCells().ToDictionary(c => c.Id);
        var kernel = ExperimentRegistry.Get(spec.Experiment).CreateKernel(ExperimentHost.Default);

        Assert.True(golden.Count >= 40, $"only {golden.Count} golden cells for {sweep}");
        foreach (var row in golden)
        {
            Assert.True(cells.TryGetValue(row[1], out var cell), $"no cell {row[1]} ({string.Join(",", row[2..6])}) in {sweep}");
            Assert.Equal((row[2], double.Parse(row[3], CultureInfo.InvariantCulture), int.Parse(row[4], CultureInfo.InvariantCulture), int.Parse(row[5], CultureInfo.InvariantCulture)),
                (cell.Optimizer, cell.Spectrum, cell.Size, cell.Seed));
            var expected = double.Parse(row[6], CultureInfo.InvariantCulture);
            var loss = kernel.Run(cell, TestContext.Current.CancellationToken).Run.FinalLoss;
            var tolerance = cell.Optimizer == "matrix-sign" ? RoundingAmplifyingTolerance : 1e-10;
            Assert.True(Math.Abs(loss - expected) <= tolerance * Math.Abs(expected),
                $"{cell}: loss {loss:R}, before the change {expected:R}");
        }
    }
}
