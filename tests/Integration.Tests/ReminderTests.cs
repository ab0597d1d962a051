using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Integration.Tests.Grains;
using Orchestrator.Integration.Tests.Infrastructure;
using Orchestrator.Hosting.Storage;
using Xunit;

namespace Orchestrator.Integration.Tests;

/// <summary>Durable reminders in the project's PostgreSQL reminder table.</summary>
public sealed class ReminderTests(PostgresServer server) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TickTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await PostgresDatabase.InitializeAsync(server.ConnectionString, Ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_reminder_fires_again_after_a_restart_without_being_registered_again()
    {
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        var probe = new ReminderProbe();
        void Services(IServiceCollection s) => s.AddSingleton(probe);

        using (var silo = await TestSilo.StartAsync(cluster, Services, ct: Ct))
        {
            await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ITickerGrain>("ticker").Start(Period);
            Assert.Equal(TickerGrain.ReminderName, await probe.NextTickAsync("ticker", TickTimeout, Ct));
            Assert.Equal(1, await RemindersAsync(cluster));
            await silo.StopAsync(Ct);
        }

        probe.Drain();
        using (var silo = await TestSilo.StartAsync(cluster, Services, ct: Ct))
        {
            // Nobody calls the grain: the reminder service reads the table and activates it.
            Assert.Equal(TickerGrain.ReminderName, await probe.NextTickAsync("ticker", TickTimeout, Ct));
            Assert.Equal(TickerGrain.ReminderName, await probe.NextTickAsync("ticker", TickTimeout, Ct));

            await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ITickerGrain>("ticker").Stop();
            Assert.Equal(0, await RemindersAsync(cluster));
            await silo.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task Reminders_of_many_grains_are_all_loaded_by_a_two_silo_cluster()
    {
        // Grain hashes spread over the whole ring, so both silos' ranges (one of them wrapping past the signed
        // maximum) are read from the table.
        var cluster = TestClusterIdentity.New(server.ConnectionString);
        var probe = new ReminderProbe();
        void Services(IServiceCollection s) => s.AddSingleton(probe);
        var grains = Enumerable.Range(0, 12).Select(i => $"ring-{i}").ToArray();

        using (var silo = await TestSilo.StartAsync(cluster, Services, ct: Ct))
        {
            var factory = silo.Services.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(grains.Select(g => factory.GetGrain<ITickerGrain>(g).Start(Period)));
            Assert.Equal(grains.Length, await RemindersAsync(cluster));
            await silo.StopAsync(Ct);
        }

        probe.Drain();
        var first = await TestSilo.StartAsync(cluster, Services, ct: Ct);
        var second = await TestSilo.StartAsync(cluster, Services, ct: Ct);
        using var silos = new HostSet(first, second);
        foreach (var grain in grains)
        {
            Assert.Equal(TickerGrain.ReminderName, await probe.NextTickAsync(grain, TickTimeout, Ct));
        }

        var factoryAfter = first.Services.GetRequiredService<IGrainFactory>();
        await Task.WhenAll(grains.Select(g => factoryAfter.GetGrain<ITickerGrain>(g).Stop()));
        Assert.Equal(0, await RemindersAsync(cluster));
        await second.StopAsync(Ct);
        await first.StopAsync(Ct);
    }

    private Task<long> RemindersAsync(TestClusterIdentity cluster) => OrleansQueries.CountAsync(
        server.ConnectionString, $"SELECT count(*) FROM OrleansReminder WHERE ServiceId = '{cluster.ServiceId}'", Ct);
}
