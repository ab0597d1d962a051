using System.Text;

namespace Orchestrator.Specs.Validation;

/// <summary>
/// Makes error text safe to print one error per line: control characters (newlines included) are escaped and long
/// text is cut, since messages quote user input.
/// </summary>
public static class MessageText
{
    public const int MaxLength = 400;

    public static SpecError Sanitize(SpecError error) => new(Clean(error.Path), Clean(error.Message));

    public static string Clean(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength) + 8);
        foreach (var c in text)
        {
            if (builder.Length >= MaxLength)
            {
                // Never leave half of a surrogate pair at the cut.
                if (char.IsHighSurrogate(builder[^1]))
                {
                    builder.Length--;
                }

                builder.Append('…');
                break;
            }

            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) => builder.Append($"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
