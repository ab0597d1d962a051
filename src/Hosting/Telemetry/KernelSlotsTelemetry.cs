using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Grains.Runs;
using Orchestrator.Grains.Telemetry;

namespace Orchestrator.Hosting.Telemetry;

/// <summary>
/// At start, creates the silo's <see cref="OrchestratorMetrics"/> (so its zero-valued series are there from the
/// first scrape) and publishes the silo's <see cref="KernelSlots"/> under the silo's name, when the host has both.
/// </summary>
internal sealed class KernelSlotsTelemetry(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var metrics = services.GetRequiredService<OrchestratorMetrics>();
        if (services.GetService<KernelSlots>() is { } slots && services.GetService<ILocalSiloDetails>() is { } silo)
        {
            metrics.SetKernelSlots(silo.Name, () => slots.Running, slots.Capacity);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
