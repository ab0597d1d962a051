using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// The runners a silo declares, by name. Read from the configuration section <c>Runners</c>, one sub-section per
/// runner:
/// <code>
/// Runners:width-model:Executable = python3
/// Runners:width-model:Arguments:0 = examples/runners/width_model.py
/// Runners:width-model:Arguments:1 = --width
/// Runners:width-model:Arguments:2 = {size}
/// Runners:width-model:TimeoutSeconds = 600
/// Runners:width-model:WorkingDirectory = /srv/models        (optional)
/// Runners:width-model:AllowedEnvironment:0 = OMP_NUM_THREADS (optional)
/// </code>
/// (in appsettings.json: <c>"Runners": { "width-model": { "Executable": "python3", "Arguments": [ … ], … } }</c>).
/// Only what is declared here can ever run: a spec names a runner, never a program.
/// </summary>
public sealed class RunnerCatalog
{
    /// <summary>The configuration section of the runners.</summary>
    public const string Section = "Runners";

    private static readonly string[] Keys =
        ["Executable", "Arguments", "WorkingDirectory", RunnerDefinition.TimeoutKey, "AllowedEnvironment"];

    private readonly Dictionary<string, RunnerDefinition> _runners;

    /// <summary>
    /// A catalog of <paramref name="runners"/>; throws <see cref="ArgumentException"/> listing every problem (see
    /// <see cref="RunnerDefinition.Validate"/>) or a name declared twice.
    /// </summary>
    public RunnerCatalog(IEnumerable<RunnerDefinition> runners)
    {
        ArgumentNullException.ThrowIfNull(runners);
        var errors = new List<string>();
        _runners = new Dictionary<string, RunnerDefinition>(StringComparer.Ordinal);
        foreach (var runner in runners)
        {
            errors.AddRange(RunnerDefinition.Validate(runner));
            if (!_runners.TryAdd(runner.Name ?? "", runner))
            {
                errors.Add($"{RunnerDefinition.PathOf(runner.Name)}: declared twice");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(runners));
        }

        Names = _runners.Keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A catalog with no runners: every <c>command</c> cell fails to find its runner.</summary>
    public static RunnerCatalog Empty { get; } = new([]);

    /// <summary>The declared names, in ordinal order.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Count => _runners.Count;

    /// <summary>The runner called <paramref name="name"/> (names are case-sensitive).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out RunnerDefinition? runner) =>
        _runners.TryGetValue(name, out runner);

    /// <summary>
    /// The runner called <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> saying which runners this
    /// silo declares.
    /// </summary>
    public RunnerDefinition Get(string name) =>
        TryGet(name, out var runner)
            ? runner
            : throw new KeyNotFoundException(Count == 0
                ? $"no runner '{name}': this silo declares no runners (configuration section '{Section}')"
                : $"no runner '{name}': this silo declares {string.Join(", ", Names)}");

    /// <summary>
    /// Reads section <see cref="Section"/> of <paramref name="configuration"/> (empty when absent); throws
    /// <see cref="ArgumentException"/> with one line per problem, each naming its configuration path.
    /// </summary>
    public static RunnerCatalog Load(IConfiguration configuration) =>
        TryLoad(configuration, out var catalog, out var errors)
            ? catalog
            : throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(configuration));

    /// <summary>
    /// Reads section <see cref="Section"/>; on failure <paramref name="errors"/> holds one line per problem, e.g.
    /// <c>Runners:width-model:Executable: required</c>, and <paramref name="catalog"/> is null.
    /// </summary>
    public static bool TryLoad(IConfiguration configuration, [NotNullWhen(true)] out RunnerCatalog? catalog,
        out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var runners = new List<RunnerDefinition>();
        var section = configuration.GetSection(Section);
        if (section.Value is { Length: > 0 })
        {
            problems.Add($"{Section}: expected one section per runner, got the value '{section.Value}'");
        }

        foreach (var child in section.GetChildren())
        {
            var before = problems.Count;
            var runner = Read(child, problems);
            // Validate still runs on what could be read, so one pass reports every problem; a path already reported
            // (e.g. an unreadable TimeoutSeconds) is not reported twice.
            var reported = problems.Skip(before).Select(ErrorPath).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(RunnerDefinition.Validate(runner).Where(e => !reported.Contains(ErrorPath(e))));
            if (problems.Count == before)
            {
                runners.Add(runner);
            }
        }

        errors = problems;
        catalog = problems.Count == 0 ? new RunnerCatalog(runners) : null;
        return catalog is not null;
    }

    /// <summary>The configuration path an error line starts with.</summary>
    private static string ErrorPath(string error) => error[..Math.Max(0, error.IndexOf(": ", StringComparison.Ordinal))];

    private static RunnerDefinition Read(IConfigurationSection section, List<string> problems)
    {
        var path = section.Path;
        if (section.Value is { Length: > 0 })
        {
            problems.Add($"{path}: expected a section with {string.Join(", ", Keys)}, got the value '{section.Value}'");
        }

        foreach (var key in section.GetChildren().Select(c => c.Key))
        {
            // Configuration keys ignore case, so a misspelt key is the only way to lose a setting silently.
            if (!Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{path}:{key}: unknown key; expected {string.Join(", ", Keys)}");
            }
        }

        var executable = ReadValue(section, "Executable", problems) ?? "";
        var arguments = ReadList(section, "Arguments", problems);
        var folder = ReadValue(section, "WorkingDirectory", problems);
        var allowed = ReadList(section, "AllowedEnvironment", problems);
        var timeout = ReadTimeout(section, problems);
        return new RunnerDefinition(section.Key, executable, arguments, string.IsNullOrEmpty(folder) ? null : folder,
            timeout, allowed);
    }

    private static string? ReadValue(IConfigurationSection runner, string key, List<string> problems)
    {
        var section = runner.GetSection(key);
        if (section.GetChildren().Any())
        {
            problems.Add($"{section.Path}: expected a single value, got a section");
            return null;
        }

        return section.Value;
    }

    private static TimeSpan ReadTimeout(IConfigurationSection runner, List<string> problems)
    {
        var path = $"{runner.Path}:{RunnerDefinition.TimeoutKey}";
        var text = ReadValue(runner, RunnerDefinition.TimeoutKey, problems);
        if (string.IsNullOrWhiteSpace(text))
        {
            // Required on purpose: a runner that hangs would otherwise hold its slot for ever.
            problems.Add($"{path}: required (seconds a run may take)");
            return TimeSpan.Zero;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds))
        {
            problems.Add($"{path}: expected a number of seconds, got '{text}'");
            return TimeSpan.Zero;
        }

        // Range errors are Validate's, on the record; only a value TimeSpan cannot hold stops here.
        if (seconds > RunnerDefinition.MaxTimeout.TotalSeconds)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{path}: must be positive and at most {RunnerDefinition.MaxTimeout.TotalSeconds:0} (30 days), got {text}"));
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static IReadOnlyList<string> ReadList(IConfigurationSection runner, string key, List<string> problems)
    {
        var section = runner.GetSection(key);
        if (section.Value is { Length: > 0 })
        {
            problems.Add($"{section.Path}: expected a list ({key}:0, {key}:1, …), got the value '{section.Value}'");
            return [];
        }

        var items = new SortedDictionary<int, string>();
        foreach (var item in section.GetChildren())
        {
            if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                problems.Add($"{item.Path}: expected a list index (0, 1, …), got '{item.Key}'");
            }
            else if (item.GetChildren().Any())
            {
                problems.Add($"{item.Path}: expected a single value, got a section");
            }
            else
            {
                items[index] = item.Value ?? "";
            }
        }

        // Indexes order the list numerically (10 after 9); a gap would silently drop or shift an argument.
        var expected = 0;
        foreach (var index in items.Keys)
        {
            if (index != expected)
            {
                problems.Add($"{section.Path}: indexes must run 0, 1, 2, … without gaps; {key}:{expected} is missing");
                return [];
            }

            expected++;
        }

        return items.Values.ToList();
    }
}
