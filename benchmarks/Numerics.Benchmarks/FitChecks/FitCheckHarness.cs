using System.Diagnostics;
using Orchestrator.Numerics.Benchmarks.Kernels;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Numerics.Benchmarks.FitChecks;

/// <summary>
/// Harness of the fits' extrapolation checks (holdout refit and α by largest size). Parts: <c>timing</c> (what the
/// checks add to a whole analysis of the 630-cell optimizer-dependence grid) and <c>coverage</c> (how often the held-out
/// point lies inside its prediction interval, and how often each flag fires, on synthetic series that follow a law).
/// </summary>
internal static class FitCheckHarness
{
    public static int Run(string[] args)
    {
        var options = new HarnessOptions(args[1..]);
        switch (args.Length > 0 ? args[0] : "")
        {
            case "timing":
                Timing(options);
                return 0;
            case "coverage":
                Coverage(options);
                return 0;
            default:
                Console.Error.WriteLine("usage: fit-checks timing [--repeats R] [--threads n] | coverage [--repeats R] [--resamples B]");
                return 2;
        }
    }

    /// <summary>
    /// 5 optimizers × 6 spectra × 7 sizes (64…4096) × 3 seeds, L = 0.01 + N^(−α) with 5% log-normal noise: the shape
    /// of examples/optimizer-dependence.yaml. Times the whole analysis (default options: 1000 resamples) and, apart,
    /// the checks alone on the same series; reports the median of each over the repeats, in process CPU time and wall
    /// time.
    /// </summary>
    private static void Timing(HarnessOptions options)
    {
        int repeats = options.Int("repeats", 5);
        var fitOptions = new FitOptions { MaxDegreeOfParallelism = options.Int("threads", 1) };
        var data = Grid();
        var series = SeriesData.Partition(data).Select(p => SeriesData.Build(p.Optimizer, p.Spectrum, p.Observations)).ToList();
        var fits = series.Select(s => SeriesFitter.Fit(s, fitOptions)).ToList();
        Console.WriteLine($"{data.Count} cells, {series.Count} series, {fitOptions.BootstrapResamples} resamples, {fitOptions.MaxDegreeOfParallelism} thread(s), " +
            $"load average {LoadAverage()}");

        ScalingLawAnalysis.Analyze(data, fitOptions);
        var analysis = Measure(repeats, () => ScalingLawAnalysis.Analyze(data, fitOptions));
        var seriesFits = Measure(repeats, () => series.ForEach(s => SeriesFitter.Fit(s, fitOptions)));
        var checks = Measure(repeats, () =>
        {
            for (int i = 0; i < series.Count; i++)
            {
                ExtrapolationChecks.AddToPower(fits[i][0], series[i], fitOptions);
                ExtrapolationChecks.AddToSaturating(fits[i][1], series[i], fitOptions);
            }
        });

        Console.WriteLine("| part | CPU s (median) | wall s (median) |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| whole analysis (Analyze, with the checks) | {analysis.Cpu:F2} | {analysis.Wall:F2} |");
        Console.WriteLine($"| series fits (SeriesFitter.Fit, with the checks) | {seriesFits.Cpu:F2} | {seriesFits.Wall:F2} |");
        Console.WriteLine($"| the checks alone | {checks.Cpu:F2} | {checks.Wall:F2} |");
        Console.WriteLine($"checks / analysis without them: +{100 * checks.Cpu / (analysis.Cpu - checks.Cpu):F0}% CPU; " +
            $"checks / series fits without them: +{100 * checks.Cpu / (seriesFits.Cpu - checks.Cpu):F0}% CPU; load average {LoadAverage()}");

        // The aggregator's unit of work (benchmarks/README.md, "Fitting"): one series of 10 sizes × 10 seeds.
        var one = SeriesData.Build("gd", 1.0, Series("gd", 1.0, 0.02, 1.5, 0.5, 0.1, 1, [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192], 10));
        var oneFits = SeriesFitter.Fit(one, fitOptions);
        // Batches of 20, as the process CPU clock ticks in milliseconds.
        const int batch = 20;
        var fit = Measure(repeats, () => Repeat(batch, () => SeriesFitter.Fit(one, fitOptions)));
        var oneChecks = Measure(repeats, () => Repeat(batch, () =>
        {
            ExtrapolationChecks.AddToPower(oneFits[0], one, fitOptions);
            ExtrapolationChecks.AddToSaturating(oneFits[1], one, fitOptions);
        }));
        Console.WriteLine($"one series 10 sizes x 10 seeds: FitSeries {1000 * fit.Cpu / batch:F1} ms CPU ({1000 * fit.Wall / batch:F1} ms wall), " +
            $"of which the checks {1000 * oneChecks.Cpu / batch:F1} ms CPU ({1000 * oneChecks.Wall / batch:F1} ms wall); " +
            $"medians of {repeats} batches of {batch}; load average {LoadAverage()}");
    }

    /// <summary>
    /// Per design, <c>--repeats</c> synthetic series per law, each from its own data seed: the fraction whose held-out
    /// point lies inside the interval, and the fraction flagged not-settled. The power law is run on pure power-law
    /// data and, as a misspecified case, on data with a floor; the saturating law on data with a floor.
    /// </summary>
    private static void Coverage(HarnessOptions options)
    {
        int repeats = options.Int("repeats", 500);
        var fitOptions = new FitOptions { BootstrapResamples = options.Int("resamples", 1000), MaxDegreeOfParallelism = options.Int("threads", 1) };
        Console.WriteLine($"{repeats} repeats per row, {fitOptions.BootstrapResamples} resamples, load average {LoadAverage()}");
        Console.WriteLine("| design | law | data | inside PI | does-not-extrapolate | not-settled |");
        Console.WriteLine("|---|---|---|---:|---:|---:|");
        var designs = new (string Name, int[] Sizes, int Seeds, double Noise)[]
        {
            ("7 sizes 64…4096 × 3 seeds, 10% noise", [64, 128, 256, 512, 1024, 2048, 4096], 3, 0.1),
            ("6 sizes 32…1024 × 5 seeds, 5% noise", [32, 64, 128, 256, 512, 1024], 5, 0.05),
            ("10 sizes 16…8192 × 10 seeds, 10% noise", [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192], 10, 0.1),
        };
        foreach (var design in designs)
        {
            foreach (var (law, floor, label) in new[] { (LawNames.Power, 0.0, "E = 0"), (LawNames.Power, 0.02, "E = 0.02"), (LawNames.Saturating, 0.02, "E = 0.02") })
            {
                int inside = 0, outside = 0, notSettled = 0;
                for (int repeat = 0; repeat < repeats; repeat++)
                {
                    var data = Series("gd", 1.0, floor, 1.5, 0.5, design.Noise, 100_000 + (ulong)repeat, design.Sizes, design.Seeds);
                    var fit = ScalingLawAnalysis.FitSeries("gd", 1.0, data, fitOptions).Single(f => f.Law == law);
                    inside += fit.HoldoutInside == true ? 1 : 0;
                    outside += fit.Flags.Contains(FitFlags.DoesNotExtrapolate) ? 1 : 0;
                    notSettled += fit.Flags.Contains(FitFlags.NotSettled) ? 1 : 0;
                }

                Console.WriteLine($"| {design.Name} | {law} | {label} | {Percent(inside, repeats)} | {Percent(outside, repeats)} | {Percent(notSettled, repeats)} |");
            }
        }
    }

    private static string Percent(int count, int total) => $"{100.0 * count / total:F1}%";

    private static List<Observation> Grid()
    {
        string[] optimizers = ["gd", "momentum", "adam", "matrix-sign", "natural-gradient"];
        double[] spectra = [0.5, 0.75, 1.0, 1.25, 1.5, 2.0];
        int[] sizes = [64, 128, 256, 512, 1024, 2048, 4096];
        var data = new List<Observation>();
        for (int o = 0; o < optimizers.Length; o++)
        {
            for (int s = 0; s < spectra.Length; s++)
            {
                double alpha = 0.1 + 0.05 * o + 0.1 * s;
                data.AddRange(Series(optimizers[o], spectra[s], 0.01, 1.0, alpha, 0.05, (ulong)(o * 10 + s + 1), sizes, 3));
            }
        }

        return data;
    }

    /// <summary>L = E + A·N^(−α) with multiplicative log-normal noise (Box–Muller on a SplitMix64 stream).</summary>
    private static List<Observation> Series(string optimizer, double spectrum, double e, double a, double alpha, double noise, ulong seed, int[] sizes, int seeds)
    {
        var rng = new SplitMix64(seed);
        double Uniform() => ((rng.NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));
        var data = new List<Observation>();
        foreach (int size in sizes)
        {
            for (int s = 0; s < seeds; s++)
            {
                double normal = Math.Sqrt(-2 * Math.Log(Uniform())) * Math.Cos(2 * Math.PI * Uniform());
                data.Add(new Observation(optimizer, spectrum, size, s, (e + a * Math.Pow(size, -alpha)) * Math.Exp(noise * normal), false));
            }
        }

        return data;
    }

    private static void Repeat(int times, Action action)
    {
        for (int i = 0; i < times; i++)
        {
            action();
        }
    }

    private static (double Cpu, double Wall) Measure(int repeats, Action action)
    {
        var cpu = new List<double>();
        var wall = new List<double>();
        var process = Process.GetCurrentProcess();
        for (int r = 0; r < repeats; r++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            action();
            wall.Add(stopwatch.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }

        return (Median(cpu), Median(wall));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
