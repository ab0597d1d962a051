using System.Text;
using Orchestrator.Numerics.Design;
using Orchestrator.Specs;

namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// How an adaptive sweep's policy, stop and reasons are written in labels, tables and JSON: lower-case words joined
/// by '-' (<c>TargetMet</c> → <c>target-met</c>), the policies as the spec names them (<c>full-grid</c>,
/// <c>random</c>). A name already written so is kept.
/// </summary>
public static class DesignLabels
{
    /// <summary>Every value of the <c>reason</c> label of <c>orchestrator_design_stopped</c>.</summary>
    public static IReadOnlyList<string> Stops { get; } = [.. Enum.GetValues<DesignStop>().Select(stop => Words(stop.ToString()))];

    /// <summary>The stop's label, or null for a name that is not a <see cref="DesignStop"/>.</summary>
    public static string? Stop(string stop)
    {
        var label = Words(stop);
        return Stops.Contains(label, StringComparer.Ordinal) ? label : null;
    }

    /// <summary>The spec's name of a policy, given that name or a <see cref="DesignPolicyKind"/> name.</summary>
    public static string Policy(string policy) =>
        Enum.GetNames<DesignPolicyKind>().Contains(policy, StringComparer.Ordinal)
            ? AdaptiveSettings.NameOf(Enum.Parse<DesignPolicyKind>(policy))
            : policy;

    public static string Reason(string reason) => Words(reason);

    /// <summary>"TargetMet" → "target-met"; "full-grid" stays.</summary>
    private static string Words(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && name[i - 1] != '-')
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
