using Microsoft.Extensions.Logging;

namespace Orchestrator.Integration.Tests.Infrastructure;

/// <summary>
/// Hosts in tests log nothing unless ORCHESTRATOR_TEST_LOGS is set (to a level such as Warning or Debug): the
/// outage tests provoke many expected errors.
/// </summary>
public static class TestLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        var level = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_LOGS");
        if (!string.IsNullOrEmpty(level) && Enum.TryParse<LogLevel>(level, ignoreCase: true, out var minimum))
        {
            logging.SetMinimumLevel(minimum).AddSimpleConsole(o => o.SingleLine = true);
        }
    }
}
