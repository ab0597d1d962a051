using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Specs.Values;

/// <summary>
/// Byte counts as people write them: a whole number of bytes, or a number with a binary unit (<c>512MiB</c>,
/// <c>8 GiB</c>, <c>1.5TiB</c>; <c>K</c>, <c>M</c>, <c>G</c>, <c>T</c> and <c>KB</c>… are read as the binary units too).
/// </summary>
public static partial class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>Parses <paramref name="text"/>; false for anything else, zero, negatives and overflow.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success
            || !double.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var power = match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "" or "B" => 0,
            var unit => "KMGT".IndexOf(unit[0], StringComparison.Ordinal) + 1,
        };
        var value = number * Math.Pow(1024, power);
        if (value < 1 || value >= long.MaxValue)
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    /// <summary>Three significant figures in the largest binary unit that keeps the number at least 1, e.g. <c>8 GiB</c>.</summary>
    public static string Format(long bytes)
    {
        var value = (double)bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {Units[unit]}");
    }

    [GeneratedRegex(@"\A(?<number>[0-9]+(\.[0-9]+)?)\s*(?<unit>[KMGT](i?B)?|B)?\z", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
