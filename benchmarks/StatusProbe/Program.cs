using System.Diagnostics;
using System.Globalization;
using Orchestrator.Client.Connection;
using Orchestrator.Grains;

// Times ISweepGrain.GetStatusAsync over one connection kept open, once a second, so that what is measured is the
// cluster's answer, not a client's start-up. Prints "seconds-since-start<TAB>latency-ms<TAB>state<TAB>done" per
// sample and stops when the sweep has finished (after it was seen running) or after --seconds.
//
//   StatusProbe --sweep NAME [--seconds 900]      (the cluster from ORCHESTRATOR_DB)
var sweep = Argument("--sweep") ?? throw new ArgumentException("--sweep NAME is required");
var limit = TimeSpan.FromSeconds(double.Parse(Argument("--seconds") ?? "900", CultureInfo.InvariantCulture));
var database = Environment.GetEnvironmentVariable(ConnectionSettings.DatabaseVariable)
    ?? throw new ArgumentException($"{ConnectionSettings.DatabaseVariable} must hold the cluster's connection string");

await using var connection = await ClusterConnection.OpenAsync(
    new ConnectionSettings(database, ConnectionSettings.DefaultDataDirectory, Slots: 0, MetricsPort: 0), dispatch: false, CancellationToken.None);
var grain = connection.Client.GetGrain<ISweepGrain>(sweep);
var clock = Stopwatch.StartNew();
var seenRunning = false;
while (clock.Elapsed < limit)
{
    var asked = Stopwatch.StartNew();
    var status = await grain.GetStatusAsync();
    var latency = asked.Elapsed;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{clock.Elapsed.TotalSeconds:F1}\t{latency.TotalMilliseconds:F1}\t{status.State}\t{status.Done}"));
    seenRunning |= status.State == SweepState.Running;
    if (seenRunning && status.IsFinished)
    {
        break;
    }

    var rest = TimeSpan.FromSeconds(1) - latency;
    if (rest > TimeSpan.Zero)
    {
        await Task.Delay(rest);
    }
}

return 0;

string? Argument(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
