using Orchestrator.Client;
using Orchestrator.Hosting;

namespace Orchestrator.Deploy.Tests;

/// <summary>The images build the projects they run, from files that exist, as a non-root user.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string, string, string> Images() => new()
    {
        // The silo's assembly has no public type to name it by (its Program is top-level statements).
        { "deploy/docker/Dockerfile.silo", "src/Silo/Silo.csproj", "Orchestrator.Silo.dll" },
        { "deploy/docker/Dockerfile.client", "src/Client/Client.csproj", typeof(OrchestratorCli).Assembly.GetName().Name + ".dll" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void ImageIsBuiltInAnSdkStageAndRunsTheProjectsAssemblyAsANonRootUser(string path, string project, string assembly)
    {
        var dockerfile = Dockerfile.Read(path);
        var stages = dockerfile.All("FROM").ToList();

        Assert.True(stages.Count >= 2, "multi-stage: an SDK stage that builds, a runtime stage that runs");
        var framework = System.Text.RegularExpressions.Regex.Match(Repository.Read("Directory.Build.props"), @"<TargetFramework>net([\d.]+)</TargetFramework>").Groups[1].Value;
        Assert.StartsWith($"mcr.microsoft.com/dotnet/sdk:{framework}", stages[0], StringComparison.Ordinal);
        Assert.StartsWith($"mcr.microsoft.com/dotnet/aspnet:{framework}", stages[^1], StringComparison.Ordinal);
        Assert.Contains(dockerfile.All("RUN"), r => r.Contains($"dotnet publish {project}", StringComparison.Ordinal));
        Assert.True(File.Exists(Repository.PathOf(project)), project);
        // The project builds that assembly: the test references it, so it lies next to the tests.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, assembly)), $"{project} builds no {assembly}");

        var final = dockerfile.FinalStage().ToList();
        var user = Assert.Single(final, l => l.Instruction == "USER").Arguments;
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.Contains(assembly, Assert.Single(final, l => l.Instruction == "ENTRYPOINT").Arguments, StringComparison.Ordinal);
        // The kernels P/Invoke OpenBLAS; both images can run kernels (the CLI's embedded silo too).
        Assert.Contains(final, l => l.Instruction == "RUN" && l.Arguments.Contains("libopenblas0", StringComparison.Ordinal));

        foreach (var copy in dockerfile.All("COPY").Where(c => !c.StartsWith("--from", StringComparison.Ordinal)))
        {
            var sources = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            Assert.All(sources, s => Assert.True(File.Exists(Repository.PathOf(s)) || Directory.Exists(Repository.PathOf(s)), $"{path}: COPY {s}: not in the repository"));
        }
    }

    [Fact]
    public void SiloImageSetsOnlyVariablesTheSiloReadsAndExposesTheirPorts()
    {
        var dockerfile = Dockerfile.Read("deploy/docker/Dockerfile.silo");
        var environment = dockerfile.Environment();

        Assert.All(environment.Keys, name => Assert.Contains(name, SiloSettingsLoader.Variables));
        var defaults = new SiloSettings();
        Assert.Equal(defaults.SiloPort.ToString(), environment[SiloVariables.SiloPort]);
        Assert.Equal(defaults.GatewayPort.ToString(), environment[SiloVariables.GatewayPort]);
        var exposed = dockerfile.All("EXPOSE").SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        Assert.Equal(
            new[] { environment[SiloVariables.SiloPort], environment[SiloVariables.GatewayPort], environment[SiloVariables.MetricsPort] }.ToHashSet(),
            exposed);
        // The entrypoint script sets the address the silo binds to; it must be the variable the silo reads.
        Assert.Contains(SiloVariables.AdvertisedAddress, Repository.Read("deploy/docker/silo-entrypoint.sh"), StringComparison.Ordinal);
    }
}
