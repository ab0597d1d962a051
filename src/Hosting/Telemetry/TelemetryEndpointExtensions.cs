using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Hosting.Telemetry;

/// <summary>Maps the silo's scraping and health endpoints.</summary>
public static class TelemetryEndpointExtensions
{
    public const string MetricsPath = "/metrics";
    public const string HealthPath = "/healthz";

    /// <summary>
    /// Maps <c>/metrics</c> (Prometheus text format; needs <see cref="TelemetryServiceCollectionExtensions.AddOrchestratorTelemetry"/>)
    /// and <c>/healthz</c>: 200 "ok" while the host runs (the silo starts before the web server), 503 "stopping"
    /// once shutdown has begun, so a load balancer stops sending work before the silo leaves the cluster.
    /// </summary>
    public static WebApplication MapOrchestratorEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        app.MapGet(HealthPath, (IHostApplicationLifetime lifetime) =>
            lifetime.ApplicationStopping.IsCancellationRequested
                ? Results.Text("stopping", statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text("ok"));
        return app;
    }
}
