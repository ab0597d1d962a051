using System.Globalization;

namespace Orchestrator.AdaptiveBenchmark;

/// <summary>The command line: which setting, and the comparison's sizes of things.</summary>
internal sealed record ComparisonOptions
{
    public required string Setting { get; init; }

    public int Replicates { get; init; }

    /// <summary>Seeds of the full grid, S.</summary>
    public int GridSeeds { get; init; } = 4;

    /// <summary>The most seeds an adaptive (series, size) may get.</summary>
    public int SeedCap { get; init; }

    /// <summary>Kernel slots of the simulated cluster.</summary>
    public int Slots { get; init; } = 4;

    public double Explore { get; init; } = 0.2;

    public TargetRule Target { get; init; } = TargetRule.Median;

    /// <summary>Threads the replicates run on (results do not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>random-features: seeds measured per (series, size), the pool replicates draw from.</summary>
    public int Pool { get; init; } = 64;

    /// <summary>random-features: the file the measured cells are kept in.</summary>
    public string Cache { get; init; } = "benchmarks/adaptive/random-features-cells.csv";

    public static ComparisonOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("synthetic" or "random-features"))
        {
            throw new ArgumentException("usage: synthetic|random-features [--replicates R] [--grid-seeds S] [--seed-cap C] [--slots K] [--explore F] [--target median|widest|narrowest] [--threads T] [--pool P] [--cache FILE]");
        }

        // Defaults per setting: the synthetic law is cheap, the random-features cells are measured once and shared.
        var options = args[0] == "synthetic"
            ? new ComparisonOptions { Setting = args[0], Replicates = 200, SeedCap = 64 }
            : new ComparisonOptions { Setting = args[0], Replicates = 20, SeedCap = 48 };
        for (int i = 1; i < args.Length; i += 2)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--replicates" => options with { Replicates = Int(value) },
                "--grid-seeds" => options with { GridSeeds = Int(value) },
                "--seed-cap" => options with { SeedCap = Int(value) },
                "--slots" => options with { Slots = Int(value) },
                "--explore" => options with { Explore = double.Parse(value, CultureInfo.InvariantCulture) },
                "--target" => options with { Target = Enum.Parse<TargetRule>(value, ignoreCase: true) },
                "--threads" => options with { Threads = Int(value) },
                "--pool" => options with { Pool = Int(value) },
                "--cache" => options with { Cache = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
