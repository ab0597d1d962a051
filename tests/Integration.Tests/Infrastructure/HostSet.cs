using Microsoft.Extensions.Hosting;

namespace Orchestrator.Integration.Tests.Infrastructure;

/// <summary>Disposes a test's hosts (stopped or not) when the test ends, whatever way it ends.</summary>
public sealed class HostSet(params IHost[] hosts) : IDisposable
{
    public void Dispose()
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }
    }
}
