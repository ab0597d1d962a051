using System.Diagnostics;

namespace Orchestrator.Testing;

/// <summary>Waits for a server process started by a test to answer on its readiness URL.</summary>
internal static class ReadinessProbe
{
    /// <summary>
    /// Polls <paramref name="url"/> until it answers with a success status. Fails at once, with the process's
    /// output, if the process exits first, and after <paramref name="timeout"/> if it never answers.
    /// </summary>
    public static async Task WaitAsync(HttpClient http, string url, Process process, string name, Func<string> output,
        TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{output()}");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A request that timed out while the server starts.
            }

            await Task.Delay(interval, cancellationToken);
        }

        throw new TimeoutException($"{name} did not answer {url} within {timeout.TotalSeconds:0} s:\n{output()}");
    }
}
