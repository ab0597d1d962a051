using System.Text;
using CsCheck;

namespace Orchestrator.Specs.Tests;

/// <summary>
/// Property: valid specs edited line by line (lines deleted, duplicated, swapped, values exchanged or replaced by
/// hostile ones, random bytes inserted, the text truncated) either validate or give errors with messages; parsing
/// never throws and never hangs. Each input runs under a generous time guard (a hang fails the test instead of
/// stalling it); this bounds, it does not time. CsCheck prints the seed of a failing input (<c>CsCheck_Seed</c>
/// replays it).
/// </summary>
public sealed class LineEditFuzzTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    // Values an edit may write in place of another: edges of every range, non-finite spellings, huge numbers.
    private static readonly string[] HostileValues =
    [
        ".nan", ".inf", "-.inf", "1e999", "-1e999", "0", "-0", "1", "-1", "65536", "65537", "2147483647", "2147483648",
        "9223372036854775808", "1e-320", "auto", "~", "''", "[]", "{}", "[1, [2]]", "finite:2147483647", "online:1",
        "finite:0", "population", "adam", "ng-power", "'\u0000'", "\"\\u0000\"", "&a x", "*a", "!!binary AAAA",
        "[" + string.Join(", ", Enumerable.Range(0, 300)) + "]", new string('9', 400),
    ];

    private static readonly Gen<(int Kind, double At, double Other, string Value, byte[] Bytes)> LineEdit =
        Gen.Select(Gen.Int[0, 6], Gen.Double[0, 1], Gen.Double[0, 1], Gen.OneOf(HostileValues), Gen.Byte.Array[1, 12]);

    private static readonly Gen<string> EditedSpec =
        Gen.Select(Gen.Int[0, SpecFuzzing.Templates.Length - 1], LineEdit.Array[1, 5])
            .Select((template, edits) =>
            {
                var lines = SpecFuzzing.Templates[template].Split('\n').ToList();
                foreach (var edit in edits)
                {
                    Apply(lines, edit);
                }

                return string.Join('\n', lines);
            });

    [Fact]
    public void Line_edited_specs_validate_or_give_errors() =>
        EditedSpec.Sample(GuardedParse, iter: 3000);

    [Fact]
    public void Some_line_edited_specs_stay_valid()
    {
        // Guards the property above against vacuity: the edits must also reach the valid path, expansion included.
        var valid = SpecFuzzing.CountValid(EditedSpec, iter: 300);

        Assert.True(valid > 0, "no edited spec stayed valid");
    }

    private static void Apply(List<string> lines, (int Kind, double At, double Other, string Value, byte[] Bytes) edit)
    {
        if (lines.Count == 0)
        {
            lines.Add(edit.Value);
            return;
        }

        var i = Math.Min(lines.Count - 1, (int)(edit.At * lines.Count));
        var j = Math.Min(lines.Count - 1, (int)(edit.Other * lines.Count));
        switch (edit.Kind)
        {
            case 0:
                lines.RemoveAt(i);
                break;
            case 1:
                lines.Insert(i, lines[i]);
                break;
            case 2:
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            case 3:
                // Exchange the values of two "key: value" lines.
                var (keyI, valueI) = Split(lines[i]);
                var (keyJ, valueJ) = Split(lines[j]);
                lines[i] = keyI + valueJ;
                lines[j] = keyJ + valueI;
                break;
            case 4:
                lines[i] = Split(lines[i]).Key + " " + edit.Value;
                break;
            case 5:
                var at = (int)(edit.Other * lines[i].Length);
                lines[i] = lines[i].Insert(at, Encoding.Latin1.GetString(edit.Bytes));
                break;
            default:
                // Truncate the document within line i.
                lines.RemoveRange(i + 1, lines.Count - i - 1);
                lines[i] = lines[i][..(int)(edit.Other * lines[i].Length)];
                break;
        }
    }

    private static (string Key, string Value) Split(string line)
    {
        var colon = line.IndexOf(':');
        return colon < 0 ? ("", line) : (line[..(colon + 1)], line[(colon + 1)..]);
    }

    private static void GuardedParse(string text)
    {
        var parse = Task.Run(() => SpecParser.Parse(text));
        Assert.True(parse.Wait(Guard), $"parsing did not end within {Guard}: {text[..Math.Min(200, text.Length)]}");
        SpecFuzzing.AssertSpecOrErrors(parse.Result);
    }
}
