using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Grains.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Orchestrator.Hosting.Telemetry;

/// <summary>Registers the orchestrator's metrics and their Prometheus exporter.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The meter Orleans publishes its runtime instruments on.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>
    /// Adds <see cref="OrchestratorMetrics"/> as a singleton, without any exporter: enough for grains that record
    /// metrics on a host that publishes none (a test cluster, a silo without a metrics port). Idempotent.
    /// </summary>
    public static IServiceCollection AddOrchestratorMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton<OrchestratorMetrics>();
        return services;
    }

    /// <summary>
    /// Adds <see cref="OrchestratorMetrics"/> (see <see cref="AddOrchestratorMetrics"/>) and an OpenTelemetry meter
    /// provider that collects the <c>Orchestrator</c> and <c>Microsoft.Orleans</c> meters plus .NET runtime metrics
    /// for Prometheus scraping (see <see cref="TelemetryEndpointExtensions.MapOrchestratorEndpoints"/>). On a silo
    /// host, the silo's kernel slots are published under the silo's name.
    /// </summary>
    public static IServiceCollection AddOrchestratorTelemetry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOrchestratorMetrics();
        services.AddHostedService<KernelSlotsTelemetry>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orchestrator-silo"))
            .WithMetrics(metrics => metrics
                .AddMeter(OrchestratorMetrics.MeterName, OrleansMeterName)
                .AddRuntimeInstrumentation()
                // No response cache: a scrape always reflects the values recorded before it.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }
}
