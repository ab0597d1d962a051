namespace Orchestrator.Numerics.Fitting;

/// <summary>A series collapsed to one weighted point per size: ln N, mean ln L and the seed count.</summary>
internal sealed record SizePoints(double[] LogSizes, double[] MeanLogLoss, double[] Weights)
{
    public static SizePoints Of(SeriesData series)
    {
        var groups = series.Groups;
        return new SizePoints(
            groups.Select(g => g.LogSize).ToArray(),
            groups.Select(g => g.MeanLogLoss()).ToArray(),
            groups.Select(g => (double)g.Count).ToArray());
    }
}
