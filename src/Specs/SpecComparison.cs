using System.Globalization;
using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Values;

namespace Orchestrator.Specs;

/// <summary>
/// What changed between two specs, field by field, in the form <c>grid.size: [32, 64] -> [32, 64, 128]</c>. Used to
/// explain why a changed spec under an existing sweep name is refused.
/// </summary>
public static class SpecComparison
{
    private const string Absent = "(absent)";

    /// <summary>
    /// One line per field whose normalised value differs (defaults count as written), in canonical field order;
    /// empty exactly when the fingerprints are equal.
    /// </summary>
    public static IReadOnlyList<string> Differences(SweepSpec stored, SweepSpec submitted) =>
        FieldDifferences(stored, submitted).Select(d => d.Line).ToList();

    /// <summary>The fields whose value differs, as <see cref="Differences"/> lists them, with their field paths.</summary>
    internal static IReadOnlyList<(string Path, string Line)> FieldDifferences(SweepSpec stored, SweepSpec submitted)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(submitted);

        var before = Flatten(stored);
        var after = Flatten(submitted);
        var paths = before.Select(f => f.Path).Concat(after.Select(f => f.Path)).Distinct(StringComparer.Ordinal)
            .OrderBy(SectionRank).ThenBy(GridRank).ThenBy(p => p, StringComparer.Ordinal);
        var beforeByPath = before.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        var afterByPath = after.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);

        var differences = new List<(string Path, string Line)>();
        foreach (var path in paths)
        {
            var old = beforeByPath.GetValueOrDefault(path, Absent);
            var @new = afterByPath.GetValueOrDefault(path, Absent);
            if (old != @new)
            {
                differences.Add((path, $"{path}: {old} -> {@new}"));
            }
        }

        return differences;
    }

    private static List<(string Path, string Text)> Flatten(SweepSpec spec)
    {
        var fields = new List<(string Path, string Text)>
        {
            (SpecBuilder.NameKey, spec.Name),
            (SpecBuilder.ExperimentKey, spec.Experiment),
            (SpecBuilder.RetriesKey, spec.Retries.ToString(CultureInfo.InvariantCulture)),
            (SpecBuilder.CellTimeoutKey, ((long)spec.CellTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"),
            (Grid(CoreAxes.OptimizerKey), List(spec.Optimizers)),
            (Grid(CoreAxes.SpectrumKey), List(spec.Spectra.Select(SettingValue.FormatReal))),
            (Grid(CoreAxes.SizeKey), List(spec.Sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)))),
            (Grid(CoreAxes.SeedKey), List(spec.Seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)))),
        };
        fields.AddRange(spec.Axes.Select(a => (Grid(a.Name), List(a.Values.Select(v => v.ToString())))));
        fields.AddRange(spec.Settings.Select(s => ($"{SpecBuilder.SettingsKey}.{s.Key}", s.Value.ToString())));
        fields.AddRange(spec.OptimizerOverrides.SelectMany(o =>
            o.Value.Select(s => ($"{SpecBuilder.OptimizersKey}.{o.Key}.{s.Key}", s.Value.ToString()))));
        fields.AddRange(spec.OptimizerAxes.SelectMany(o =>
            o.Value.Select(a => ($"{SpecBuilder.OptimizersKey}.{o.Key}.{a.Name}", List(a.Values.Select(v => v.ToString()))))));
        fields.Add(($"{SpecBuilder.FitKey}.{SpecBuilder.BaselineKey}", spec.Fit.Baseline));
        fields.Add(($"{SpecBuilder.FitKey}.{SpecBuilder.BootstrapKey}",
            spec.Fit.Bootstrap.ToString(CultureInfo.InvariantCulture)));
        AddReal(fields, $"{SpecBuilder.FitKey}.{SpecBuilder.ExponentsKey}.{SpecBuilder.AlphaKey}", spec.Fit.FixedAlpha);
        AddReal(fields, $"{SpecBuilder.FitKey}.{SpecBuilder.ExponentsKey}.{SpecBuilder.BetaKey}", spec.Fit.FixedBeta);
        if (spec.Fit.HuberDelta is not null)
        {
            fields.Add(($"{SpecBuilder.FitKey}.{SpecBuilder.RobustKey}", FitSettings.Huber));
        }

        AddReal(fields, $"{SpecBuilder.FitKey}.{SpecBuilder.HuberDeltaKey}", spec.Fit.HuberDelta);
        if (spec.Adaptive is { } adaptive)
        {
            AddAdaptive(fields, adaptive);
        }

        return fields;
    }

    // The adaptive section as the canonical JSON has it: every setting, stop rules only when given.
    private static void AddAdaptive(List<(string Path, string Text)> fields, AdaptiveSettings adaptive)
    {
        static string Path(string key) => $"{SpecBuilder.AdaptiveKey}.{key}";
        var budget = Path(SpecBuilder.BudgetKey);
        fields.Add((Path(SpecBuilder.PolicyKey), adaptive.PolicyName));
        AddReal(fields, Path(SpecBuilder.TargetKey), adaptive.Target);
        AddReal(fields, $"{budget}.{SpecBuilder.CoreSecondsKey}", adaptive.BudgetSeconds);
        if (adaptive.BudgetCells is { } cells)
        {
            fields.Add(($"{budget}.{SpecBuilder.CellsKey}", cells.ToString(CultureInfo.InvariantCulture)));
        }

        fields.Add((Path(SpecBuilder.ExploreKey), SettingValue.FormatReal(adaptive.Explore)));
        fields.Add((Path(SpecBuilder.AdaptiveSeedKey), adaptive.Seed.ToString(CultureInfo.InvariantCulture)));
    }

    // Settings that are absent (a fit setting at its default, a stop rule not given) are left out, as in the canonical JSON.
    private static void AddReal(List<(string Path, string Text)> fields, string path, double? value)
    {
        if (value is { } v)
        {
            fields.Add((path, SettingValue.FormatReal(v)));
        }
    }

    // Canonical order: top-level sections as in the canonical JSON; core grid axes first, in expansion order.
    private static int SectionRank(string path)
    {
        string[] sections =
        [
            SpecBuilder.NameKey, SpecBuilder.ExperimentKey, SpecBuilder.RetriesKey, SpecBuilder.CellTimeoutKey, SpecBuilder.GridKey,
            SpecBuilder.SettingsKey, SpecBuilder.OptimizersKey, SpecBuilder.FitKey, SpecBuilder.AdaptiveKey,
        ];
        var dot = path.IndexOf('.');
        return Array.IndexOf(sections, dot < 0 ? path : path[..dot]);
    }

    private static int GridRank(string path)
    {
        var index = CoreAxes.Keys.Select(Grid).ToList().IndexOf(path);
        return index < 0 ? CoreAxes.Keys.Count : index;
    }

    private static string Grid(string key) => $"{SpecBuilder.GridKey}.{key}";

    private static string List(IEnumerable<string> values) => $"[{string.Join(", ", values)}]";
}
