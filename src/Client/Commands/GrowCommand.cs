using System.CommandLine;
using Orchestrator.Client.Connection;
using Orchestrator.Grains;
using Orchestrator.Specs;
using Orchestrator.Specs.Validation;

namespace Orchestrator.Client.Commands;

/// <summary>
/// <c>orchestrator grow ID --seed 3,4 --size 8192</c>: adds values to a sweep's grid axes, as resubmitting its spec
/// with those values would. The sweep keeps every cell it has (same ids, results and attempts), runs only the new
/// cells and refits; a finished sweep runs again. Each flag is named after an axis: the four core axes, or any
/// setting axis the sweep sweeps (e.g. <c>--lr 0.01,0.1</c>). Returns at once, as <c>submit</c> does.
/// </summary>
public static class GrowCommand
{
    public static Command Create()
    {
        var id = CommonOptions.SweepId();
        var axes = CoreAxes.Keys.Select(key => new Option<string[]>("--" + key)
        {
            Description = $"Values to add to grid.{key}, comma-separated (e.g. {Example(key)})",
            // One value list per flag, so that an unknown flag after it is read as a flag and not as a value.
            AllowMultipleArgumentsPerToken = false,
        }).ToList();
        var command = new Command("grow",
            "Add values to a sweep's grid axes and run only the new cells (--AXIS V1,V2 for a setting axis the sweep sweeps)")
        {
            id,
        };
        foreach (var axis in axes)
        {
            command.Options.Add(axis);
        }

        // Setting axes differ per sweep, so their flags are read from the tokens left over.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var additions = axes
                .Where(axis => parse.GetValue(axis) is { Length: > 0 })
                .Select(axis => KeyValuePair.Create(axis.Name[2..], SplitValues(parse.GetValue(axis)!)))
                .Concat(SettingAxisFlags(parse.UnmatchedTokens))
                .ToList();
            if (additions.Count == 0)
            {
                throw new UsageException("grow: name at least one axis and the values to add, e.g. --seed 3,4 or --size 8192");
            }

            var limits = SpecFiles.Limits(parse);
            await using var connection = await ClusterConnection.OpenAsync(CommonOptions.Connection(parse), dispatch: false, cancellationToken);
            var session = new SweepSession(connection.Client, parse.GetRequiredValue(id));
            var stored = await session.SpecAsync();
            var extension = GridExtension.Add(stored, additions, limits);
            if (extension.Errors.Count > 0)
            {
                throw new UsageException(string.Join("\n", extension.Errors.Select(FlagError)));
            }

            foreach (var present in extension.AlreadyPresent)
            {
                Console.Error.WriteLine($"{FlagOf(present)}: {present[(present.IndexOf(':', StringComparison.Ordinal) + 2)..]} is in the sweep already");
            }

            var outcome = await session.SubmitAsync(extension.Spec!, replace: false);
            Console.WriteLine(outcome.Kind == SubmitKind.Grown
                ? SweepSession.Describe(outcome, stored.Adaptive is not null)
                : $"Sweep '{stored.Name}' has every value given already; nothing to grow.");
            SubmitCommand.SayWhenUnhosted(connection, outcome.Status, "the new cells are stored and run");
            return ExitCodes.Ok;
        });
        return command.WithExamples(
            "orchestrator grow paper-scale --seed 3,4",
            "orchestrator grow paper-scale --size 8192 --optimizer adam",
            "orchestrator grow lr-sweep --lr 0.003");
    }

    /// <summary>
    /// The setting-axis flags among the tokens no declared option took: <c>--NAME V1,V2</c> or <c>--NAME=V1,V2</c>,
    /// each followed by its values. A value before any flag is bad input.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> SettingAxisFlags(IReadOnlyList<string> tokens)
    {
        var flags = new List<(string Name, List<string> Values)>();
        foreach (var token in tokens)
        {
            if (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2)
            {
                var equals = token.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? token[2..] : token[2..equals];
                flags.Add((name, equals < 0 ? [] : [token[(equals + 1)..]]));
            }
            else if (flags.Count == 0)
            {
                throw new UsageException($"grow: unexpected '{token}'; give values after the flag of their axis, e.g. --seed 3,4");
            }
            else
            {
                flags[^1].Values.Add(token);
            }
        }

        foreach (var (name, values) in flags)
        {
            if (values.Count == 0)
            {
                throw new UsageException($"--{name}: give the values to add, e.g. --{name} V1,V2");
            }

            yield return KeyValuePair.Create(name, SplitValues(values));
        }
    }

    private static IReadOnlyList<string> SplitValues(IEnumerable<string> tokens)
    {
        var values = tokens.SelectMany(t => t.Split(',')).Select(v => v.Trim()).ToList();
        return values.Any(v => v.Length == 0)
            ? throw new UsageException("grow: an empty value in a comma-separated list")
            : values;
    }

    /// <summary>An error at <c>grid.AXIS</c> or <c>grid.AXIS[i]</c> is the flag's; others keep their field path.</summary>
    private static string FlagError(SpecError error) =>
        error.Path.StartsWith(SpecBuilder.GridKey + ".", StringComparison.Ordinal)
            ? $"{FlagOf(error.Path)}: {error.Message}"
            : error.ToString();

    private static string FlagOf(string gridPath)
    {
        var axis = gridPath[(SpecBuilder.GridKey.Length + 1)..];
        var end = axis.IndexOfAny(['[', ':']);
        return "--" + (end < 0 ? axis : axis[..end]);
    }

    private static string Example(string key) => key switch
    {
        CoreAxes.OptimizerKey => "adam,muon",
        CoreAxes.SpectrumKey => "2.0",
        CoreAxes.SizeKey => "8192",
        _ => "3,4",
    };
}
