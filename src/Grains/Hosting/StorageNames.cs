namespace Orchestrator.Grains.Hosting;

/// <summary>The grain storage provider every grain of the orchestrator persists through.</summary>
public static class StorageNames
{
    public const string Default = "orchestrator";
}
