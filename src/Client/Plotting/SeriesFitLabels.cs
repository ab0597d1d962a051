using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Client.Plotting;

/// <summary>How a figure writes a fit.</summary>
public static class SeriesFitLabels
{
    /// <summary>"α = 0.512 [0.498, 0.527]", or without the interval when the fit has none.</summary>
    public static string AlphaLabel(this SeriesFit fit) =>
        fit.AlphaCiLow is { } low && fit.AlphaCiHigh is { } high
            ? FormattableString.Invariant($"α = {fit.Alpha:0.000} [{low:0.000}, {high:0.000}]")
            : FormattableString.Invariant($"α = {fit.Alpha:0.000}");
}
