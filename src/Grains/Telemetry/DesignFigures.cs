using static Orchestrator.Grains.Telemetry.MetricLabels;

namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// What is published of one adaptive sweep's design: its progress as last reported, checked, with its stop as a label
/// value (null while it goes on). Replaced whole by the next report.
/// </summary>
internal sealed record DesignFigures(DesignProgress Progress, string? StopLabel)
{
    /// <summary>Throws, before anything is published, when a label or a count is out of bounds.</summary>
    public static DesignFigures Of(DesignProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.CellsChosen < 0 || progress.Decisions < 0 || progress.Series.Any(s => s.UnitsFinished < 0 || s.UnitsQueued < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(progress), "Design counts cannot be negative.");
        }

        foreach (var series in progress.Series)
        {
            RequireLabel(series.Optimizer, nameof(series.Optimizer));
            RequireSpectrum(series.Spectrum);
        }

        if (progress.Series.DistinctBy(s => (s.Optimizer, s.Spectrum)).Count() != progress.Series.Count)
        {
            throw new ArgumentException("A series appears twice in the design's progress.", nameof(progress));
        }

        var stop = progress.Stop is null ? null
            : DesignLabels.Stop(progress.Stop) ?? throw new ArgumentOutOfRangeException(nameof(progress), progress.Stop, "Expected a DesignStop name.");
        return new DesignFigures(progress, stop);
    }

    public static KeyValuePair<string, object?>[] SeriesLabels(string sweep, SeriesDesignProgress series) =>
        [Label("sweep", sweep), Label("optimizer", series.Optimizer), Label("spectrum", FormatSpectrum(series.Spectrum))];
}
