using System.Globalization;

namespace Orchestrator.Grains.Telemetry;

/// <summary>The checks and formats shared by every orchestrator instrument's labels, which must stay bounded.</summary>
internal static class MetricLabels
{
    public static KeyValuePair<string, object?> Label(string name, string value) => new(name, value);

    /// <summary><paramref name="labels"/> followed by one more label, as a new array.</summary>
    public static KeyValuePair<string, object?>[] With(KeyValuePair<string, object?>[] labels, string name, string value)
    {
        var all = new KeyValuePair<string, object?>[labels.Length + 1];
        labels.CopyTo(all, 0);
        all[^1] = Label(name, value);
        return all;
    }

    /// <summary>A spectrum exponent in invariant form (1.25, not 1,25), whatever the silo's culture.</summary>
    public static string FormatSpectrum(double spectrum) => spectrum.ToString(CultureInfo.InvariantCulture);

    public static void RequireLabel(string value, string name) => ArgumentException.ThrowIfNullOrWhiteSpace(value, name);

    public static void RequireSpectrum(double spectrum)
    {
        if (!double.IsFinite(spectrum))
        {
            throw new ArgumentOutOfRangeException(nameof(spectrum), spectrum, "The spectrum exponent must be finite.");
        }
    }

    public static void RequireSweep(string sweep)
    {
        // Mirrors the spec's validation: the sweep name is a label, so its set of values must stay small and safe.
        if (string.IsNullOrEmpty(sweep) || sweep.Length > 64 || !sweep.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException("A sweep name is 1 to 64 characters of [A-Za-z0-9_-].", nameof(sweep));
        }
    }
}
