using Orchestrator.Numerics.Fitting;
using Orchestrator.Numerics.Random;
using StreamKey = Orchestrator.Numerics.Random.SplitMix64;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

/// <summary>
/// At 3 seeds per size the bootstrap intervals must still cover the truth at close to the nominal 95%. The plain
/// percentile cluster bootstrap did not: drawing 3 of 3 seeds with replacement gives a spread √(2/3) of the right one,
/// and 3 seeds estimate it poorly. The design is the coverage benchmark's (benchmarks/README.md, "Interval
/// coverage") at a fraction of its replicates and resamples: sizes 32…4096, 3 seeds, 2% log-normal noise, replicate r
/// drawn from xoshiro256** streams keyed by r, so the data are fixed and the counts below are exact for this code.
/// </summary>
public sealed class SmallSampleCoverageTests(ITestOutputHelper output)
{
    private const int Replicates = 100, SeedsPerSize = 3;
    private const double Noise = 0.02, TrueE = 0.02, TrueA = 2.5, Alpha = 0.3, OtherAlpha = 0.45;
    private static readonly int[] Sizes = [32, 64, 128, 256, 512, 1024, 2048, 4096];
    private static readonly FitOptions Options = new() { BootstrapResamples = 300 };

    /// <summary>The plain percentile interval covered α in 90 of these 100 replicates; the rescaled, t-calibrated one in 95.</summary>
    [Fact]
    public void Saturating_alpha_interval_covers_the_truth_at_three_seeds()
    {
        int covered = 0;
        for (int r = 0; r < Replicates; r++)
        {
            var data = Series("gd", TrueE, Alpha, replicate: r);
            var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, Options).Single(f => f.Law == LawNames.Saturating);
            covered += fit.AlphaCiLow <= Alpha && Alpha <= fit.AlphaCiHigh ? 1 : 0;
        }

        output.WriteLine($"covered {covered} of {Replicates}");
        Assert.InRange(covered, 92, 99);
    }

    /// <summary>The paired shift interval on pure power-law data: the plain percentile interval covered 0.15 in 86 of 100, the new one in 97.</summary>
    [Fact]
    public void Power_law_shift_interval_covers_the_truth_at_three_seeds()
    {
        int covered = 0;
        for (int r = 0; r < Replicates; r++)
        {
            var byOptimizer = new Dictionary<string, IReadOnlyList<Observation>>
            {
                ["gd"] = Series("gd", 0, Alpha, replicate: r),
                ["natural-gradient"] = Series("natural-gradient", 0, OtherAlpha, replicate: r),
            };
            var shift = ScalingLawAnalysis.CompareAtSpectrum(1.0, byOptimizer, Options).Shifts.Single(s => s.Law == LawNames.Power);
            covered += shift.ShiftCiLow <= OtherAlpha - Alpha && OtherAlpha - Alpha <= shift.ShiftCiHigh ? 1 : 0;
        }

        output.WriteLine($"covered {covered} of {Replicates}");
        Assert.InRange(covered, 92, 99);
    }

    private static List<Observation> Series(string optimizer, double e, double alpha, int replicate)
    {
        var random = new Xoshiro256StarStar(StreamKey.Combine((ulong)replicate, optimizer == "gd" ? 1UL : 2UL));
        var observations = new List<Observation>();
        foreach (int size in Sizes)
        {
            for (int seed = 0; seed < SeedsPerSize; seed++)
            {
                double loss = (e + TrueA * Math.Pow(size, -alpha)) * Math.Exp(Noise * random.NextStandardNormal());
                observations.Add(new Observation(optimizer, 1.0, size, seed, loss, false));
            }
        }

        return observations;
    }
}
