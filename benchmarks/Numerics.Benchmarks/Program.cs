using BenchmarkDotNet.Running;
using Orchestrator.Numerics.Benchmarks.FitChecks;
using Orchestrator.Numerics.Benchmarks.Fitting;
using Orchestrator.Numerics.Benchmarks.Kernels;

// `kernels <part> [options]` runs the random-features timing harness (see benchmarks/README.md, "Kernels");
// `fit-checks <part> [options]` the fits' extrapolation-check harness ("Fitting"); `outliers [options]` the rates of
// the outlier-sensitive check ("Outlier check"); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "kernels")
{
    return KernelTimings.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "fit-checks")
{
    return FitCheckHarness.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "outliers")
{
    return OutlierCheckRates.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
