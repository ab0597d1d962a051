using System.Text;
using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Yaml;

namespace Orchestrator.Specs;

/// <summary>
/// Parses and validates sweep specs (YAML). Never throws: every problem is a <see cref="SpecError"/> naming its field
/// path. Input size, nesting depth, axis length and grid size are bounded by <see cref="SpecLimits"/>; YAML anchors and
/// aliases are refused, so parsing time and memory are linear in the input. A valid spec whose largest cell is
/// estimated to need more than <see cref="SpecLimits.MaxCellBytes"/> is refused too.
/// </summary>
public static class SpecParser
{
    public static SpecParseResult Parse(string yamlText) => Parse(yamlText, SpecLimits.Default);

    public static SpecParseResult Parse(string yamlText, SpecLimits limits)
    {
        var errors = new List<SpecError>();
        try
        {
            if (yamlText is null)
            {
                return Failed(new SpecError("(spec)", "no text given"));
            }

            // Counting bytes of a huge string is cheap next to parsing it; the char count bounds it first.
            if (yamlText.Length > limits.MaxTextBytes || Encoding.UTF8.GetByteCount(yamlText) > limits.MaxTextBytes)
            {
                return Failed(new SpecError("(spec)", $"the spec is larger than {limits.MaxTextBytes} bytes"));
            }

            var root = YamlTreeReader.Read(yamlText, limits, errors);
            var spec = root is null ? null : SpecBuilder.Build(root, limits, errors);
            if (spec is not null && errors.Count == 0)
            {
                CellMemoryCheck.Check(spec, limits, errors);
            }

            return new SpecParseResult(errors.Count == 0 ? spec : null, Report(errors, limits));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A safety net: validation is written not to throw, but a caller must always get errors, never an exception.
            errors.Add(new SpecError("(spec)", $"could not be read: {e.GetType().Name}: {e.Message}"));
            return new SpecParseResult(null, Report(errors, limits));
        }
    }

    public static SpecParseResult ParseFile(string path) => ParseFile(path, SpecLimits.Default);

    public static SpecParseResult ParseFile(string path, SpecLimits limits)
    {
        const string FilePath = "(file)";
        try
        {
            if (Directory.Exists(path))
            {
                return Failed(new SpecError(FilePath, $"'{path}' is a directory, not a spec file"));
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failed(new SpecError(FilePath, $"'{path}' does not exist"));
            }

            if (info.Length > limits.MaxTextBytes)
            {
                return Failed(new SpecError(FilePath,
                    $"'{path}' is {info.Length} bytes; the limit is {limits.MaxTextBytes}"));
            }

            return Parse(File.ReadAllText(path, Encoding.UTF8), limits);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                      or NotSupportedException or System.Security.SecurityException)
        {
            return Failed(new SpecError(FilePath, $"'{path}' could not be read: {e.Message}"));
        }
    }

    private static List<SpecError> Report(List<SpecError> errors, SpecLimits limits)
    {
        var shown = errors.Take(limits.MaxErrors).Select(MessageText.Sanitize).ToList();
        if (errors.Count > limits.MaxErrors)
        {
            shown.Add(new SpecError("(spec)", $"{errors.Count - limits.MaxErrors} more errors not shown"));
        }

        return shown;
    }

    private static SpecParseResult Failed(SpecError error) => new(null, [MessageText.Sanitize(error)]);
}
