using Orchestrator.Numerics.Training;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

public sealed class LossCurveScheduleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(15)]
    [InlineData(1000)]
    [InlineData(123457)]
    public void StepsStartAtZeroEndAtTheLastStepAndIncrease(int last)
    {
        var steps = LossCurveSchedule.Steps(last);
        Assert.Equal(0, steps[0]);
        Assert.Equal(last, steps[^1]);
        for (var i = 1; i < steps.Length; i++)
        {
            Assert.True(steps[i] > steps[i - 1]);
        }
    }

    [Fact]
    public void StepsAreLogSpacedAtAboutEightPerDecade()
    {
        var steps = LossCurveSchedule.Steps(100_000);
        var perDecade = steps.Count(s => s is >= 1000 and < 10000);
        Assert.Equal(LossCurveSchedule.PointsPerDecade, perDecade);
        // round(10^(j/8)) for j = 0..7: 1, 1, 2, 2, 3, 4, 6, 7.
        Assert.Equal([0, 1, 2, 3, 4, 6, 7, 10], LossCurveSchedule.Steps(10));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(15)]
    public void ThinningLeavesAScheduledCurveAsItIs(int last)
    {
        var steps = LossCurveSchedule.Steps(last);
        var losses = steps.Select(s => 1.0 / (1 + s)).ToArray();

        var (thinSteps, thinLosses) = LossCurveSchedule.Thin(steps, losses);

        Assert.Same(steps, thinSteps);
        Assert.Same(losses, thinLosses);
        var sparse = new[] { 0, 50, 100, 150, 1000 };
        Assert.Same(sparse, LossCurveSchedule.Thin(sparse, new double[5]).Steps);
    }

    [Fact]
    public void ThinningADenseCurveKeepsThePointNearestEachScheduledStep()
    {
        var steps = Enumerable.Range(0, 10_001).Reverse().ToArray();
        var losses = steps.Select(s => 2.0 * s).ToArray();

        var (thinSteps, thinLosses) = LossCurveSchedule.Thin(steps, losses);

        // Every step is there, so the schedule's own steps are the nearest ones; losses stay with their steps.
        Assert.Equal(LossCurveSchedule.Steps(10_000), thinSteps);
        Assert.Equal(thinSteps.Select(s => 2.0 * s), thinLosses);

        // Every tenth step: each scheduled step maps to the nearest in log(1 + step), duplicates once.
        var tenth = Enumerable.Range(0, 1001).Select(i => 10 * i).ToArray();
        var kept = LossCurveSchedule.Thin(tenth, tenth.Select(s => (double)s).ToArray()).Steps;
        Assert.Equal([0, 10, 20, 30, 40, 60, 80, 100, 130, 180, 240, 320, 420, 560, 750, 1000, 1330, 1780, 2370, 3160, 4220, 5620, 7500, 10000], kept);
        Assert.Throws<ArgumentException>(() => LossCurveSchedule.Thin([1, 2], [1.0]));
    }
}
