namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// Finds the file a runner's executable names. Done here rather than by <see cref="System.Diagnostics.Process"/>,
/// whose lookup also tries the silo's own folder first: a runner runs what its declaration says, found the way a
/// shell would find it.
/// </summary>
internal static class ExecutableResolver
{
    /// <summary>
    /// The full path of <paramref name="runner"/>'s executable: a path (with a <c>/</c>) is taken relative to
    /// <paramref name="workingDirectory"/>; a bare name is looked up in the directories of <paramref name="path"/>
    /// (the child's <c>PATH</c>). Throws <see cref="CommandRunFailedException"/> saying what was looked at.
    /// </summary>
    public static string Resolve(RunnerDefinition runner, string workingDirectory, string? path)
    {
        var executable = runner.Executable;
        if (executable.Contains('/') || executable.Contains(Path.DirectorySeparatorChar))
        {
            var full = Path.GetFullPath(executable, workingDirectory);
            if (!File.Exists(full))
            {
                throw Failed(runner, $"runner '{runner.Name}': executable '{executable}' " +
                    $"{(Directory.Exists(full) ? "is a folder, not a file" : "was not found")} (looked at '{full}')");
            }

            return IsExecutable(full) ? full : throw Failed(runner,
                $"runner '{runner.Name}': executable '{executable}' ('{full}') is not marked executable");
        }

        var folders = (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        // Empty (and relative) PATH entries mean "the current folder" to a shell; they are skipped so a runner cannot
        // pick up a file from wherever the silo happens to run. Like a shell, a file without execute permission is
        // passed over.
        foreach (var folder in folders.Where(Path.IsPathFullyQualified))
        {
            foreach (var candidate in Candidates(Path.Combine(folder, executable)))
            {
                if (File.Exists(candidate) && IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        throw Failed(runner, folders.Length == 0
            ? $"runner '{runner.Name}': executable '{executable}' cannot be looked up: the silo has no PATH"
            : $"runner '{runner.Name}': executable '{executable}' was not found on PATH ({string.Join(Path.PathSeparator, folders)})");
    }

    private static IEnumerable<string> Candidates(string file)
    {
        yield return file;
        if (OperatingSystem.IsWindows() && !Path.HasExtension(file))
        {
            foreach (var extension in (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';'))
            {
                yield return file + extension;
            }
        }
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static CommandRunFailedException Failed(RunnerDefinition runner, string summary) =>
        new(runner.Name, CommandFailureKind.StartFailed, summary);
}
