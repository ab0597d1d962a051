using System.Diagnostics;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>
/// The python3 that has NumPy: the one on PATH, else the system one (a version manager's python3 may come first on
/// PATH without the Debian package <c>python3-numpy</c> that <c>scripts/install-deps.sh</c> installs).
/// </summary>
public static class PythonWithNumpy
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The interpreter's full path; fails the test, saying what to install, when there is none.</summary>
    public static string Path =>
        Found.Value ?? throw new InvalidOperationException(
            "no python3 with NumPy (tried python3 on PATH and /usr/bin/python3); run scripts/install-deps.sh");

    private static string? Find()
    {
        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                var start = new ProcessStartInfo(candidate)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("import sys, numpy; print(sys.executable)");
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEnd().Trim();
                process.StandardError.ReadToEnd();
                if (process.WaitForExit(30_000) && process.ExitCode == 0 && System.IO.Path.IsPathFullyQualified(output))
                {
                    return output;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name.
            }
        }

        return null;
    }
}
