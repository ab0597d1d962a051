using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>A declaration is checked before anything runs; each problem names the configuration key to fix.</summary>
public sealed class RunnerDefinitionTests
{
    private static readonly RunnerDefinition Valid = new(
        "width-model", "python3", ["model.py", "--width", "{size}", "{\"literal\": 1}", ""], "/srv",
        TimeSpan.FromMinutes(10), ["OMP_NUM_THREADS", "PATH"]);

    [Fact]
    public void A_complete_declaration_has_no_problems() => Assert.Empty(RunnerDefinition.Validate(Valid));

    public static TheoryData<RunnerDefinition, string> Broken => new()
    {
        { Valid with { Name = "" }, "Runners:(unnamed): a runner needs a name" },
        { Valid with { Name = "-x" }, "Runners:-x: a runner name is lowercase letters, digits, '-' and '_', starting with a letter or digit" },
        { Valid with { Name = "a:b" }, "Runners:a:b: a runner name is lowercase letters, digits, '-' and '_', starting with a letter or digit" },
        { Valid with { Executable = "" }, "Runners:width-model:Executable: required" },
        { Valid with { Executable = "py\nthon" }, "Runners:width-model:Executable: must not contain control characters" },
        { Valid with { Arguments = ["ok", "a\0b"] }, "Runners:width-model:Arguments:1: must not contain a NUL character" },
        { Valid with { WorkingDirectory = "" }, "Runners:width-model:WorkingDirectory: must be a folder path (omit it for the silo's current folder)" },
        { Valid with { Timeout = TimeSpan.FromSeconds(-1) }, "Runners:width-model:TimeoutSeconds: must be positive and at most 2592000 (30 days), got -1" },
        { Valid with { Timeout = TimeSpan.FromDays(31) }, "Runners:width-model:TimeoutSeconds: must be positive and at most 2592000 (30 days), got 2678400" },
        { Valid with { AllowedEnvironment = ["GOOD", "1BAD"] }, "Runners:width-model:AllowedEnvironment:1: expected a variable name (letters, digits, '_'), got '1BAD'" },
        { Valid with { AllowedEnvironment = ["ORCHESTRATOR_CELL_ID"] }, "Runners:width-model:AllowedEnvironment:0: ORCHESTRATOR_CELL_ID is set by the runner itself" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_problem_names_its_key(RunnerDefinition runner, string expected) =>
        Assert.Equal([expected], RunnerDefinition.Validate(runner));
}
