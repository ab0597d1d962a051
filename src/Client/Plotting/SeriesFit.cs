using System.Text.Json.Nodes;

namespace Orchestrator.Client.Plotting;

/// <summary>
/// One fitted law of one series (an optimizer at a spectrum): <c>L = E + A·N^-alpha</c> (<c>saturating</c>) or
/// <c>L = A·N^-alpha</c> (<c>power</c>, E = 0), with the bootstrap interval of alpha when there is one.
/// </summary>
public sealed record SeriesFit(string Optimizer, double Spectrum, string Law, double Alpha, double? AlphaLow, double? AlphaHigh, double E, double? A)
{
    /// <summary>A fit from the results contract; null when it has no finite alpha.</summary>
    public static SeriesFit? FromJson(JsonObject fit)
    {
        if (FigureData.Number(fit["alpha"]) is not { } alpha || FigureData.Number(fit["spectrum"]) is not { } spectrum)
        {
            return null;
        }

        return new SeriesFit(
            FigureData.Text(fit["optimizer"]),
            spectrum,
            FigureData.Text(fit["law"]),
            alpha,
            FigureData.Number(fit["alpha_ci_low"]),
            FigureData.Number(fit["alpha_ci_high"]),
            FigureData.Number(fit["E"]) ?? 0,
            FigureData.Number(fit["A"]));
    }

    /// <summary>The fitted loss at size <paramref name="n"/>; null without an amplitude.</summary>
    public double? LossAt(double n) => A is { } a ? E + a * Math.Pow(n, -Alpha) : null;

    /// <summary>"α = 0.512 [0.498, 0.527]", or without the interval when the fit has none.</summary>
    public string AlphaLabel() =>
        AlphaLow is { } low && AlphaHigh is { } high
            ? FormattableString.Invariant($"α = {Alpha:0.000} [{low:0.000}, {high:0.000}]")
            : FormattableString.Invariant($"α = {Alpha:0.000}");
}
