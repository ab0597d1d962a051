using Orchestrator.Hosting;

namespace Orchestrator.Deploy.Tests;

/// <summary>The silo's environment variables the deployment files use, looked up in the silo's own list by their flag.</summary>
public static class SiloVariables
{
    public static string SiloPort => ByFlag("--silo-port");
    public static string GatewayPort => ByFlag("--gateway-port");
    public static string MetricsPort => ByFlag("--metrics-port");
    public static string AdvertisedAddress => ByFlag("--advertised-address");
    public static string Database => ByFlag("--db");
    public static string ClusterId => ByFlag("--cluster-id");

    private static string ByFlag(string flag)
    {
        var index = SiloSettingsLoader.Flags.ToList().IndexOf(flag);
        Assert.True(index >= 0, $"the silo has no flag {flag}");
        return SiloSettingsLoader.Variables[index];
    }
}
