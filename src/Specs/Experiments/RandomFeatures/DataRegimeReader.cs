using System.Globalization;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Specs.Values;

namespace Orchestrator.Specs.Experiments.RandomFeatures;

/// <summary>
/// Reads <c>data</c>: <c>population</c>, <c>finite:D</c> or <c>online:B</c> with D, B positive integers; the value is
/// kept in the normalised form <see cref="DataRegime.ToString"/> prints (so <c>finite: 0100</c> and <c>finite:100</c>
/// define the same cell).
/// </summary>
public static class DataRegimeReader
{
    private const string Expected = "expected 'population', 'finite:D' or 'online:B' with D, B positive integers";

    public static ScalarOutcome Read(string text)
    {
        var regime = TryParse(text, out var error);
        return regime is { } value
            ? ScalarOutcome.Ok(SettingValue.FromText(value.ToString()))
            : ScalarOutcome.Fail(error!);
    }

    /// <summary>Parses a value already normalised by <see cref="Read"/>.</summary>
    public static DataRegime Parse(string text) =>
        TryParse(text, out var error) ?? throw new FormatException($"data: {error}");

    private static DataRegime? TryParse(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed == "population")
        {
            return DataRegime.Population;
        }

        var colon = trimmed.IndexOf(':');
        var kind = colon < 0 ? trimmed : trimmed[..colon].Trim();
        DataRegimeKind? parsedKind = kind switch
        {
            "finite" => DataRegimeKind.Finite,
            "online" => DataRegimeKind.Online,
            _ => null,
        };
        if (parsedKind is null || colon < 0)
        {
            error = $"{Expected}, got '{text}'";
            return null;
        }

        var count = trimmed[(colon + 1)..].Trim();
        var letter = parsedKind == DataRegimeKind.Finite ? "D" : "B";
        if (count.Length == 0 || !count.All(char.IsAsciiDigit))
        {
            error = count.StartsWith('-') && count.Length > 1 && count[1..].All(char.IsAsciiDigit)
                ? $"{letter} in '{kind}:{letter}' must be a positive integer, got '{text}'"
                : $"{Expected}, got '{text}'";
            return null;
        }

        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var samples))
        {
            error = $"{letter} in '{kind}:{letter}' must be at most {int.MaxValue}, got '{text}'";
            return null;
        }

        if (samples <= 0)
        {
            error = $"{letter} in '{kind}:{letter}' must be a positive integer, got '{text}'";
            return null;
        }

        return new DataRegime(parsedKind.Value, samples);
    }
}
