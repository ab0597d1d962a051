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
}
