using System.Globalization;
using Orchestrator.Specs.Values;

namespace Orchestrator.Specs.Validation;

/// <summary>
/// Admission at validation: a spec whose largest cell is estimated to need more than
/// <see cref="SpecLimits.MaxCellBytes"/> is refused, with the cell's axis values and the estimate, before anything
/// is stored. Runs only on specs that are otherwise valid (it expands the grid).
/// </summary>
internal static class CellMemoryCheck
{
    public static void Check(SweepSpec spec, SpecLimits limits, List<SpecError> errors)
    {
        if (CellMemory.Largest(spec) is not { } largest || largest.Bytes <= limits.MaxCellBytes)
        {
            return;
        }

        errors.Add(new SpecError(SpecBuilder.GridKey,
            $"cell ({Describe(spec, largest.Cell)}) needs an estimated {ByteSize.Format(largest.Bytes)} " +
            $"({largest.Bytes.ToString(CultureInfo.InvariantCulture)} bytes); the per-cell memory limit is " +
            $"{ByteSize.Format(limits.MaxCellBytes)} (--max-cell-memory or ${SpecLimits.MaxCellMemoryVariable})"));
    }

    /// <summary>The values that define the cell on the spec's axes: the four core axes, then the setting axes.</summary>
    private static string Describe(SweepSpec spec, CellDefinition cell)
    {
        var values = new List<string>
        {
            $"{CoreAxes.OptimizerKey}={cell.Optimizer}",
            $"{CoreAxes.SpectrumKey}={SettingValue.FormatReal(cell.Spectrum)}",
            $"{CoreAxes.SizeKey}={cell.Size.ToString(CultureInfo.InvariantCulture)}",
            $"{CoreAxes.SeedKey}={cell.Seed.ToString(CultureInfo.InvariantCulture)}",
        };
        values.AddRange(spec.AxesOf(cell.Optimizer).Select(axis => $"{axis.Name}={cell.Settings[axis.Name]}"));
        return string.Join(", ", values);
    }
}
