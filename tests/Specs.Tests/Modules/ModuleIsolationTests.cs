using System.Text.RegularExpressions;
using Orchestrator.Specs.Experiments;

namespace Orchestrator.Specs.Tests.Modules;

/// <summary>
/// Experiments are modules: outside its own folder under <c>src/Specs/Experiments</c> (and the registry), no source
/// file names an experiment, neither as a string literal nor through a module's <c>ExperimentName</c> constant, so
/// the grains, the client and the host stay generic over experiments.
/// </summary>
public sealed partial class ModuleIsolationTests
{
    [Fact]
    public void No_experiment_name_appears_outside_its_module()
    {
        var root = RepositoryRoot();
        var experiments = Path.Combine(root, "src", "Specs", "Experiments");
        var offences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") ||
                file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            {
                continue;
            }

            var inModule = Path.GetDirectoryName(file) is { } folder && folder.StartsWith(experiments + Path.DirectorySeparatorChar);
            var isRegistry = Path.GetFileName(file) == "ExperimentRegistry.cs";
            var text = File.ReadAllText(file);
            // A module names itself; elsewhere no line about an experiment holds a name as a literal (a name such as
            // "command" is also an ordinary word, so lines that do not speak of an experiment are left alone).
            foreach (var line in inModule ? [] : text.Split('\n').Where(l => l.Contains("xperiment", StringComparison.Ordinal)))
            {
                foreach (var name in ExperimentRegistry.Names.Where(n => line.Contains($"\"{n}\"", StringComparison.Ordinal)))
                {
                    offences.Add($"{Relative(root, file)}: the literal \"{name}\" in '{line.Trim()}'");
                }
            }

            if (!inModule && !isRegistry && ExperimentNameConstant().IsMatch(text))
            {
                offences.Add($"{Relative(root, file)}: a module's ExperimentName constant");
            }
        }

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void The_check_sees_a_name_where_one_is_written()
    {
        // Guards the test above against a pattern that can never match.
        Assert.Matches(ExperimentNameConstant(), "if (spec.Experiment == RandomFeaturesExperiment.ExperimentName)");
        Assert.Contains("synthetic", ExperimentRegistry.Names);
        Assert.Contains("random-features", ExperimentRegistry.Names);
    }

    [GeneratedRegex(@"\b\w+Experiment\.ExperimentName\b")]
    private static partial Regex ExperimentNameConstant();

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file);

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Orchestrator.sln not found above the test's folder");
    }
}
