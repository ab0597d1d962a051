using System.Text.Json.Nodes;
using Orchestrator.Specs.Experiments;
using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Values;
using Orchestrator.Specs.Yaml;

namespace Orchestrator.Specs;

/// <summary>
/// A stored spec with values added to its grid axes (<c>orchestrator grow ID --seed 3,4</c>): the new values are
/// appended to their axes and the result goes through the full validation a spec file does. Values the axis has
/// already are left out and reported, so that asking for the same growth twice grows once.
/// </summary>
/// <param name="Spec">The grown spec; null when <see cref="Errors"/> is not empty.</param>
/// <param name="Errors">
/// What refuses the growth. An unknown axis or an unreadable value is reported at <c>grid.AXIS</c>; errors the grown
/// spec's validation finds keep their field paths.
/// </param>
/// <param name="AlreadyPresent">Values given that the axis had already, as <c>grid.AXIS: value</c>.</param>
public sealed record GridExtension(SweepSpec? Spec, IReadOnlyList<SpecError> Errors, IReadOnlyList<string> AlreadyPresent)
{
    /// <summary>
    /// Adds <paramref name="values"/> (axis name → value texts, in order) to <paramref name="spec"/>'s grid. An axis
    /// is one of the four core axes or a setting axis the spec sweeps.
    /// </summary>
    public static GridExtension Add(SweepSpec spec, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> values,
        SpecLimits limits)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(values);
        var module = ExperimentRegistry.Get(spec.Experiment);
        var axes = SpecGrowth.Axes(spec);
        var errors = new List<SpecError>();
        var present = new List<string>();
        var root = JsonNode.Parse(spec.CanonicalJson)!.AsObject();
        var grid = root[SpecBuilder.GridKey]!.AsObject();
        foreach (var (name, texts) in values)
        {
            var path = $"{SpecBuilder.GridKey}.{name}";
            var axis = axes.FirstOrDefault(a => a.Name == name);
            if (axis is null)
            {
                errors.Add(new SpecError(path,
                    $"the sweep has no axis '{name}'; its axes are {string.Join(", ", axes.Select(a => a.Name))}"));
                continue;
            }

            var read = Reader(module, name);
            var known = axis.Values.ToHashSet();
            foreach (var text in texts)
            {
                var outcome = read(text.Trim());
                if (outcome.Value is not { } value)
                {
                    errors.Add(new SpecError(path, outcome.Error!));
                }
                else if (!known.Add(value))
                {
                    present.Add($"{path}: {value}");
                }
                else
                {
                    grid[name]!.AsArray().Add(JsonValue.Create(value.ToString()));
                }
            }
        }

        if (errors.Count > 0)
        {
            return new GridExtension(null, errors, present);
        }

        var grown = SpecBuilder.Build(JsonTreeReader.Read(root.ToJsonString(), limits.MaxDepth), limits, errors);
        if (grown is not null && errors.Count == 0)
        {
            CellMemoryCheck.Check(grown, limits, errors);
        }

        return errors.Count == 0 ? new GridExtension(grown, [], present) : new GridExtension(null, errors, present);
    }

    private static Func<string, ScalarOutcome> Reader(IExperimentModule module, string axis) => axis switch
    {
        CoreAxes.OptimizerKey => CoreAxes.OptimizerOf(module),
        CoreAxes.SpectrumKey => CoreAxes.Spectrum,
        CoreAxes.SizeKey => CoreAxes.Size,
        CoreAxes.SeedKey => CoreAxes.Seed,
        _ => module.Settings.First(s => s.Name == axis).Read,
    };
}
