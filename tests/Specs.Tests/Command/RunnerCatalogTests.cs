using Microsoft.Extensions.Configuration;
using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>The silo's runners come from configuration section <c>Runners</c>; each problem names its key.</summary>
public sealed class RunnerCatalogTests
{
    private static readonly Dictionary<string, string?> WidthModel = new()
    {
        ["Runners:width-model:Executable"] = "python3",
        ["Runners:width-model:Arguments:0"] = "examples/runners/width_model.py",
        ["Runners:width-model:Arguments:1"] = "--width",
        ["Runners:width-model:Arguments:2"] = "{size}",
        ["Runners:width-model:TimeoutSeconds"] = "600",
        ["Runners:width-model:WorkingDirectory"] = "/srv/models",
        ["Runners:width-model:AllowedEnvironment:0"] = "OMP_NUM_THREADS",
    };

    private static IConfiguration Configuration(IEnumerable<KeyValuePair<string, string?>> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static IConfiguration With(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(WidthModel);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = value;
            }
        }

        return Configuration(values);
    }

    private static IReadOnlyList<string> Errors(IConfiguration configuration)
    {
        Assert.False(RunnerCatalog.TryLoad(configuration, out var catalog, out var errors));
        Assert.Null(catalog);
        return errors;
    }

    [Fact]
    public void A_declared_runner_is_read_in_full()
    {
        var catalog = RunnerCatalog.Load(Configuration(WidthModel));

        var runner = catalog.Get("width-model");
        Assert.Equal("width-model", runner.Name);
        Assert.Equal("python3", runner.Executable);
        Assert.Equal(["examples/runners/width_model.py", "--width", "{size}"], runner.Arguments);
        Assert.Equal("/srv/models", runner.WorkingDirectory);
        Assert.Equal(TimeSpan.FromSeconds(600), runner.Timeout);
        Assert.Equal(["OMP_NUM_THREADS"], runner.AllowedEnvironment);
        Assert.Equal(["width-model"], catalog.Names);
    }

    [Fact]
    public void Arguments_keep_their_numeric_order_and_optional_keys_may_be_left_out()
    {
        var values = Enumerable.Range(0, 12)
            .Select(i => KeyValuePair.Create($"Runners:many:Arguments:{i}", (string?)$"a{i}"))
            .Append(KeyValuePair.Create("Runners:many:Executable", (string?)"/bin/echo"))
            .Append(KeyValuePair.Create("Runners:many:TimeoutSeconds", (string?)"2.5"));

        var runner = RunnerCatalog.Load(Configuration(values)).Get("many");

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"a{i}"), runner.Arguments);
        Assert.Null(runner.WorkingDirectory);
        Assert.Empty(runner.AllowedEnvironment);
        Assert.Equal(TimeSpan.FromSeconds(2.5), runner.Timeout);
    }

    [Fact]
    public void Names_are_in_ordinal_order_and_an_unknown_one_lists_them()
    {
        var catalog = RunnerCatalog.Load(Configuration(new Dictionary<string, string?>
        {
            ["Runners:zeta:Executable"] = "z", ["Runners:zeta:TimeoutSeconds"] = "1",
            ["Runners:alpha:Executable"] = "a", ["Runners:alpha:TimeoutSeconds"] = "1",
        }));

        Assert.Equal(["alpha", "zeta"], catalog.Names);
        Assert.Equal(2, catalog.Count);
        Assert.False(catalog.TryGet("beta", out _));
        Assert.False(catalog.TryGet("Alpha", out _));
        var missing = Assert.Throws<KeyNotFoundException>(() => catalog.Get("beta"));
        Assert.Equal("no runner 'beta': this silo declares alpha, zeta", missing.Message);
    }

    [Fact]
    public void No_section_is_an_empty_catalog()
    {
        var catalog = RunnerCatalog.Load(Configuration([]));

        Assert.Empty(catalog.Names);
        Assert.Contains("declares no runners", Assert.Throws<KeyNotFoundException>(() => catalog.Get("x")).Message);
        Assert.Empty(RunnerCatalog.Empty.Names);
    }

    [Theory]
    [InlineData("Runners:width-model:Executable", null, "Runners:width-model:Executable: required")]
    [InlineData("Runners:width-model:Executable", " ", "Runners:width-model:Executable: required")]
    [InlineData("Runners:width-model:TimeoutSeconds", null, "Runners:width-model:TimeoutSeconds: required (seconds a run may take)")]
    [InlineData("Runners:width-model:TimeoutSeconds", "ten", "Runners:width-model:TimeoutSeconds: expected a number of seconds, got 'ten'")]
    [InlineData("Runners:width-model:TimeoutSeconds", "0", "Runners:width-model:TimeoutSeconds: must be positive and at most 2592000 (30 days), got 0")]
    [InlineData("Runners:width-model:TimeoutSeconds", "1e9", "Runners:width-model:TimeoutSeconds: must be positive and at most 2592000 (30 days), got 1e9")]
    [InlineData("Runners:width-model:Timeout", "600", "Runners:width-model:Timeout: unknown key; expected Executable, Arguments, WorkingDirectory, TimeoutSeconds, AllowedEnvironment")]
    [InlineData("Runners:width-model:Arguments:4", "x", "Runners:width-model:Arguments: indexes must run 0, 1, 2, … without gaps; Arguments:3 is missing")]
    [InlineData("Runners:width-model:Arguments:first", "x", "Runners:width-model:Arguments:first: expected a list index (0, 1, …), got 'first'")]
    [InlineData("Runners:width-model:AllowedEnvironment:0", "OMP-THREADS", "Runners:width-model:AllowedEnvironment:0: expected a variable name (letters, digits, '_'), got 'OMP-THREADS'")]
    [InlineData("Runners:width-model:AllowedEnvironment:0", "ORCHESTRATOR_SEED", "Runners:width-model:AllowedEnvironment:0: ORCHESTRATOR_SEED is set by the runner itself")]
    [InlineData("Runners:width-model:Executable:0", "python3", "Runners:width-model:Executable: expected a single value, got a section")]
    public void Each_problem_names_its_configuration_key(string key, string? value, string expected) =>
        Assert.Equal([expected], Errors(With((key, value))));

    [Fact]
    public void A_bad_runner_name_is_refused()
    {
        var errors = Errors(Configuration(new Dictionary<string, string?>
        {
            ["Runners:Width Model:Executable"] = "python3", ["Runners:Width Model:TimeoutSeconds"] = "1",
        }));

        Assert.Equal(["Runners:Width Model: a runner name is lowercase letters, digits, '-' and '_', starting with a letter or digit"], errors);
    }

    [Fact]
    public void Every_problem_of_every_runner_is_reported_at_once()
    {
        var errors = Errors(Configuration(new Dictionary<string, string?>
        {
            ["Runners:one:Arguments:0"] = "x",
            ["Runners:two:Executable"] = "b", ["Runners:two:TimeoutSeconds"] = "-1",
        }));

        Assert.Equal(
        [
            "Runners:one:TimeoutSeconds: required (seconds a run may take)",
            "Runners:one:Executable: required",
            "Runners:two:TimeoutSeconds: must be positive and at most 2592000 (30 days), got -1",
        ], errors);
        var thrown = Assert.Throws<ArgumentException>(() => RunnerCatalog.Load(Configuration(new Dictionary<string, string?>
        {
            ["Runners:one:Arguments:0"] = "x",
        })));
        Assert.Contains("Runners:one:Executable: required", thrown.Message);
    }

    [Fact]
    public void A_runner_declared_twice_is_refused()
    {
        var runner = new RunnerDefinition("dup", "/bin/true", [], null, TimeSpan.FromSeconds(1), []);

        var thrown = Assert.Throws<ArgumentException>(() => new RunnerCatalog([runner, runner]));

        Assert.StartsWith("Runners:dup: declared twice", thrown.Message);
    }
}
