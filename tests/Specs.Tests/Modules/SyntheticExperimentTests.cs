using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Training;
using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Experiments.Synthetic;

namespace Orchestrator.Specs.Tests.Modules;

/// <summary>The <c>synthetic</c> module: its law, its determinism, its fault options and what the fits recover.</summary>
public sealed class SyntheticExperimentTests
{
    private const string Yaml = """
        name: synthetic-test
        experiment: synthetic
        grid:
          optimizer: [gd, natural-gradient]
          spectrum: [1.0]
          size: [32, 64, 128, 256, 512, 1024]
          seed: [0, 1, 2, 3, 4]
        settings:
          E: 0.0
          A: 2.0
          alpha: 0.12
          sigma: 0.02
        optimizers:
          natural-gradient:
            alpha: 0.31
        """;

    private static SweepSpec Parse(string yaml)
    {
        var result = SpecParser.Parse(yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Spec!;
    }

    private static KernelOutput Run(CellDefinition cell, ExperimentHost? host = null) =>
        RunUntil(cell, host, TestContext.Current.CancellationToken);

    private static KernelOutput RunUntil(CellDefinition cell, ExperimentHost? host, CancellationToken token) =>
        ExperimentRegistry.Get(cell.Experiment).CreateKernel(host ?? ExperimentHost.Default).Run(cell, token);

    [Fact]
    public void Without_noise_the_loss_is_the_law()
    {
        var spec = Parse(Yaml.Replace("sigma: 0.02", "sigma: 0").Replace("E: 0.0", "E: 0.5"));
        foreach (var cell in spec.ExpandCells())
        {
            var alpha = cell.Optimizer == "gd" ? 0.12 : 0.31;
            Assert.Equal(0.5 + 2.0 * Math.Pow(cell.Size, -alpha), Run(cell).Run.FinalLoss);
        }
    }

    [Fact]
    public void At_the_time_terms_defaults_the_cell_reports_the_size_law_at_one_step()
    {
        foreach (var cell in Parse(Yaml).ExpandCells())
        {
            var alpha = cell.Optimizer == "gd" ? 0.12 : 0.31;
            var run = Run(cell).Run;
            var epsilon = SyntheticLaw.Noise(cell.Optimizer, cell.Spectrum, cell.Size, cell.Seed);

            Assert.Equal((0.0 + 2.0 * Math.Pow(cell.Size, -alpha)) * Math.Exp(0.02 * epsilon), run.FinalLoss);
            Assert.Equal([new LossPoint(1, run.FinalLoss)], run.Curve);
            Assert.Equal(1.0, run.LearningRate);
        }
    }

    [Fact]
    public void With_steps_the_cell_reports_its_curve_in_dynamical_time()
    {
        var spec = Parse(Yaml.Replace("sigma: 0.02", "sigma: 0\n  B: 1.5\n  beta: 0.4\n  steps: 1000\n  lr: 0.1").Replace("E: 0.0", "E: 0.02"));
        foreach (var cell in spec.ExpandCells())
        {
            var alpha = cell.Optimizer == "gd" ? 0.12 : 0.31;
            var run = Run(cell).Run;

            Assert.Equal(LossCurveSchedule.Steps(1000).Where(t => t >= 1), run.Curve.Select(p => p.Step));
            Assert.All(run.Curve, p => Assert.Equal(0.02 + 2.0 * Math.Pow(cell.Size, -alpha) + 1.5 * Math.Pow(0.1 * p.Step, -0.4), p.Loss));
            Assert.Equal(run.Curve[^1].Loss, run.FinalLoss);
            Assert.Equal(0.1, run.LearningRate);
        }
    }

    [Fact]
    public void The_last_point_keeps_the_cells_noise_and_earlier_points_draw_their_own()
    {
        var oneStep = Parse(Yaml).ExpandCells().ToList();
        var curves = Parse(Yaml.Replace("sigma: 0.02", "sigma: 0.02\n  steps: 1000")).ExpandCells().ToList();
        foreach (var (single, curved) in oneStep.Zip(curves))
        {
            var curve = Run(curved).Run.Curve;
            var mean = 2.0 * Math.Pow(single.Size, single.Optimizer == "gd" ? -0.12 : -0.31);

            // Without a time term the final loss is the one-step cell's, bit for bit.
            Assert.Equal(Run(single).Run.FinalLoss, curve[^1].Loss);
            Assert.Equal(curve, Run(curved).Run.Curve);
            Assert.All(curve.SkipLast(1), p => Assert.Equal(
                mean * Math.Exp(0.02 * SyntheticLaw.Noise(curved.Optimizer, curved.Spectrum, curved.Size, curved.Seed, p.Step)), p.Loss));
            Assert.Equal(curve.Count, curve.Select(p => p.Loss).Distinct().Count());
        }
    }

    [Fact]
    public void The_noise_depends_on_the_cell_alone()
    {
        var cells = Parse(Yaml).ExpandCells().ToList();
        var first = cells.Select(c => Run(c).Run.FinalLoss).ToList();
        var reversed = Enumerable.Reverse(cells).Select(c => Run(c).Run.FinalLoss).Reverse().ToList();
        var slower = Parse(Yaml.Replace("sigma: 0.02", "sigma: 0.02\n  duration: 0.001")).ExpandCells()
            .Select(c => Run(c).Run.FinalLoss).ToList();

        Assert.Equal(first, reversed);
        Assert.Equal(first, slower);
        // Noise there is: the seeds of one size differ.
        Assert.Equal(5, cells.Zip(first).Where(p => p.First.Size == 32 && p.First.Optimizer == "gd").Select(p => p.Second).Distinct().Count());
    }

    [Fact]
    public void The_fits_recover_the_declared_exponents()
    {
        var spec = Parse(Yaml);
        var module = ExperimentRegistry.Get(spec.Experiment);
        var analysis = module.CreateAnalysis(module.FitOptions(spec));
        foreach (var cell in spec.ExpandCells())
        {
            var loss = Run(cell).Run.FinalLoss;
            analysis.Add(new FinishedCell(cell.Optimizer, cell.Spectrum, cell.Size, cell.Seed, null, loss, false, new Dictionary<string, double>()));
        }

        var fits = analysis.Refit(cancellationToken: TestContext.Current.CancellationToken).Fits.Where(f => f.Law == LawNames.Power).ToDictionary(f => f.Optimizer);
        foreach (var (optimizer, alpha) in new[] { ("gd", 0.12), ("natural-gradient", 0.31) })
        {
            var fit = fits[optimizer];
            Assert.InRange(alpha, fit.AlphaCiLow!.Value, fit.AlphaCiHigh!.Value);
            Assert.InRange(fit.Alpha!.Value, alpha - 0.02, alpha + 0.02);
        }
    }

    [Fact]
    public void Optimizer_names_are_free_labels_but_must_be_labels()
    {
        Assert.True(SpecParser.Parse(Yaml.Replace("[gd, natural-gradient]", "[gd, my-optimizer.v2, natural-gradient]")).IsValid);

        var bad = SpecParser.Parse(Yaml.Replace("[gd, natural-gradient]", "[gd, \"Has Space\", natural-gradient]"));
        Assert.Contains(bad.Errors, e => e.Path == "grid.optimizer[1]" && e.Message.Contains("optimizer label", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("settings:\n  fault: crash\n", "settings.fault")]
    [InlineData("grid:\n  fault: [none, hang]\n", "grid.fault[1]")]
    [InlineData("optimizers:\n  gd:\n    fault: allocate\n", "optimizers.gd.fault")]
    public void Fault_options_are_refused_by_a_host_without_fault_injection(string fragment, string path)
    {
        var spec = Parse(WithFragment(fragment));
        var module = ExperimentRegistry.Get(spec.Experiment);

        var refused = module.CheckHost(spec, ExperimentHost.Default);
        Assert.Equal(path, Assert.Single(refused).Path);
        Assert.Contains("--allow-fault-injection", refused[0].Message);
        Assert.Empty(module.CheckHost(spec, new ExperimentHost { AllowFaultInjection = true }));
        Assert.Empty(module.CheckHost(Parse(Yaml), ExperimentHost.Default));
    }

    [Fact]
    public void A_faulty_cell_that_reaches_a_host_without_fault_injection_fails_with_the_reason()
    {
        var cell = Parse(WithFragment("settings:\n  fault: hang\n")).ExpandCells().First();

        var error = Assert.Throws<InvalidOperationException>(() => Run(cell));
        Assert.Contains("--allow-fault-injection", error.Message);
    }

    [Fact]
    public void A_hanging_cell_ends_when_cancelled()
    {
        var cell = Parse(WithFragment("settings:\n  fault: hang\n  fault_size: 32\n  fault_seed: 0\n")).ExpandCells()
            .First(c => c.Size == 32 && c.Seed == 0);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(
            () => RunUntil(cell, new ExperimentHost { AllowFaultInjection = true }, cancellation.Token));
    }

    [Fact]
    public void A_fault_strikes_only_its_size_and_seed()
    {
        var spec = Parse(WithFragment("settings:\n  fault: crash\n  fault_size: 64\n  fault_seed: 3\n"));

        var struck = spec.ExpandCells().Where(c => SyntheticExperiment.FaultAt(c) == SyntheticFault.Crash).ToList();
        Assert.Equal(2, struck.Count);
        Assert.All(struck, c => Assert.Equal((64, 3), (c.Size, c.Seed)));
    }

    /// <summary>The test spec with a fragment's settings, grid axis or optimizer override merged in.</summary>
    private static string WithFragment(string fragment)
    {
        var lines = fragment.TrimEnd('\n').Split('\n');
        var section = lines[0];
        var body = string.Join("\n", lines.Skip(1));
        return section switch
        {
            "settings:" => Yaml.Replace("  sigma: 0.02", "  sigma: 0.02\n" + body),
            "grid:" => Yaml.Replace("  seed: [0, 1, 2, 3, 4]", "  seed: [0, 1, 2, 3, 4]\n" + body),
            _ => Yaml.Replace("optimizers:\n", "optimizers:\n" + body + "\n"),
        };
    }
}
