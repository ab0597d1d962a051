namespace Orchestrator.Hosting.Storage;

/// <summary>
/// A silo's claim on a database that all silos share: nothing to hold, and nothing to publish, since clients find the
/// gateways in the membership table.
/// </summary>
public sealed class SharedDatabaseClaim : IStorageClaim
{
    public static SharedDatabaseClaim Instance { get; } = new();

    private SharedDatabaseClaim()
    {
    }

    public void PublishGateway(SiloSettings silo)
    {
    }

    public void Dispose()
    {
    }
}
