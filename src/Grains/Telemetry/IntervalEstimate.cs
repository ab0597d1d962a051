namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// A fitted value with the bounds of its interval, published under the label <c>bound</c> as <c>estimate</c>,
/// <c>low</c> and <c>high</c>. A value that is not finite (NaN for a missing one) is not published, so a series whose
/// interval is not known yet shows its estimate alone.
/// </summary>
internal readonly record struct IntervalEstimate(double Estimate, double Low, double High)
{
    /// <summary>From a fit's nullable fields: a null value becomes NaN and is not published.</summary>
    public static IntervalEstimate Of(double? estimate, double? low, double? high) =>
        new(estimate ?? double.NaN, low ?? double.NaN, high ?? double.NaN);

    /// <summary>The finite values, with their <c>bound</c> label.</summary>
    public IEnumerable<(string Bound, double Value)> FiniteBounds()
    {
        if (double.IsFinite(Estimate))
        {
            yield return ("estimate", Estimate);
        }

        if (double.IsFinite(Low))
        {
            yield return ("low", Low);
        }

        if (double.IsFinite(High))
        {
            yield return ("high", High);
        }
    }
}
