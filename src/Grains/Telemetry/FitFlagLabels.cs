using System.Collections.Frozen;
using System.Reflection;
using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// The values the <c>flag</c> label takes: the constants of <see cref="FitFlags"/>, read from the class itself so that
/// a flag added to the fits is published without a change here. Any other string is left out, so that the label's set
/// of values stays bounded whatever a fit carries.
/// </summary>
internal static class FitFlagLabels
{
    public static IReadOnlySet<string> All { get; } = typeof(FitFlags)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The known flags among <paramref name="flags"/>, each once, in their order.</summary>
    public static IReadOnlyList<string> Known(IEnumerable<string> flags) => [.. flags.Where(All.Contains).Distinct(StringComparer.Ordinal)];
}
