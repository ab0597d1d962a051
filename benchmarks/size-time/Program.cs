using System.Diagnostics;
using System.Globalization;
using Orchestrator.Numerics.Fitting;
using Orchestrator.Specs.Experiments.Synthetic;

// Replicate coverage of the size × time law's 95% bootstrap intervals: each replicate is a sweep of the synthetic
// experiment's law L(N, τ) = (E + A·N^-α + B·τ^-β)·exp(σ·ε) (its own kernel code, a fresh optimizer label per
// replicate so that every replicate draws its own noise), fitted as the aggregator fits it. Prints how often the
// intervals cover the true α and β (and E, A, B), the median interval widths, and the CPU time per fit.
var options = CoverageOptions.Parse(args);
var law = new SyntheticLaw(Floor: 0.02, Amplitude: 2.5, Alpha: 0.3, TimeAmplitude: 1.0, Beta: 0.5, Sigma: options.Noise);
int[] sizes = [32, 64, 128, 256, 512, 1024, 2048, 4096];
var fitOptions = new FitOptions { BootstrapResamples = options.Resamples };

var fits = new SizeTimeFit?[options.Replicates];
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
Parallel.For(0, options.Replicates, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, r =>
{
    var optimizer = FormattableString.Invariant($"rep{r}");
    var cells = new List<Observation>();
    foreach (var size in sizes)
    {
        for (var seed = 0; seed < options.Seeds; seed++)
        {
            var curve = law.Curve(optimizer, 1.0, size, seed, options.Steps, learningRate: 1.0);
            cells.Add(new Observation(optimizer, 1.0, size, seed, curve[^1].Loss, false, null, curve, RunLearningRate: 1.0));
        }
    }

    fits[r] = ScalingLawAnalysis.FitSizeTime(optimizer, 1.0, cells, fitOptions);
});
var cpuPerFit = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / options.Replicates;

Console.WriteLine(FormattableString.Invariant(
    $"size × time coverage: {options.Replicates} replicates, sizes {sizes[0]}…{sizes[^1]} ({sizes.Length}), {options.Seeds} seeds, T = {options.Steps}, σ = {options.Noise}, {options.Resamples} resamples"));
Console.WriteLine(FormattableString.Invariant($"truth: alpha {law.Alpha}, beta {law.Beta}, E {law.Floor}, A {law.Amplitude}, B {law.TimeAmplitude}"));
Console.WriteLine("parameter  coverage  median width  median estimate  sd of estimates  width / (2·1.96·sd)");
Report("alpha", law.Alpha, f => (f.Alpha, f.AlphaCiLow, f.AlphaCiHigh));
Report("beta", law.Beta, f => (f.Beta, f.BetaCiLow, f.BetaCiHigh));
Report("E", law.Floor, f => (f.E, f.ECiLow, f.ECiHigh));
Report("A", law.Amplitude, f => (f.A, f.ACiLow, f.ACiHigh));
Report("B", law.TimeAmplitude, f => (f.B, f.BCiLow, f.BCiHigh));
Console.WriteLine(FormattableString.Invariant($"CPU time per fit: {cpuPerFit:F0} ms; wall time {wall.Elapsed.TotalSeconds:F1} s on {options.Threads} threads"));
return 0;

void Report(string name, double truth, Func<SizeTimeFit, (double? Estimate, double? Low, double? High)> pick)
{
    var rows = fits.OfType<SizeTimeFit>().Select(pick).ToList();
    var covered = rows.Count(r => r.Low <= truth && truth <= r.High);
    var widths = rows.Where(r => r.Low is not null && r.High is not null).Select(r => r.High!.Value - r.Low!.Value).Order().ToList();
    var estimates = rows.Where(r => r.Estimate is not null).Select(r => r.Estimate!.Value).Order().ToList();
    var mean = estimates.Average();
    var sd = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (estimates.Count - 1));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-9}  {(double)covered / options.Replicates,7:P1}  {Median(widths),12:G4}  {Median(estimates),15:G6}  {sd,15:G4}  {Median(widths) / (2 * 1.96 * sd),18:F2}"));
}

static double Median(List<double> sorted) =>
    sorted.Count == 0 ? double.NaN : (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
