using System.Text;
using System.Text.Json;
using Orchestrator.Numerics.Training;

namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// Reads a runner's standard output: one JSON object a line, blank lines ignored. <c>{"step": int, "loss": number}</c>
/// is progress; <c>{"final_loss": number, "measurements": {name: number}}</c> (measurements optional) is the result,
/// and nothing may follow it. Other keys are ignored. A loss or measurement may be non-finite: JSON <c>null</c>, the
/// strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>, or the same words bare, as Python's <c>json</c>
/// module writes them.
/// </summary>
internal sealed class RunnerOutputReader(string runner, IProgress<(int Step, double Loss)>? progress)
{
    /// <summary>The longest line read (characters): a runner dumping an array on one line fails rather than fills memory.</summary>
    public const int MaxLineChars = 1 << 20;

    /// <summary>The most progress lines kept.</summary>
    public const int MaxCurvePoints = 100_000;

    private const int QuotedChars = 200;

    private static readonly string[] NamedNumbers = ["-Infinity", "Infinity", "NaN"];

    private readonly List<LossPoint> _curve = [];
    private int _line;

    public IReadOnlyList<LossPoint> Curve => _curve;

    public double? FinalLoss { get; private set; }

    public IReadOnlyDictionary<string, double> Measurements { get; private set; } = new Dictionary<string, double>();

    /// <summary>Reads to the end of <paramref name="output"/>; returns null, or why the output was rejected (reading stops there).</summary>
    public async Task<string?> ReadAsync(TextReader output)
    {
        var buffer = new char[4096];
        var line = new StringBuilder();
        while (true)
        {
            int read;
            try
            {
                read = await output.ReadAsync(buffer).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // The pipe went away under a killed or disposed process: the runner decides what that means.
                return null;
            }

            if (read == 0)
            {
                return line.Length > 0 ? Accept(line.ToString()) : null;
            }

            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    continue;
                }

                line.Append(buffer, start, i - start);
                start = i + 1;
                if (Accept(line.ToString()) is { } error)
                {
                    return error;
                }

                line.Clear();
            }

            line.Append(buffer, start, read - start);
            if (line.Length > MaxLineChars)
            {
                return $"runner '{runner}' printed a line longer than {MaxLineChars} characters (stdout line {_line + 1})";
            }
        }
    }

    private string? Accept(string text)
    {
        _line++;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (FinalLoss is not null)
        {
            return $"runner '{runner}' printed a line after its final line (stdout line {_line}): '{Quote(trimmed)}'";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(QuoteNamedNumbers(trimmed));
        }
        catch (JsonException)
        {
            return NotAnObject(trimmed);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return NotAnObject(trimmed);
            }

            if (root.TryGetProperty("final_loss", out var final))
            {
                return ReadFinal(root, final, trimmed);
            }

            if (root.TryGetProperty("step", out var step) && root.TryGetProperty("loss", out var loss))
            {
                return ReadProgress(step, loss, trimmed);
            }

            return Unexpected("expected {\"step\": …, \"loss\": …} or {\"final_loss\": …}", trimmed);
        }
    }

    private string? ReadProgress(JsonElement step, JsonElement loss, string text)
    {
        if (step.ValueKind != JsonValueKind.Number || !step.TryGetInt32(out var stepValue) || stepValue < 0)
        {
            return Unexpected("'step' must be a non-negative integer", text);
        }

        if (ReadNumber(loss) is not { } lossValue)
        {
            return Unexpected("'loss' must be a number", text);
        }

        if (_curve.Count == MaxCurvePoints)
        {
            return $"runner '{runner}' printed more than {MaxCurvePoints} progress lines (stdout line {_line})";
        }

        _curve.Add(new LossPoint(stepValue, lossValue));
        progress?.Report((stepValue, lossValue));
        return null;
    }

    private string? ReadFinal(JsonElement root, JsonElement final, string text)
    {
        if (ReadNumber(final) is not { } finalLoss)
        {
            return Unexpected("'final_loss' must be a number", text);
        }

        var measurements = new Dictionary<string, double>(StringComparer.Ordinal);
        if (root.TryGetProperty("measurements", out var named) && named.ValueKind != JsonValueKind.Null)
        {
            if (named.ValueKind != JsonValueKind.Object)
            {
                return Unexpected("'measurements' must be an object of names and numbers", text);
            }

            foreach (var measurement in named.EnumerateObject())
            {
                if (measurement.Name.Length == 0 || ReadNumber(measurement.Value) is not { } value)
                {
                    return Unexpected($"measurement '{measurement.Name}' must be a named number", text);
                }

                measurements[measurement.Name] = value;
            }
        }

        FinalLoss = finalLoss;
        Measurements = measurements;
        return null;
    }

    /// <summary>A number, NaN for null or a non-finite word, or null when the value is not numeric.</summary>
    private static double? ReadNumber(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetDouble(out var number)
            ? number
            // Out of double's range: an overflowing loss is infinite, as it would be in the runner.
            : value.GetRawText().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity,
        JsonValueKind.Null => double.NaN,
        JsonValueKind.String => value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => null,
        },
        _ => null,
    };

    /// <summary>Turns bare <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> outside strings into JSON strings.</summary>
    internal static string QuoteNamedNumbers(string line)
    {
        if (!line.Contains("NaN", StringComparison.Ordinal) && !line.Contains("Infinity", StringComparison.Ordinal))
        {
            return line;
        }

        var result = new StringBuilder(line.Length + 8);
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < line.Length)
                {
                    result.Append(line[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                result.Append(c);
                continue;
            }

            var word = NamedNumbers.FirstOrDefault(w =>
                string.CompareOrdinal(line, i, w, 0, w.Length) == 0
                && (i + w.Length == line.Length || !char.IsAsciiLetterOrDigit(line[i + w.Length]))
                && (i == 0 || !char.IsAsciiLetterOrDigit(line[i - 1])));
            if (word is null)
            {
                result.Append(c);
                continue;
            }

            result.Append('"').Append(word).Append('"');
            i += word.Length - 1;
        }

        return result.ToString();
    }

    private string NotAnObject(string text) =>
        $"runner '{runner}' printed a line that is not a JSON object (stdout line {_line}): '{Quote(text)}'";

    private string Unexpected(string problem, string text) =>
        $"runner '{runner}' printed a line that is neither progress nor a result (stdout line {_line}: {problem}): '{Quote(text)}'";

    private static string Quote(string text) =>
        text.Length <= QuotedChars ? text : string.Concat(text.AsSpan(0, QuotedChars), "…");
}
