using Microsoft.Extensions.Logging;
using Orchestrator.Grains.Runs;

namespace Orchestrator.Grains.Capacity;

/// <summary>Reports this silo's kernel slots to the <see cref="ISlotRegistryGrain"/> while the silo is active.</summary>
public sealed partial class SlotReporter(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    KernelSlots slots,
    ILogger<SlotReporter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SlotReporter), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(ReportLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task ReportLoopAsync()
    {
        var registry = grains.GetGrain<ISlotRegistryGrain>(0);
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                await registry.ReportAsync(new SiloSlots(silo.SiloAddress.ToParsableString(), slots.Capacity, slots.Load, slots.Memory?.Capacity));
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested)
            {
                LogReportFailed(ex);
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report this silo's kernel slots; will try again")]
    private partial void LogReportFailed(Exception exception);
}
