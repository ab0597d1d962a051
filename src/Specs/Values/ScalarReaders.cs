using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Specs.Values;

/// <summary>
/// Readers of scalar text into validated <see cref="SettingValue"/>s. Numbers use the invariant culture; NaN and the
/// infinities (in any spelling, YAML's <c>.nan</c>/<c>.inf</c> included) are refused; messages quote what was written.
/// </summary>
public static partial class ScalarReaders
{
    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Func<string, ScalarOutcome> Integer(long min, long max) => text =>
    {
        var trimmed = text.Trim();
        if (!IntegerPattern().IsMatch(trimmed))
        {
            return ScalarOutcome.Fail($"must be an integer, got '{text}'");
        }

        // Digits beyond the range of long are out of range on one side or the other.
        var parsed = long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value);
        if (parsed ? value < min : trimmed.StartsWith('-'))
        {
            return ScalarOutcome.Fail($"{LowerBound(min, max)}, got {trimmed}");
        }

        if (!parsed || value > max)
        {
            return ScalarOutcome.Fail($"must be at most {max.ToString(CultureInfo.InvariantCulture)}, got {trimmed}");
        }

        return ScalarOutcome.Ok(SettingValue.FromInteger(value));
    };

    /// <summary>A finite real in the given interval; the bounds may be open or closed.</summary>
    public static Func<string, ScalarOutcome> Real(Interval interval) => text =>
    {
        var number = ParseReal(text);
        if (number.Error is not null)
        {
            return number;
        }

        var value = number.Value!.Real;
        return interval.Contains(value)
            ? number
            : ScalarOutcome.Fail($"must be in {interval}, got {SettingValue.FormatReal(value)}");
    };

    /// <summary><c>auto</c>, or a finite real in the interval.</summary>
    public static Func<string, ScalarOutcome> AutoOrReal(Interval interval)
    {
        var real = Real(interval);
        return text =>
        {
            if (text.Trim() == Auto)
            {
                return ScalarOutcome.Ok(SettingValue.FromText(Auto));
            }

            var number = real(text);
            return number.Error is { } error ? ScalarOutcome.Fail($"{error} (or 'auto')") : number;
        };
    }

    /// <summary>One of a fixed set of words.</summary>
    public static Func<string, ScalarOutcome> OneOf(IReadOnlyList<string> words, string what) => text =>
        words.Contains(text.Trim(), StringComparer.Ordinal)
            ? ScalarOutcome.Ok(SettingValue.FromText(text.Trim()))
            : ScalarOutcome.Fail($"unknown {what} '{text}'; known: {string.Join(", ", words)}");

    /// <summary>
    /// A duration in whole seconds from <paramref name="minSeconds"/> to <paramref name="maxSeconds"/>: a number of
    /// seconds, or a whole number followed by <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (<c>90s</c>, <c>30m</c>,
    /// <c>6h</c>). The value is the number of seconds, as an integer.
    /// </summary>
    public static Func<string, ScalarOutcome> Seconds(long minSeconds, long maxSeconds) => text =>
    {
        var match = DurationPattern().Match(text.Trim());
        var unit = match.Success ? match.Groups[2].Value switch
        {
            "m" => 60L,
            "h" => 3600L,
            "d" => 86400L,
            _ => 1L,
        } : 0;
        // Digits beyond the range of long, or a product beyond it, are out of range.
        if (match.Success
            && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count <= maxSeconds / unit
            && count * unit >= minSeconds)
        {
            return ScalarOutcome.Ok(SettingValue.FromInteger(count * unit));
        }

        return ScalarOutcome.Fail(
            $"must be a duration of {Describe(minSeconds)} to {Describe(maxSeconds)}: seconds, or a whole number with " +
            $"s, m, h or d (90s, 30m, 6h), got '{text}'");
    };

    private static string Describe(long seconds) => seconds switch
    {
        1 => "1 second",
        _ when seconds % 86400 == 0 => $"{(seconds / 86400).ToString(CultureInfo.InvariantCulture)} days",
        _ when seconds % 3600 == 0 => $"{(seconds / 3600).ToString(CultureInfo.InvariantCulture)} hours",
        _ => $"{seconds.ToString(CultureInfo.InvariantCulture)} seconds",
    };

    /// <summary>The word that asks for an automatic learning rate.</summary>
    public const string Auto = "auto";

    private static ScalarOutcome ParseReal(string text)
    {
        var trimmed = text.Trim();
        if (NonFinitePattern().IsMatch(trimmed))
        {
            return ScalarOutcome.Fail($"must be a finite number, got '{text}'");
        }

        if (!RealPattern().IsMatch(trimmed)
            || !double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return ScalarOutcome.Fail($"must be a number, got '{text}'");
        }

        // Overflowing literals such as 1e999 parse to infinity.
        return double.IsFinite(value)
            ? ScalarOutcome.Ok(SettingValue.FromReal(value))
            : ScalarOutcome.Fail($"must be a finite number, got '{text}'");
    }

    private static string LowerBound(long min, long max) => min switch
    {
        1 => "must be a positive integer",
        0 => "must be a non-negative integer",
        _ => $"must be an integer from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}",
    };

    // \A and \z, not ^ and $ ('$' also matches before a final newline); the text is trimmed first anyway.
    [GeneratedRegex(@"\A([0-9]+)(s|m|h|d)?\z")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"\A[+-]?[0-9]+\z")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"\A[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\z")]
    private static partial Regex RealPattern();

    [GeneratedRegex(@"\A[+-]?\.?(nan|inf|infinity)\z", RegexOptions.IgnoreCase)]
    private static partial Regex NonFinitePattern();
}
