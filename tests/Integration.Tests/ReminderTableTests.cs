using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Integration.Tests.Infrastructure;
using Orchestrator.Hosting.Storage;
using Xunit;

namespace Orchestrator.Integration.Tests;

/// <summary>
/// The reminder queries driven through the silo's reminder table: ring-range reads against a reference computed on
/// the unsigned ring, and ETag-guarded deletes. The reminders start a day from now, so the running silo never fires
/// them.
/// </summary>
public sealed class ReminderTableTests(PostgresServer server) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await PostgresDatabase.InitializeAsync(server.ConnectionString, Ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Range_reads_return_exactly_the_reminders_whose_hash_is_in_the_ring_range()
    {
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        using var silo = await TestSilo.StartAsync(cluster, ct: Ct);
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grains = Enumerable.Range(0, 200).Select(i => GrainId.Create("dormant", $"grain-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Reminder(grain, "r"), Ct);
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).ToList();
        var random = new Random(20261123);
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue), (uint.MaxValue, 0), (0, 0), (0x7FFF_FFFF, 0x8000_0000), (0x8000_0000, 0x7FFF_FFFF),
            (hashes[0], hashes[0]), (hashes[1], hashes[2]), (hashes[2], hashes[1]),
        };
        for (var i = 0; i < 40; i++)
        {
            ranges.Add(((uint)random.NextInt64(0, 1L << 32), (uint)random.NextInt64(0, 1L << 32)));
        }

        foreach (var (begin, end) in ranges)
        {
            var read = (await table.ReadRows(begin, end, Ct)).Reminders.Select(r => r.GrainId).ToHashSet();
            var expected = grains.Where(g => InRing(g.GetUniformHashCode(), begin, end)).ToHashSet();
            Assert.True(expected.SetEquals(read), $"range ({begin:X8}, {end:X8}]: expected {expected.Count}, read {read.Count}");
        }

        await silo.StopAsync(Ct);
    }

    [Fact]
    public async Task Upserts_bump_the_etag_and_deletes_need_the_current_one()
    {
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        using var silo = await TestSilo.StartAsync(cluster, ct: Ct);
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("dormant", "etag");

        var first = await table.UpsertRow(Reminder(grain, "a"), Ct);
        var second = await table.UpsertRow(Reminder(grain, "a", TimeSpan.FromHours(2)), Ct);
        await table.UpsertRow(Reminder(grain, "b"), Ct);

        Assert.NotEqual(first, second);
        var stored = await table.ReadRow(grain, "a", Ct);
        Assert.NotNull(stored);
        Assert.Equal((TimeSpan.FromHours(2), second), (stored.Period, stored.ETag));
        Assert.Equal(2, (await table.ReadRows(grain, Ct)).Reminders.Count);
        Assert.False(await table.RemoveRow(grain, "a", first!, Ct));
        Assert.True(await table.RemoveRow(grain, "a", second!, Ct));
        Assert.Null(await table.ReadRow(grain, "a", Ct));
        Assert.Single((await table.ReadRows(grain, Ct)).Reminders);
        await silo.StopAsync(Ct);
    }

    /// <summary>Orleans' ring ranges are (begin, end] on the unsigned ring; begin = end is the whole ring.</summary>
    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Reminder(GrainId grain, string name, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = DateTime.UtcNow.AddDays(1),
        Period = period ?? TimeSpan.FromHours(1),
    };
}
