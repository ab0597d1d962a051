namespace Orchestrator.Numerics.Training;

/// <summary>
/// The steps at which a loss curve is recorded: 0, then round(10^(j/8)) for j = 0, 1, … (about eight points per
/// decade, duplicates removed), then the last step T. Always contains 0 and T.
/// </summary>
public static class LossCurveSchedule
{
    public const int PointsPerDecade = 8;

    public static int[] Steps(int lastStep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastStep);
        var steps = new SortedSet<int> { 0, lastStep };
        for (var j = 0; ; j++)
        {
            var step = (int)Math.Round(Math.Pow(10.0, (double)j / PointsPerDecade));
            if (step >= lastStep)
            {
                break;
            }

            steps.Add(step);
        }

        return steps.ToArray();
    }
}
