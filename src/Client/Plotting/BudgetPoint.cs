namespace Orchestrator.Client.Plotting;

/// <summary>
/// A sweep after one more finished cell: the core-seconds spent so far, each series' α interval width (aligned with
/// <see cref="BudgetCurve.Series"/>; null while the series cannot be fitted) and the widest of them (null until every
/// series has one).
/// </summary>
public sealed record BudgetPoint(double CoreSeconds, IReadOnlyList<double?> Widths, double? Widest);
