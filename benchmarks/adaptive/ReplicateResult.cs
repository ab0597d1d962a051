namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// One replicate: the target it set from its full grid (each series' own full-grid width when
/// <paramref name="PerSeries"/>; <paramref name="Target"/> is then their median), and the three policies' runs.
/// </summary>
internal sealed record ReplicateResult(double Target, bool PerSeries, PolicyRun FullGrid, PolicyRun Adaptive, PolicyRun Random)
{
    public double TargetOf(SeriesKey key) =>
        PerSeries ? FullGrid.SeriesOf(key).Fit?.Width ?? double.PositiveInfinity : Target;
}
