namespace Orchestrator.Telemetry.Tests;

/// <summary>
/// Prometheus series of the <c>Microsoft.Orleans</c> meter (Orleans 10.4.2) that the dashboard may use, as seen on a
/// scrape of a silo that activated grains with persistent state. The integration test checks them against a live
/// silo through Prometheus.
/// </summary>
public static class OrleansMetricNames
{
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "orleans_catalog_activations",
        "orleans_catalog_activation_working_set",
        "orleans_catalog_activation_created_total",
        "orleans_grains",
        "orleans_system_targets",
        "orleans_app_requests_latency_milliseconds_bucket",
        "orleans_app_requests_latency_milliseconds_sum",
        "orleans_app_requests_latency_milliseconds_count",
        "orleans_catalog_activation_latency_milliseconds_bucket",
        "orleans_catalog_activation_latency_milliseconds_sum",
        "orleans_catalog_activation_latency_milliseconds_count",
        "orleans_storage_read_latency_milliseconds_bucket",
        "orleans_storage_read_latency_milliseconds_sum",
        "orleans_storage_read_latency_milliseconds_count",
        "orleans_storage_write_latency_milliseconds_bucket",
        "orleans_storage_write_latency_milliseconds_sum",
        "orleans_storage_write_latency_milliseconds_count",
        "orleans_messaging_processing_dispatcher_received_total",
        "orleans_runtime_available_memory_megabytes",
        "orleans_watchdog_health_checks_total",
    };
}
