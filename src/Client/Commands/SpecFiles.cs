using System.CommandLine;
using Orchestrator.Specs;
using Orchestrator.Specs.Values;

namespace Orchestrator.Client.Commands;

/// <summary>Loads a spec file for a command; a spec with errors stops the command with exit code 2.</summary>
public static class SpecFiles
{
    public static readonly Option<string?> MaxCellMemory = new("--max-cell-memory")
    {
        Description = $"Refuse specs with a cell estimated to need more memory than this, e.g. 16GiB (default: ${SpecLimits.MaxCellMemoryVariable}, else {ByteSize.Format(SpecLimits.DefaultMaxCellBytes)})",
        Recursive = true,
    };

    public static SweepSpec Load(ParseResult parse, string path)
    {
        var parsed = SpecParser.ParseFile(path, Limits(parse));
        if (!parsed.IsValid)
        {
            throw new SpecRejectedException(path, parsed.Errors);
        }

        return parsed.Spec!;
    }

    /// <summary>The default limits with the per-cell memory limit from the option, the environment, or its default.</summary>
    public static SpecLimits Limits(ParseResult parse)
    {
        var (text, source) = parse.GetValue(MaxCellMemory) is { } option
            ? (option, MaxCellMemory.Name)
            : (Environment.GetEnvironmentVariable(SpecLimits.MaxCellMemoryVariable), "$" + SpecLimits.MaxCellMemoryVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return SpecLimits.Default;
        }

        return ByteSize.TryParse(text, out var bytes)
            ? SpecLimits.Default with { MaxCellBytes = bytes }
            : throw new UsageException($"{source}: must be a byte size such as 8GiB or 512MiB, got '{text}'");
    }
}

/// <summary>A spec that failed validation: each error is printed on its own line, then the command exits 2.</summary>
public sealed class SpecRejectedException(string path, IReadOnlyList<SpecError> errors)
    : Exception($"{path}: {errors.Count} error(s)")
{
    public string SpecPath { get; } = path;
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
