using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Outcome chunks stored before a field was added to <see cref="CellOutcome"/> read back: the new trailing fields
/// (the loss curve) come back null, and everything else as it was stored.
/// </summary>
public sealed class CellOutcomeCompatibilityTests
{
    [Fact]
    public void An_outcome_stored_without_a_curve_reads_back_with_none()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var stored = new StoredHolder([new StoredCellOutcome("cell", "gd", 1.0, 64, 3, null, CellStatus.Succeeded, 0.25, 0.5, 1,
            "silo", 2.0, 1e6, null, ["succeeded"], new Dictionary<string, double> { ["m"] = 1 })]);

        var read = serializer.Deserialize<CurrentHolder>(serializer.SerializeToArray(stored))!.Outcomes.Single();

        Assert.Equal(("cell", "gd", 64, 3, 0.25, 0.5, 1.0), (read.CellId, read.Optimizer, read.Size, read.Seed, read.FinalLoss, read.LearningRate, read.Measurements!["m"]));
        Assert.Null(read.CurveSteps);
        Assert.Null(read.CurveLosses);
    }

    [Fact]
    public void An_outcome_with_a_curve_round_trips()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var outcome = new CellOutcome("cell", "gd", 1.0, 64, 3, 0.1, CellStatus.Succeeded, 0.25, 0.1, 1, "silo", 2.0, 1e6, null,
            ["succeeded"], null, [1, 10, 100], [0.9, 0.5, 0.25]);

        var read = serializer.Deserialize<CellOutcome>(serializer.SerializeToArray(outcome))!;

        Assert.Equal(outcome.CurveSteps, read.CurveSteps);
        Assert.Equal(outcome.CurveLosses, read.CurveLosses);
    }

    /// <summary>A chunk of outcomes as stored before the loss curve was carried.</summary>
    [GenerateSerializer]
    public sealed record StoredHolder([property: Id(0)] List<StoredCellOutcome> Outcomes);

    /// <summary>The same chunk read with today's <see cref="CellOutcome"/>.</summary>
    [GenerateSerializer]
    public sealed record CurrentHolder([property: Id(0)] List<CellOutcome> Outcomes);

    /// <summary><see cref="CellOutcome"/> as it was before fields 16 and 17 (the loss curve).</summary>
    [GenerateSerializer]
    public sealed record StoredCellOutcome(
        [property: Id(0)] string CellId,
        [property: Id(1)] string Optimizer,
        [property: Id(2)] double Spectrum,
        [property: Id(3)] int Size,
        [property: Id(4)] int Seed,
        [property: Id(5)] double? LearningRateSetting,
        [property: Id(6)] CellStatus Status,
        [property: Id(7)] double FinalLoss,
        [property: Id(8)] double LearningRate,
        [property: Id(9)] int Attempts,
        [property: Id(10)] string? Silo,
        [property: Id(11)] double Seconds,
        [property: Id(12)] double FloatingPointOperations,
        [property: Id(13)] string? Error,
        [property: Id(14)] IReadOnlyList<string> AttemptOutcomes,
        [property: Id(15)] IReadOnlyDictionary<string, double>? Measurements = null);
}
