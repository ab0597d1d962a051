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
    public void Cells_keep_their_ids_and_losses(string sweep) =>
        AssertGolden(sweep, "golden-cells.csv", 40, optimizer => optimizer == "matrix-sign" ? RoundingAmplifyingTolerance : 1e-10);

    /// <summary>
    /// <c>golden-losses.csv</c>: every cell of the quickstart and the preset's sizes 64 to 512 at seed 0, as the
    /// standard-basis kernel computed them before its training paths were reworked for speed. Every optimizer to 1e-10,
    /// matrix-sign included (the rework leaves its arithmetic as it was).
    /// </summary>
    [Theory]
    [MemberData(nameof(Specs))]
    public void Cells_keep_the_losses_of_the_build_before_the_faster_kernel(string sweep) =>
        AssertGolden(sweep, "golden-losses.csv", 40, _ => 1e-10);

    private static void AssertGolden(string sweep, string file, int atLeast, Func<string, double> tolerance)
    {
        var golden = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Modules", file))
            .Select(line => line.Split(','))
            .Where(f => f[0] == sweep)
            .ToList();
        var spec = SpecParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "examples", sweep + ".yaml")).Spec!;
        var cells = spec.ExpandCells().ToDictionary(c => c.Id);
        var kernel = ExperimentRegistry.Get(spec.Experiment).CreateKernel(ExperimentHost.Default);

        Assert.True(golden.Count >= atLeast, $"only {golden.Count} golden cells for {sweep} in {file}");
        foreach (var row in golden)
        {
            Assert.True(cells.TryGetValue(row[1], out var cell), $"no cell {row[1]} ({string.Join(",", row[2..6])}) in {sweep}");
            Assert.Equal((row[2], double.Parse(row[3], CultureInfo.InvariantCulture), int.Parse(row[4], CultureInfo.InvariantCulture), int.Parse(row[5], CultureInfo.InvariantCulture)),
                (cell.Optimizer, cell.Spectrum, cell.Size, cell.Seed));
            var expected = double.Parse(row[6], CultureInfo.InvariantCulture);
            var loss = kernel.Run(cell, TestContext.Current.CancellationToken).Run.FinalLoss;
            Assert.True(Math.Abs(loss - expected) <= tolerance(cell.Optimizer) * Math.Abs(expected),
                $"{cell}: loss {loss:R}, before the change {expected:R}");
        }
    }
}
