using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Integration.Tests.Infrastructure;

/// <summary>Loopback TCP ports that were free a moment ago, for servers and silos the tests start.</summary>
public static class FreePorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Handed = [];

    /// <summary>
    /// A port the operating system just reported free. Never the same port twice in one test run, so a silo that is
    /// restarted on purpose is the only thing that reuses one.
    /// </summary>
    public static int Take()
    {
        lock (Gate)
        {
            while (true)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
