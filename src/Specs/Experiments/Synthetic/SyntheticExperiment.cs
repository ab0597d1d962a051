using System.Globalization;
using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Values;
using static Orchestrator.Specs.Experiments.Synthetic.SyntheticSettingNames;

namespace Orchestrator.Specs.Experiments.Synthetic;

/// <summary>
/// The <c>synthetic</c> experiment: each cell's loss is the known law L(N, τ) = (E + A·N^-α + B·τ^-β)·exp(σ·ε) with
/// E, A, α, B, β and σ declared in the spec (per optimizer under <c>optimizers</c>, or per series as grid axes), after a
/// declared duration; with <c>steps</c> T > 1 it reports the loss curve at τ = η·t (<see cref="SyntheticLaw"/>). It is the instrument for orchestration at scale, for fault tests (its <c>fault</c> options, allowed only
/// on silos started with <c>--allow-fault-injection</c>) and for checking the fits against known truth. Optimizer
/// names are free labels.
/// </summary>
public sealed class SyntheticExperiment : IExperimentModule
{
    public const string ExperimentName = "synthetic";
    public const double MaxDuration = 86_400;
    public const double MaxDurationExponent = 4;
    public const int MaxFaultMebibytes = 1 << 20;
    public const int MaxSteps = 10_000_000;

    private static readonly IReadOnlyList<string> FaultNames =
        Enum.GetValues<SyntheticFault>().Select(f => f.ToString().ToLowerInvariant()).ToArray();

    public string Name => ExperimentName;

    public IReadOnlyList<string> OptimizerNames => [];

    public string DefaultBaseline => "gd";

    public IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new(Floor, ScalarReaders.Real(Interval.Closed(0, 1e12)), SettingValue.FromReal(0)),
        new(Amplitude, ScalarReaders.Real(Interval.OpenClosed(0, 1e12)), SettingValue.FromReal(1)),
        new(Alpha, ScalarReaders.Real(Interval.Closed(0, 10)), Default: null),
        new(Noise, ScalarReaders.Real(Interval.Closed(0, 10)), SettingValue.FromReal(0)),
        new(Duration, ScalarReaders.Real(Interval.Closed(0, MaxDuration)), SettingValue.FromReal(0)),
        // Came after release: at p = 0 every cell takes its duration, as before, and keeps its id.
        new(DurationExponent, ScalarReaders.Real(Interval.Closed(0, MaxDurationExponent)), SettingValue.FromReal(0)) { OmittedAtDefault = true },
        // The time term came after release: left out of the cell id at its defaults (B = 0, one step), where the loss
        // is the size law alone, bit for bit.
        new(TimeAmplitude, ScalarReaders.Real(Interval.Closed(0, 1e12)), SettingValue.FromReal(0)) { OmittedAtDefault = true },
        new(TimeExponent, ScalarReaders.Real(Interval.Closed(0, 10)), SettingValue.FromReal(0.5)) { OmittedAtDefault = true },
        new(Steps, ScalarReaders.Integer(1, MaxSteps), SettingValue.FromInteger(1)) { OmittedAtDefault = true },
        new(LearningRate, ScalarReaders.Real(Interval.OpenClosed(0, 1e6)), SettingValue.FromReal(1)) { OmittedAtDefault = true },
        // Fault settings are left out of the cell id at their defaults: a cell without a fault is the same cell
        // whether or not the spec spells out 'fault: none'.
        new(Fault, ScalarReaders.OneOf(FaultNames, "fault"), SettingValue.FromText("none")) { OmittedAtDefault = true },
        new(FaultSize, ScalarReaders.Integer(0, int.MaxValue), SettingValue.FromInteger(0)) { OmittedAtDefault = true },
        new(FaultSeed, ScalarReaders.Integer(-1, int.MaxValue), SettingValue.FromInteger(-1)) { OmittedAtDefault = true },
        new(FaultMebibytes, ScalarReaders.Integer(1, MaxFaultMebibytes), SettingValue.FromInteger(1024)) { OmittedAtDefault = true },
    ];

    public ScalarOutcome ReadOptimizer(string text) => OptimizerName.Label(text);

    /// <summary>The largest cells, those of the largest size, take at most <see cref="MaxDuration"/> seconds.</summary>
    public void Validate(SpecDraft draft, List<SpecError> errors)
    {
        if (draft.Sizes.Count == 0)
        {
            return;
        }

        var largest = draft.Sizes.Max(s => s.Value);
        var blamed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var optimizer in draft.Optimizers.Select(o => o.Value))
        foreach (var duration in draft.ValuesFor(optimizer, Duration))
        foreach (var exponent in draft.ValuesFor(optimizer, DurationExponent))
        {
            var seconds = DurationAt(duration.Value.AsDouble(), exponent.Value.AsDouble(), largest);
            if (seconds > MaxDuration && blamed.Add(duration.Path))
            {
                errors.Add(new SpecError(duration.Path, string.Create(CultureInfo.InvariantCulture,
                    $"with {DurationExponent} {exponent.Value} ({exponent.Path}), a cell of size {largest} would take " +
                    $"{duration.Value}·{largest}^{exponent.Value} = {seconds:G6} s; the limit is {MaxDuration} s")));
            }
        }
    }

    /// <summary>Seconds <paramref name="cell"/> takes: its duration times N^p, N its size and p its duration exponent.</summary>
    public static double DurationOf(CellDefinition cell) =>
        DurationAt(cell.Settings[Duration].AsDouble(), cell.Settings[DurationExponent].AsDouble(), cell.Size);

    // N^0 is exactly 1, so at p = 0 a cell takes its duration to the bit.
    private static double DurationAt(double duration, double exponent, int size) => duration * Math.Pow(size, exponent);

    public IReadOnlyList<SpecError> CheckHost(SweepSpec spec, ExperimentHost host)
    {
        if (host.AllowFaultInjection)
        {
            return [];
        }

        return spec.ValuesOf(Fault)
            .Where(v => v.Value.Text != "none")
            .Select(v => new SpecError(v.Path, RefusedFault))
            .ToList();
    }

    private const string RefusedFault =
        "fault injection is refused: no silo of this cluster was started with --allow-fault-injection";

    public IExperimentKernel CreateKernel(ExperimentHost host) => new SyntheticKernel(host.AllowFaultInjection);

    /// <summary>The fault <paramref name="cell"/> suffers: its <c>fault</c> when its size and seed are the targeted ones.</summary>
    public static SyntheticFault FaultAt(CellDefinition cell)
    {
        var s = cell.Settings;
        var fault = Enum.Parse<SyntheticFault>(s[Fault].Text, ignoreCase: true);
        var size = s[FaultSize].AsInt32();
        var seed = s[FaultSeed].AsInt32();
        return (size == 0 || size == cell.Size) && (seed == -1 || seed == cell.Seed) ? fault : SyntheticFault.None;
    }
}
