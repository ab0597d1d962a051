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

    /// <summary>
    /// A curve with at most as many points as the schedule of its last step: a curve recorded on the schedule (every
    /// kernel of the product), or a sparser one, comes back as it is; a denser one (a runner that reports every step)
    /// keeps, for each scheduled step, the point nearest to it in log(1 + step), in step order. This bounds what a
    /// cell's outcome carries at about eight points per decade, whatever a runner prints.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length or a step is negative.</exception>
    public static (int[] Steps, double[] Losses) Thin(int[] steps, double[] losses)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(losses);
        if (steps.Length != losses.Length)
        {
            throw new ArgumentException($"A curve has {steps.Length} steps and {losses.Length} losses.", nameof(losses));
        }

        if (steps.Length == 0)
        {
            return (steps, losses);
        }

        var order = Enumerable.Range(0, steps.Length).OrderBy(i => steps[i]).ToArray();
        var sorted = order.Select(i => steps[i]).ToArray();
        if (sorted[0] < 0)
        {
            throw new ArgumentException($"A curve has a negative step {sorted[0]}.", nameof(steps));
        }

        var schedule = Steps(sorted[^1]);
        if (steps.Length <= schedule.Length)
        {
            return (steps, losses);
        }

        var kept = new SortedSet<int>();
        foreach (var target in schedule)
        {
            // The first point at or after the target, or the one before it when that is nearer in log(1 + step).
            var at = Array.BinarySearch(sorted, target);
            var index = at >= 0 ? FirstOf(sorted, at) : Math.Min(~at, sorted.Length - 1);
            if (index > 0 && LogDistance(sorted[index - 1], target) < LogDistance(sorted[index], target))
            {
                index--;
            }

            kept.Add(index);
        }

        return (kept.Select(k => sorted[k]).ToArray(), kept.Select(k => losses[order[k]]).ToArray());
    }

    private static int FirstOf(int[] sorted, int index)
    {
        while (index > 0 && sorted[index - 1] == sorted[index])
        {
            index--;
        }

        return index;
    }

    private static double LogDistance(int step, int target) => Math.Abs(Math.Log(1.0 + step) - Math.Log(1.0 + target));
}
