using System.Globalization;
using System.Reflection;
using Orchestrator.Specs.Experiments.RandomFeatures;
using Orchestrator.Specs.Experiments.Synthetic;
using Orchestrator.Specs.Validation;

namespace Orchestrator.Specs.Tests;

/// <summary>docs/limits.md lists every limit with the value the code uses.</summary>
public sealed class LimitsDocumentationTests
{
    private static readonly string[] Lines =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "limits.md"));

    public static TheoryData<string, string> Limits()
    {
        var limits = new TheoryData<string, string>();
        foreach (var property in typeof(SpecLimits).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            limits.Add($"{nameof(SpecLimits)}.{property.Name}", Format(property.GetValue(SpecLimits.Default)!));
        }

        var bounded = new[]
        {
            typeof(SpecLimits), typeof(SpecBuilder), typeof(CoreAxes), typeof(RandomFeaturesExperiment),
            typeof(SweepSpec), typeof(FitSettings), typeof(MessageText), typeof(AdaptiveSettings),
            typeof(SyntheticExperiment),
        };
        foreach (var type in bounded)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
                         .Where(f => f.IsLiteral && f.FieldType != typeof(string)
                                     && (f.Name.StartsWith("Max", StringComparison.Ordinal)
                                         || f.Name.StartsWith("Min", StringComparison.Ordinal)
                                         || f.Name.StartsWith("DefaultMax", StringComparison.Ordinal))))
            {
                limits.Add($"{type.Name}.{field.Name}", Format(field.GetRawConstantValue()!));
            }
        }

        return limits;
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Every_limit_is_documented_with_its_value(string constant, string value)
    {
        var row = Lines.FirstOrDefault(l => l.StartsWith($"| `{constant}` |", StringComparison.Ordinal));

        Assert.True(row is not null, $"docs/limits.md has no row for {constant}");
        Assert.StartsWith($"| `{constant}` | {value}", row);
    }

    [Fact]
    public void Every_documented_constant_exists()
    {
        var documented = Lines.Where(l => l.StartsWith("| `", StringComparison.Ordinal) && l.Contains('.'))
            .Select(l => l.Split('`')[1])
            .Where(name => name.Contains('.') && char.IsUpper(name[0]));
        var known = Limits().Select(row => (string)row.Data.Item1).ToHashSet();

        Assert.All(documented, name => Assert.Contains(name, known));
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
