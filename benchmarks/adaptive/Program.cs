using System.Diagnostics;
using System.Globalization;
using Orchestrator.AdaptiveBenchmark;

// Adaptive sweeps against the full grid, simulated in-process: a cluster of slots, units finishing after their cost,
// the policy asked for decisions with the outcomes finished so far, as the sweep asks its aggregator. Prints
// Markdown tables for benchmarks/README.md ("Adaptive sweeps").
ComparisonOptions options;
try
{
    options = ComparisonOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var clock = Stopwatch.StartNew();
if (options.Setting == "synthetic")
{
    SyntheticSetting.Run(options);
}
else
{
    RandomFeaturesSetting.Run(options);
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({clock.Elapsed.TotalSeconds:F0} s wall on {options.Threads} threads)"));
return 0;
