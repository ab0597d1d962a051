namespace Orchestrator.Integration.Tests.Grains;

public sealed class TickerGrain(ReminderProbe probe) : Grain, ITickerGrain, IRemindable
{
    public const string ReminderName = "tick";

    public Task Start(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task Stop()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Record(this.GetPrimaryKeyString(), reminderName);
        return Task.CompletedTask;
    }
}
