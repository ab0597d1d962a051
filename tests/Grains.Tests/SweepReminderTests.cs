using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Where reminders are in use, every activation of a running sweep makes sure it holds its resume reminder, so that a
/// sweep whose reminder was lost still resumes after the next whole-cluster restart.
/// </summary>
public sealed class SweepReminderTests
{
    private const string ResumeReminder = "resume";

    [Fact]
    public async Task ARunningSweepWhoseReminderIsMissingRegistersItAgainWhenItIsActivated()
    {
        var data = TestSpecs.TempDirectory();
        var spec = TestSpecs.Synthetic("reminded", duration: 1);

        await using (var first = await StartAsync(data))
        {
            var sweep = first.Client.GetGrain<ISweepGrain>(spec.Name);
            Assert.Equal(SubmitKind.Started, (await sweep.SubmitAsync(TestSpecs.Submission(spec))).Kind);
            Assert.NotNull(await ReminderAsync(first, spec.Name));
        }

        // The reminder table lived in the first cluster's memory: the sweep is stored as running, its reminder is gone.
        await using var second = await StartAsync(data);
        Assert.Null(await ReminderAsync(second, spec.Name));

        var resumed = second.Client.GetGrain<ISweepGrain>(spec.Name);
        var status = await resumed.GetStatusAsync();

        Assert.Equal(SweepState.Running, status.State);
        var reminder = await ReminderAsync(second, spec.Name);
        Assert.NotNull(reminder);
        Assert.Equal(TimeSpan.FromMinutes(1), reminder.Period);

        // A finished sweep gives its reminder up (just after its status, which is read interleaved, says finished).
        Assert.Equal(SweepState.Completed, (await TestSpecs.WaitFinishedAsync(resumed)).State);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ReminderAsync(second, spec.Name) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the finished sweep still holds its reminder");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static Task<SqliteTestCluster> StartAsync(string data) =>
        SqliteTestCluster.StartAsync(data, slots: 1, window: 1, configure: b => b.AddSiloBuilderConfigurator<InMemoryReminders>());

    private static Task<ReminderEntry?> ReminderAsync(SqliteTestCluster cluster, string sweep) =>
        cluster.SiloServices.GetRequiredService<IReminderTable>()
            .ReadRow(cluster.Client.GetGrain<ISweepGrain>(sweep).GetGrainId(), ResumeReminder)!;

    /// <summary>Reminders kept in the cluster's memory, forgotten with it.</summary>
    private sealed class InMemoryReminders : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.Configure<DispatchOptions>(o => o.UseReminders = true);
        }
    }
}
