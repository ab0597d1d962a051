namespace Orchestrator.Numerics.Fitting;

/// <summary>Maps non-finite numbers to null so that every result serialises to JSON.</summary>
internal static class Finite
{
    public static double? OrNull(double value) => double.IsFinite(value) ? value : null;

    public static double? OrNull(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
