using Orchestrator.Numerics.Fitting;

namespace Orchestrator.Grains.Telemetry;

/// <summary>Everything published of one sweep's fits: one immutable snapshot, replaced as a whole at each refit.</summary>
internal sealed record SweepFitFigures(
    IReadOnlyList<SeriesFigures> Series, IReadOnlyList<RankFigures> Ranks, IReadOnlyList<CoefficientShiftFigures> Shifts)
{
    public static SweepFitFigures Of(SweepAnalysis analysis) => new(
        [.. analysis.Fits.Select(SeriesFigures.Of), .. analysis.SizeTimeFits.Select(SeriesFigures.Of)],
        [.. (analysis.RankFits ?? []).Select(RankFigures.Of)],
        [.. analysis.CoefficientShifts.Select(CoefficientShiftFigures.Of)]);

    /// <summary>Throws when a label is empty or a spectrum is not finite, before anything is published.</summary>
    public void Validate()
    {
        foreach (var series in Series)
        {
            series.Validate();
        }

        foreach (var rank in Ranks)
        {
            rank.Validate();
        }

        foreach (var shift in Shifts)
        {
            shift.Validate();
        }
    }
}
