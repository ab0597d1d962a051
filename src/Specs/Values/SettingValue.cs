using System.Globalization;
using System.Text.Json;

namespace Orchestrator.Specs.Values;

/// <summary>
/// A resolved, validated setting value: an integer, a finite real or a normalised text (e.g. <c>auto</c>,
/// <c>finite:100</c>). Reals print with the shortest round-trip form ("R"), so equal values always serialise equally.
/// </summary>
public sealed record SettingValue
{
    private SettingValue(SettingKind kind, long integer, double real, string text)
    {
        Kind = kind;
        Integer = integer;
        Real = real;
        Text = text;
    }

    public SettingKind Kind { get; }
    public long Integer { get; }
    public double Real { get; }
    public string Text { get; }

    public static SettingValue FromInteger(long value) => new(SettingKind.Integer, value, 0, "");

    /// <summary>A real value; must be finite (validation guarantees it). Negative zero is normalised to zero.</summary>
    public static SettingValue FromReal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a setting value must be finite");
        }

        return new(SettingKind.Real, 0, value == 0 ? 0.0 : value, "");
    }

    public static SettingValue FromText(string value) => new(SettingKind.Text, 0, 0, value);

    /// <summary>The value as a double (integers convert exactly up to 2^53).</summary>
    public double AsDouble() => Kind switch
    {
        SettingKind.Integer => Integer,
        SettingKind.Real => Real,
        _ => throw new InvalidOperationException($"'{Text}' is not a number"),
    };

    /// <summary>The value as an int; throws when it is not an integer in range.</summary>
    public int AsInt32() => Kind == SettingKind.Integer
        ? checked((int)Integer)
        : throw new InvalidOperationException($"{this} is not an integer");

    /// <summary>The canonical scalar text: integers and "R" reals in invariant culture, texts as they are.</summary>
    public override string ToString() => Kind switch
    {
        SettingKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        SettingKind.Real => FormatReal(Real),
        _ => Text,
    };

    internal void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case SettingKind.Integer:
                writer.WriteNumberValue(Integer);
                break;
            case SettingKind.Real:
                writer.WriteRawValue(FormatReal(Real));
                break;
            default:
                writer.WriteStringValue(Text);
                break;
        }
    }

    /// <summary>Shortest text that parses back to the same double, in invariant culture (valid JSON for finite values).</summary>
    public static string FormatReal(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
