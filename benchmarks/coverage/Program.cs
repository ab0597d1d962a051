using System.Diagnostics;
using System.Globalization;
using Orchestrator.FitCoverage;

// Coverage and median width of candidate 95% intervals on synthetic data with a known law (benchmarks/README.md,
// "Interval coverage"). Usage: [--replicates 200] [--seeds 3,5,10] [--resamples 1000] [--threads N].
// Results do not depend on --threads: every replicate has its own generator streams and its own slot.
int replicates = 200, resamples = 1000, threads = Environment.ProcessorCount;
int[] seedCounts = [3, 5, 10];
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--replicates": replicates = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--resamples": resamples = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--threads": threads = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--seeds": seedCounts = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; usage: [--replicates 200] [--seeds 3,5,10] [--resamples 1000] [--threads N]");
            return 2;
    }
}

Console.WriteLine(FormattableString.Invariant(
    $"sizes {string.Join(",", CoverageDesign.Sizes)}, noise {CoverageDesign.Noise}, level {CoverageDesign.Level}, {replicates} replicates, {resamples} resamples, seeds per size {string.Join(",", seedCounts)}"));
var tallies = new Dictionary<(string Quantity, string Candidate, int Seeds), CoverageTally>();
var quantities = new List<string>();
var clock = Stopwatch.StartNew();
foreach (int seeds in seedCounts)
{
    var runner = new ReplicateRunner(seeds, resamples);
    var outcomes = new (QuantitySamples Quantity, Interval[] Intervals)[replicates][];
    Parallel.For(0, replicates, new ParallelOptions { MaxDegreeOfParallelism = threads }, r => outcomes[r] = runner.Run(r).ToArray());
    foreach (var replicate in outcomes)
    {
        foreach (var (quantity, intervals) in replicate)
        {
            if (!quantities.Contains(quantity.Name))
            {
                quantities.Add(quantity.Name);
            }

            for (int c = 0; c < intervals.Length; c++)
            {
                var key = (quantity.Name, Candidates.Names[c], seeds);
                if (!tallies.TryGetValue(key, out var tally))
                {
                    tallies[key] = tally = new CoverageTally();
                }

                tally.Add(intervals[c], quantity.Truth);
            }
        }
    }

    Console.Error.WriteLine(FormattableString.Invariant($"{seeds} seeds per size done at {clock.Elapsed.TotalSeconds:F0} s"));
}

foreach (var quantity in quantities)
{
    Console.WriteLine();
    Console.WriteLine($"### {quantity}: coverage · median width");
    Console.WriteLine();
    Console.WriteLine("| interval | " + string.Join(" | ", seedCounts.Select(s => $"{s} seeds")) + " |");
    Console.WriteLine("|---|" + string.Concat(seedCounts.Select(_ => "---|")));
    foreach (var candidate in Candidates.Names)
    {
        var cells = seedCounts.Select(s => tallies[(quantity, candidate, s)]).ToArray();
        if (cells.All(c => c.Replicates == c.Undefined))
        {
            continue;
        }

        Console.WriteLine($"| {candidate} | " + string.Join(" | ", cells.Select(c => c.Cell())) + " |");
    }

    Console.WriteLine("| replicates | " + string.Join(" | ", seedCounts.Select(s => tallies[(quantity, Candidates.Names[^1], s)].Replicates)) + " |");
}

Console.WriteLine();
Console.WriteLine(FormattableString.Invariant($"elapsed {clock.Elapsed.TotalSeconds:F0} s on {threads} thread(s)"));
return 0;
