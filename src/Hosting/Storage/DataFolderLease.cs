using System.Text.Json;

namespace Orchestrator.Hosting.Storage;

/// <summary>
/// Exclusive use of an embedded data folder by one silo process. The holder publishes its gateway port and ids in the
/// folder, so that other processes on the same folder (a CLI asking for status, say) join that silo instead of opening
/// the SQLite file a second time. The lock is an open file handle: it goes away with the process, even after kill -9.
/// </summary>
public sealed class DataFolderLease : IStorageClaim
{
    private const string LockFileName = "orchestrator.lock";
    private const string GatewayFileName = "gateway.json";

    private readonly FileStream _lock;
    private readonly string _directory;

    private DataFolderLease(FileStream fileLock, string directory)
    {
        _lock = fileLock;
        _directory = directory;
    }

    /// <summary>Takes the folder, creating it if needed; null when another process holds it.</summary>
    public static DataFolderLease? TryAcquire(string directory)
    {
        Directory.CreateDirectory(directory);
        try
        {
            var fileLock = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new DataFolderLease(fileLock, directory);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The gateway published by the process that holds <paramref name="directory"/>, if any.</summary>
    public static PublishedGateway? ReadGateway(string directory)
    {
        try
        {
            var gateway = JsonSerializer.Deserialize<PublishedGateway>(File.ReadAllText(Path.Combine(directory, GatewayFileName)));
            return gateway is { Port: > 0 and < 65536, ServiceId.Length: > 0, ClusterId.Length: > 0 } ? gateway : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the gateway port and the ids of <paramref name="silo"/>; a reader sees the whole file or none.</summary>
    public void PublishGateway(SiloSettings silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var path = Path.Combine(_directory, GatewayFileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new PublishedGateway(silo.GatewayPort, silo.ServiceId, silo.ClusterId)));
        File.Move(temporary, path, overwrite: true);
    }

    public void Dispose()
    {
        File.Delete(Path.Combine(_directory, GatewayFileName));
        _lock.Dispose();
    }
}

/// <summary>How to join the silo that holds a data folder: its gateway port on loopback and the ids it runs under.</summary>
public sealed record PublishedGateway(int Port, string ServiceId, string ClusterId);
