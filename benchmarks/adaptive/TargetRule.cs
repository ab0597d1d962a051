namespace Orchestrator.AdaptiveBenchmark;

/// <summary>How a replicate's target is set from its full grid's α interval widths (one target for all series, as a spec has).</summary>
internal enum TargetRule
{
    /// <summary>The median of the series' full-grid widths.</summary>
    Median,

    /// <summary>The widest of them: every series reaches at least the full grid's worst width.</summary>
    Widest,

    /// <summary>The narrowest of them: every series reaches the full grid's best width.</summary>
    Narrowest,

    /// <summary>
    /// Each series its own full-grid width: every series is run as a sweep of its own (one series, its own target),
    /// and a replicate's spend is the sum of theirs. Where series differ widely in noise, one target cannot ask each
    /// for its full grid's width; this asks exactly that, at the price of no sharing between the series' sweeps.
    /// </summary>
    Own,
}
