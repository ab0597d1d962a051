namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// A law refitted without the largest size, against that size, in log space: the observed mean log loss over its
/// seeds, the refit's prediction, and a prediction interval for the observed value (null ends when none could be
/// built).
/// </summary>
internal readonly record struct HoldoutCheck(int Size, double ObservedLog, double PredictedLog, double? LowLog, double? HighLog)
{
    /// <summary>
    /// The smallest half-width an interval is given, in log loss (a relative 1e-6 in the loss): the fits are solved to
    /// about this accuracy (the bootstrap's α polish stops at 1e-6), so noise-free data must not fall outside an
    /// interval of width zero by rounding.
    /// </summary>
    internal const double MinimumHalfWidth = 1e-6;

    public double LogError => ObservedLog - PredictedLog;

    /// <summary>Null without an interval.</summary>
    public bool? Inside => LowLog is { } low && HighLog is { } high ? low <= ObservedLog && ObservedLog <= high : null;

    public static HoldoutCheck WithoutInterval(SizeGroup heldOut, double predictedLog) =>
        new(heldOut.Size, heldOut.MeanLogLoss(), predictedLog, null, null);

    /// <summary>The interval [predicted − below, predicted + above], each half-width at least <see cref="MinimumHalfWidth"/>.</summary>
    public static HoldoutCheck WithInterval(SizeGroup heldOut, double predictedLog, double below, double above) =>
        new(heldOut.Size, heldOut.MeanLogLoss(), predictedLog,
            predictedLog - Math.Max(below, MinimumHalfWidth), predictedLog + Math.Max(above, MinimumHalfWidth));
}
