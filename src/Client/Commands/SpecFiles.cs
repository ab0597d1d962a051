using Orchestrator.Specs;

namespace Orchestrator.Client.Commands;

/// <summary>Loads a spec file for a command; a spec with errors stops the command with exit code 2.</summary>
public static class SpecFiles
{
    public static SweepSpec Load(string path)
    {
        var parsed = SpecParser.ParseFile(path);
        if (!parsed.IsValid)
        {
            throw new SpecRejectedException(path, parsed.Errors);
        }

        return parsed.Spec!;
    }
}

/// <summary>A spec that failed validation: each error is printed on its own line, then the command exits 2.</summary>
public sealed class SpecRejectedException(string path, IReadOnlyList<SpecError> errors)
    : Exception($"{path}: {errors.Count} error(s)")
{
    public string SpecPath { get; } = path;
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
