using System.Globalization;

namespace Orchestrator.Hosting.Storage;

/// <summary>
/// Exclusive use of an embedded data folder by one silo process. The holder publishes its gateway port in the folder,
/// so that other processes on the same folder (a CLI asking for status, say) join that silo instead of opening the
/// SQLite file a second time. The lock is an open file handle: it goes away with the process, even after kill -9.
/// </summary>
public sealed class DataFolderLease : IStorageClaim
{
    private const string LockFileName = "orchestrator.lock";
    private const string GatewayFileName = "gateway.port";

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

    /// <summary>The gateway port published by the process that holds <paramref name="directory"/>, if any.</summary>
    public static int? ReadGateway(string directory)
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(directory, GatewayFileName)), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? port
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void PublishGateway(int port) =>
        File.WriteAllText(Path.Combine(_directory, GatewayFileName), port.ToString(CultureInfo.InvariantCulture));

    public void Dispose()
    {
        File.Delete(Path.Combine(_directory, GatewayFileName));
        _lock.Dispose();
    }
}
