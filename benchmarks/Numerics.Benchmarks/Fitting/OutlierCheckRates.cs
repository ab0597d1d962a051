using System.Diagnostics;
using System.Globalization;
using Orchestrator.Numerics.Benchmarks.Kernels;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Numerics.Benchmarks.Fitting;

/// <summary>
/// How often the <c>outlier-sensitive</c> flag fires (least-squares fits, the default), on clean series and on series
/// with one bad seed, and how far the least-squares and Huber exponents land from the truth; then the CPU time of one
/// series fit per objective. Series: L = (E + 2·N^(−0.4))·exp(0.03·ε) over N = 32…1024, each replicate from its own
/// SplitMix64 stream, so the figures are reproducible. Options: <c>--replicates n</c> (default 200),
/// <c>--resamples n</c> (bootstrap resamples per fit, default 200).
/// </summary>
internal static class OutlierCheckRates
{
    private static readonly int[] Sizes = [32, 64, 128, 256, 512, 1024];

    /// <summary>What is done to seed 0: nothing, or its loss ×10 at some sizes.</summary>
    private static readonly (string Name, Func<int, bool> Bad)[] Outliers =
    [
        ("clean", _ => false),
        ("one cell, largest N", j => j == Sizes.Length - 1),
        ("one cell, smallest N", j => j == 0),
        ("one cell, middle N", j => j == 3),
        ("one seed, 3 largest N", j => j >= 3),
    ];

    public static int Run(string[] args)
    {
        var options = new HarnessOptions(args);
        int replicates = options.Int("replicates", 200);
        int resamples = options.Int("resamples", 200);
        Console.WriteLine($"replicates {replicates}, bootstrap resamples {resamples}; flag rate = share of least-squares fits flagged");
        Console.WriteLine("| data | E | seeds | flagged (power) | flagged (saturating) | mean abs(α − 0.4), LS power | mean abs(α − 0.4), Huber power |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, bad) in Outliers)
        {
            foreach (double floor in new[] { 0.0, 0.01 })
            {
                foreach (int seeds in name == "clean" ? new[] { 4, 8 } : [4])
                {
                    Row(name, bad, floor, seeds, replicates, resamples);
                }
            }
        }

        Timing(resamples);
        return 0;
    }

    private static void Row(string name, Func<int, bool> bad, double floor, int seeds, int replicates, int resamples)
    {
        int power = 0, saturating = 0;
        double lsError = 0, huberError = 0;
        var fitOptions = new FitOptions { BootstrapResamples = resamples };
        for (int r = 0; r < replicates; r++)
        {
            var data = Series((ulong)r, floor, seeds, bad);
            var fits = ScalingLawAnalysis.FitSeries("gd", 1.0, data, fitOptions);
            var ls = fits.Single(f => f.Law == LawNames.Power);
            power += ls.Flags.Contains(FitFlags.OutlierSensitive) ? 1 : 0;
            saturating += fits.Single(f => f.Law == LawNames.Saturating).Flags.Contains(FitFlags.OutlierSensitive) ? 1 : 0;
            lsError += Math.Abs(ls.Alpha!.Value - 0.4);
            huberError += Math.Abs(ls.AlphaCheck!.Value - 0.4);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {floor} | {seeds} | {100.0 * power / replicates:0.0}% | {100.0 * saturating / replicates:0.0}% | {lsError / replicates:0.0000} | {huberError / replicates:0.0000} |"));
    }

    /// <summary>CPU time of one series fit (10 sizes × 10 seeds, 1000 resamples), as the fitting benchmark's series.</summary>
    private static void Timing(int resamples)
    {
        var sizes = new[] { 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192 };
        var data = new List<Observation>();
        var rng = new NormalStream(12345);
        foreach (int size in sizes)
        {
            for (int s = 0; s < 10; s++)
            {
                data.Add(new Observation("gd", 1.0, size, s, (0.02 + 1.5 * Math.Pow(size, -0.5)) * Math.Exp(0.1 * rng.Next()), false));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| objective | α | CPU ms per series fit (10 sizes × 10 seeds, 1000 resamples) |");
        Console.WriteLine("|---|---|---:|");
        foreach (var (objective, exponent, fit) in new[]
        {
            ("least squares", "fitted", new FitOptions()),
            ("Huber", "fitted", new FitOptions { HuberDelta = HuberLoss.DefaultDelta }),
            ("least squares", "fixed", new FitOptions { FixedAlpha = 0.5 }),
            ("Huber", "fixed", new FitOptions { FixedAlpha = 0.5, HuberDelta = HuberLoss.DefaultDelta }),
        })
        {
            ScalingLawAnalysis.FitSeries("gd", 1.0, data, fit);
            int repeats = fit.HuberDelta is not null && fit.FixedAlpha is null ? 3 : 20;
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < repeats; i++)
            {
                ScalingLawAnalysis.FitSeries("gd", 1.0, data, fit);
            }

            double ms = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / repeats;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {objective} | {exponent} | {ms:0.0} |"));
        }
    }

    private static List<Observation> Series(ulong replicate, double floor, int seeds, Func<int, bool> bad)
    {
        var rng = new NormalStream(replicate * 7919 + (ulong)seeds);
        var data = new List<Observation>();
        for (int j = 0; j < Sizes.Length; j++)
        {
            for (int s = 0; s < seeds; s++)
            {
                double loss = (floor + 2 * Math.Pow(Sizes[j], -0.4)) * Math.Exp(0.03 * rng.Next());
                data.Add(new Observation("gd", 1.0, Sizes[j], s, s == 0 && bad(j) ? 10 * loss : loss, false));
            }
        }

        return data;
    }
}
