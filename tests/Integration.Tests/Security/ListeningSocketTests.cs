using System.Globalization;
using Orchestrator.Integration.Tests.Infrastructure;
using Xunit;

namespace Orchestrator.Integration.Tests.Security;

/// <summary>
/// A silo started with default addresses listens on loopback only: its silo, gateway and metrics ports appear in the
/// kernel's socket tables (/proc/net/tcp, /proc/net/tcp6) bound to 127.0.0.1 and nowhere else.
/// </summary>
public sealed class ListeningSocketTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Listen = "0A";

    [Fact]
    public async Task A_silo_binds_its_ports_to_loopback_by_default()
    {
        var database = await server.CreateDatabaseAsync($"l{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
        await using var silo = await SiloProcess.StartAsync(database);
        int[] ports = [silo.SiloPort, silo.GatewayPort, silo.MetricsPort];

        var listeners = ListeningSockets().Where(s => ports.Contains(s.Port)).ToList();

        Assert.Equal(ports.Order(), listeners.Select(s => s.Port).Distinct().Order());
        Assert.All(listeners, s => Assert.True(s.Address is "127.0.0.1" or "::1", $"port {s.Port} listens on {s.Address}"));
    }

    /// <summary>Listening TCP sockets from /proc/net/tcp and tcp6: their local address (dotted or ::1) and port.</summary>
    private static IEnumerable<(string Address, int Port)> ListeningSockets()
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[3] != Listen)
                {
                    continue;
                }

                var (address, port) = (fields[1].Split(':')[0], fields[1].Split(':')[1]);
                yield return (Decode(address), int.Parse(port, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
    }

    // IPv4: four bytes in host (little-endian) order. IPv6: four little-endian 32-bit words.
    private static string Decode(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        var ip = new System.Net.IPAddress(bytes);
        return ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : ip.ToString();
    }
}
