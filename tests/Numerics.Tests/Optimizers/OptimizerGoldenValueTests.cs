using System.Globalization;
using Xunit;

namespace Orchestrator.Numerics.Tests.Optimizers;

/// <summary>
/// Golden values of both experiments under every optimizer. They were recorded from the implementation before the
/// two optimizer families were unified into <c>Orchestrator.Numerics.Optimizers</c> (when <c>adam</c>/<c>adamw</c>
/// and <c>momentum</c>/<c>sgd</c> were separate types per experiment), and are compared with exact equality: a change
/// of operation order in any rule changes a bit and fails here. Run on the managed linear algebra (see
/// <see cref="GoldenCells"/>). A deliberate change of numerics must re-record them and say so: Adam's population flops
/// were re-recorded when the probe's product began to serve the next step's gradient (one product per step instead of
/// a second one at each recorded step); its losses and curves kept every bit.
/// </summary>
public sealed class OptimizerGoldenValueTests
{
    /// <summary>The final loss, and the whole result in one line (see <see cref="GoldenCells.Describe"/>).</summary>
    private sealed record Golden(double FinalLoss, string Result);

    private static readonly Dictionary<string, Golden> RandomFeatures = new(StringComparer.Ordinal)
    {
        ["gd"] = new(0.5332117159958143, "loss=0.5332117159958143 lr=1.4352337832673876 flops=1070400 bytes=97920 diverged=False digest=f7359e357d6ddc5e"),
        ["gd-fixed-lr"] = new(0.6007831119459688, "loss=0.6007831119459688 lr=0.3 flops=1070400 bytes=97920 diverged=False digest=23eea90d0537e0ce"),
        ["momentum"] = new(0.5321328902410516, "loss=0.5321328902410516 lr=0.28704675665347756 flops=1078400 bytes=97920 diverged=False digest=b195cdfd361c7c43"),
        ["momentum-online"] = new(0.6769855645691045, "loss=0.6769855645691045 lr=0.12062017390666821 flops=15262000 bytes=174720 diverged=False digest=76eff79eecead9e7"),
        ["momentum-diverges"] = new(2438205426.958107, "loss=2438205426.958107 lr=57.40935133069551 flops=1018240 bytes=97920 diverged=True digest=6f839d0a7079d7c9"),
        ["adam"] = new(0.6842044239755922, "loss=0.6842044239755922 lr=0.01 flops=838720 bytes=97920 diverged=False digest=366a1ca822931a24"),
        ["adam-finite"] = new(1.5136827905443164, "loss=1.5136827905443164 lr=0.003 flops=1578280 bytes=165600 diverged=False digest=7ce2efcdce6e8f89"),
        ["adam-one-output"] = new(0.4641639469495449, "loss=0.4641639469495449 lr=0.02 flops=616160 bytes=93760 diverged=False digest=60b3e1cfbc61ed65"),
        ["matrix-sign"] = new(1.1220088703831677, "loss=1.1220088703831677 lr=0.02 flops=1192950 bytes=102080 diverged=False digest=7a7934f929d22e92"),
        ["matrix-sign-one-output"] = new(0.4778858203187244, "loss=0.4778858203187244 lr=0.05 flops=1026000 bytes=93760 diverged=False digest=4b6ce3fbe7793af5"),
        ["natural-gradient"] = new(0.5284043022694906, "loss=0.5284043022694906 lr=0.500000005 flops=1074400 bytes=97920 diverged=False digest=136b93ee6036d976"),
        ["ng-power"] = new(0.5284043181166436, "loss=0.5284043181166436 lr=1.1980130293536757 flops=1074400 bytes=97920 diverged=False digest=cf61111da59fe842"),
    };

    private static readonly Dictionary<string, Golden> SpectralRank = new(StringComparer.Ordinal)
    {
        ["adamw"] = new(0.2593889366175682, "loss=0.2593889366175682 lr=0.01 flops=3835603 bytes=182528 diverged=False digest=10d87365559e6f7f"),
        ["adamw-decay"] = new(0.24440774754905584, "loss=0.24440774754905584 lr=0.01 flops=3835603 bytes=182528 diverged=False digest=7d86ca4a1dde4dcb"),
        ["muon"] = new(0.28603659405874965, "loss=0.28603659405874965 lr=0.02 flops=6555403 bytes=190016 diverged=False digest=5888112dc8cacc98"),
        ["muon-decay"] = new(0.2726942840551074, "loss=0.2726942840551074 lr=0.02 flops=6555403 bytes=190016 diverged=False digest=2937f5976f19c66f"),
        ["sgd"] = new(0.4816123204377307, "loss=0.4816123204377307 lr=0.005 flops=3706003 bytes=177920 diverged=False digest=f6171541c3350296"),
        ["sgd-plain-decay"] = new(0.3691990211302423, "loss=0.3691990211302423 lr=0.02 flops=3706003 bytes=177920 diverged=False digest=eb05eb18b7c4f0c5"),
        ["sgd-diverges"] = new(4.1907194042191526E+32, "loss=4.1907194042191526E+32 lr=5 flops=536000 bytes=121344 diverged=True digest=d107d9764950d366"),
    };

    public static TheoryData<string> RandomFeaturesCells() => new(GoldenCells.RandomFeaturesCells.Keys);

    public static TheoryData<string> SpectralRankCells() => new(GoldenCells.SpectralRankCells.Keys);

    [Fact]
    public void EveryCellHasAGoldenValueAndEveryOptimizerACell()
    {
        Assert.Equal(GoldenCells.RandomFeaturesCells.Keys.Order(), RandomFeatures.Keys.Order());
        Assert.Equal(GoldenCells.SpectralRankCells.Keys.Order(), SpectralRank.Keys.Order());
        Assert.Equal(RandomFeaturesOptimizers(), GoldenCells.RandomFeaturesCells.Values.Select(r => r.Optimizer).Distinct().Order());
        Assert.Equal(SpectralRankOptimizers(), GoldenCells.SpectralRankCells.Values.Select(r => r.Optimizer).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(RandomFeaturesCells))]
    public void RandomFeaturesResultsAreBitIdenticalToTheRecordedOnes(string cell)
    {
        var result = GoldenCells.RunRandomFeatures(cell);
        AssertExact(RandomFeatures[cell], result.FinalLoss, GoldenCells.Describe(result));
    }

    [Theory]
    [MemberData(nameof(SpectralRankCells))]
    public void SpectralRankResultsAreBitIdenticalToTheRecordedOnes(string cell)
    {
        var result = GoldenCells.RunSpectralRank(cell);
        AssertExact(SpectralRank[cell], result.Run.FinalLoss, GoldenCells.Describe(result.Run, result.Measurements));
    }

    private static IOrderedEnumerable<string> RandomFeaturesOptimizers() =>
        Numerics.RandomFeatures.Optimizers.OptimizerRegistry.Names.Order();

    private static IOrderedEnumerable<string> SpectralRankOptimizers() =>
        Numerics.SpectralRank.Optimizers.FfnOptimizerRegistry.Names.Order();

    private static void AssertExact(Golden expected, double finalLoss, string result)
    {
        Assert.True(BitConverter.DoubleToInt64Bits(expected.FinalLoss) == BitConverter.DoubleToInt64Bits(finalLoss),
            string.Create(CultureInfo.InvariantCulture, $"final loss {finalLoss:R}, recorded {expected.FinalLoss:R}"));
        Assert.Equal(expected.Result, result);
    }
}
