using Orchestrator.Specs;

namespace Orchestrator.Grains.Tests.Infrastructure;

/// <summary>Small specs and helpers the grain tests share.</summary>
public static class TestSpecs
{
    public static SweepSpec Parse(string yaml)
    {
        var parsed = SpecParser.Parse(yaml);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        return parsed.Spec!;
    }

    /// <summary>
    /// Three <c>synthetic</c> cells (sizes 32, 64, 128) that each sleep <paramref name="duration"/> seconds: cells whose
    /// length a test chooses, at no CPU cost.
    /// </summary>
    public static SweepSpec Synthetic(string name, double duration = 0) => Parse($"""
        name: {name}
        experiment: synthetic
        grid:
          optimizer: [gd]
          spectrum: [1.0]
          size: [32, 64, 128]
          seed: [0]
        settings:
          alpha: 0.3
          duration: {duration.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        """);

    /// <summary>Two optimizers × one spectrum × three sizes × two seeds: 12 quick cells.</summary>
    public static SweepSpec Tiny(string name = "tiny", string sizes = "[16, 32, 64]", int steps = 50) => Parse($"""
        name: {name}
        experiment: random-features
        grid:
          optimizer: [gd, natural-gradient]
          spectrum: [1.0]
          size: {sizes}
          seed: [0, 1]
        settings:
          latent_dim: 256
          steps: {steps}
          lr: auto
          data: population
        fit:
          baseline: gd
          bootstrap: 200
        """);

    /// <summary>Twelve cells slow enough (tenths of a second each) to interrupt a sweep in the middle.</summary>
    public static SweepSpec Slow(string name = "slow") => Parse($"""
        name: {name}
        experiment: random-features
        grid:
          optimizer: [gd]
          spectrum: [1.0]
          size: [128, 256, 512, 1024]
          seed: [0, 1, 2]
        settings:
          latent_dim: 2048
          steps: 200
          lr: auto
        """);

    public static SweepSubmission Submission(SweepSpec spec, bool replace = false) =>
        new(spec.Name, spec.CanonicalJson, spec.Fingerprint, spec.CellCount, replace);

    public static async Task<SweepStatus> WaitAsync(ISweepGrain sweep, Func<SweepStatus, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var status = await sweep.GetStatusAsync();
            if (until(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting; last status {status}");
            }

            await Task.Delay(50);
        }
    }

    public static Task<SweepStatus> WaitFinishedAsync(ISweepGrain sweep) => WaitAsync(sweep, s => s.IsFinished);

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
