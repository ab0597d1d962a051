using System.Globalization;
using System.Text;
using Orchestrator.Grains;
using Orchestrator.Grains.Telemetry;

namespace Orchestrator.Client.Output;

/// <summary>
/// An adaptive sweep's decisions as <c>orchestrator decisions ID</c> prints them: each with the outcomes it knew, the
/// capacity it filled, the core-seconds committed, the units it chose (series, size, seed, reason and why) and its
/// stop; then whether every decision, replayed from the outcomes it knew, chose the same units.
/// </summary>
public static class DesignLogText
{
    public static string Render(string sweep, IReadOnlyList<DesignLogEntry> decisions)
    {
        if (decisions.Count == 0)
        {
            return $"{sweep}: no decisions yet.\n";
        }

        var text = new StringBuilder();
        foreach (var decision in decisions)
        {
            var stop = decision.Stop is { } reason ? $" · stopped: {(DesignLabels.Stop(reason) ?? reason).Replace('-', ' ')}" : "";
            var replay = decision.Replayed ? "" : " · DOES NOT REPLAY";
            text.AppendLine(Invariant(
                $"Decision {decision.Number}: {Count(decision.KnownOutcomes, "outcome")} known · capacity {decision.Capacity} · {DesignSummary.Seconds(decision.CommittedSeconds)} core-seconds committed · {Count(decision.Choices.Count, "unit")} chosen{stop}{replay}"));
            if (decision.Choices.Count > 0)
            {
                var table = new TextTable("reason", "optimizer", "s", "size", "seed", "why");
                foreach (var choice in decision.Choices)
                {
                    table.Add(
                        DesignLabels.Reason(choice.Reason), choice.Optimizer, FitTables.Format(choice.Spectrum, "0.###"),
                        choice.Size.ToString(CultureInfo.InvariantCulture), choice.Seed.ToString(CultureInfo.InvariantCulture), choice.Explanation);
                }

                foreach (var line in table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    text.Append("  ").AppendLine(line);
                }
            }
        }

        return text.AppendLine(Verdict(decisions)).ToString();
    }

    /// <summary>"all 12 decisions replay to the same choices", or the decisions that do not.</summary>
    public static string Verdict(IReadOnlyList<DesignLogEntry> decisions)
    {
        var differing = decisions.Where(d => !d.Replayed).Select(d => d.Number).ToList();
        return differing.Count == 0
            ? Invariant($"All {decisions.Count} decisions replay to the same choices.")
            : Invariant($"{differing.Count} of {decisions.Count} decisions do not replay to the same choices: {string.Join(", ", differing)}.");
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : Invariant($"{count} {noun}s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
