namespace Orchestrator.Specs.Tests.Command;

/// <summary>A temporary folder for the scripts a test runs; deleted with the test.</summary>
public sealed class ScriptFolder : IDisposable
{
    public ScriptFolder()
    {
        Path = Directory.CreateTempSubdirectory("orchestrator-runner-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/>; executable unless told otherwise.</summary>
    public string Write(string name, string text, bool executable = true)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text.ReplaceLineEndings("\n"));
        if (executable && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return file;
    }

    /// <summary>A path in the folder, for a file a script writes.</summary>
    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may still be letting go of a file; the temp folder is cleaned up eventually.
        }
    }
}
