namespace Orchestrator.Integration.Tests.Grains;

/// <summary>Holds a durable reminder and reports every tick to the <see cref="ReminderProbe"/> of its silo.</summary>
[Alias("Orchestrator.Integration.Tests.ITickerGrain")]
public interface ITickerGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task Start(TimeSpan period);

    [Alias("Stop")]
    Task Stop();
}
