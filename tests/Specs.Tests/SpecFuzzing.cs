using CsCheck;

namespace Orchestrator.Specs.Tests;

/// <summary>What the fuzz tests share: the valid specs they start from, and the property every parse must hold.</summary>
internal static class SpecFuzzing
{
    /// <summary>Valid specs covering every section: examples (one adaptive), and the quickstart with lr, data and steps axes.</summary>
    public static readonly string[] Templates =
    [
        Quickstart.Yaml,
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "optimizer-dependence.yaml")),
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "paper-scale.yaml")),
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "adaptive-synthetic.yaml")),
        Quickstart.With("  lr: auto\n", "").Replace("  seed: [0, 1]", "  seed: [0, 1]\n  lr: [0.1, 0.01]\n  steps: [10, 20]")
            .Replace("  steps: 200\n", "") + "\nretries: 1\noptimizers:\n  gd: {momentum: 0.5}\n",
        Quickstart.With("  lr: auto\n", "").Replace("  seed: [0, 1]", "  seed: [0, 1]\n  lr: [0.1, 0.01]\n  data: [population, finite:64, online:8]")
            .Replace("  data: population\n", "") + "\nretries: 2\noptimizers:\n  gd: {momentum: 0.5, steps: 20}\n",
    ];

    /// <summary>
    /// A parse gives either a valid spec or at least one single-line error with a path and a message; a valid spec
    /// survives its canonical round trip, and its cells their JSON round trip.
    /// </summary>
    public static void AssertSpecOrErrors(SpecParseResult result)
    {
        Assert.Equal(result.Spec is not null, result.Errors.Count == 0);
        Assert.All(result.Errors, error =>
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Path));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.DoesNotContain('\n', error.ToString());
        });

        if (result.Spec is { } spec)
        {
            var back = SweepSpec.FromCanonicalJson(spec.CanonicalJson);
            Assert.Equal(spec.Fingerprint, back.Fingerprint);
            Assert.Empty(SpecComparison.Differences(spec, back));
            var cells = spec.ExpandCells().Take(20).ToList();
            Assert.All(cells, cell => Assert.Equal(cell.Id, CellDefinition.FromJson(cell.ToJson()).Id));
        }
    }

    /// <summary>How many of <paramref name="iter"/> generated specs are valid: guards a property against vacuity.</summary>
    public static int CountValid(Gen<string> specs, int iter)
    {
        var valid = 0;
        specs.Sample(text =>
        {
            if (SpecParser.Parse(text).IsValid)
            {
                Interlocked.Increment(ref valid);
            }
        }, iter: iter, threads: 1);
        return valid;
    }
}
