using Orchestrator.Client.Connection;
using Orchestrator.Hosting;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Deploy.Tests;

/// <summary>deploy/compose.yaml: its silos, Prometheus and Grafana agree with the code and with each other.</summary>
public sealed class ComposeTests
{
    private const string ComposeFile = "deploy/compose.yaml";
    private static readonly YamlMappingNode Compose = Yaml.Document(ComposeFile);

    private static IReadOnlyDictionary<string, YamlNode> Services => Yaml.Entries(Yaml.At(Compose, "services"));

    private static IReadOnlyList<string> Silos => Services.Keys.Where(k => k.StartsWith("silo-", StringComparison.Ordinal)).Order().ToList();

    [Fact]
    public void ThreeSilosOnPostgresqlSetOnlyVariablesTheSiloReads()
    {
        Assert.Equal(3, Silos.Count);
        foreach (var silo in Silos)
        {
            var environment = Yaml.Environment(Yaml.At(Services[silo], "environment"));
            Assert.All(environment.Keys, name => Assert.Contains(name, SiloSettingsLoader.Variables));
            Assert.StartsWith("Host=postgres;", Yaml.Text(environment[SiloVariables.Database]), StringComparison.Ordinal);
            Assert.Equal(
                Dockerfile.Read("deploy/docker/Dockerfile.silo").Environment()[SiloVariables.MetricsPort],
                Yaml.Text(environment[SiloVariables.MetricsPort]));
            Assert.Equal("deploy/docker/Dockerfile.silo", Yaml.Text(Yaml.At(Services[silo], "build", "dockerfile")));
        }
    }

    [Fact]
    public void ClientSetsOnlyVariablesTheCliReads()
    {
        var environment = Yaml.Environment(Yaml.At(Services["client"], "environment"));

        Assert.All(environment.Keys, name => Assert.Contains(name, ConnectionSettings.Variables));
        Assert.Contains(ConnectionSettings.DatabaseVariable, environment.Keys);
        Assert.Equal("deploy/docker/Dockerfile.client", Yaml.Text(Yaml.At(Services["client"], "build", "dockerfile")));
    }

    [Fact]
    public void PrometheusScrapesEverySiloOnItsMetricsPort()
    {
        var prometheus = Services["prometheus"];
        var (source, target) = Assert.Single(Volumes(prometheus));
        Assert.Contains($"--config.file={target}", Yaml.Items(Yaml.At(prometheus, "command")).Select(Yaml.Text));

        var config = Yaml.Document(Path.GetRelativePath(Repository.Root, source));
        var job = Assert.Single(Yaml.Items(Yaml.At(config, "scrape_configs")));
        Assert.Equal("/metrics", Yaml.Text(Yaml.At(job, "metrics_path")));
        Assert.Equal(Hosting.Telemetry.TelemetryEndpointExtensions.MetricsPath, Yaml.Text(Yaml.At(job, "metrics_path")));
        var targets = Yaml.Items(Yaml.At(Assert.Single(Yaml.Items(Yaml.At(job, "static_configs"))), "targets")).Select(Yaml.Text).ToHashSet();
        var expected = Silos.Select(s => $"{s}:{Yaml.Text(Yaml.Environment(Yaml.At(Services[s], "environment"))[SiloVariables.MetricsPort])}").ToHashSet();
        Assert.Equal(expected, targets);
    }

    [Fact]
    public void GrafanaProvisionsTheDashboardFromWhereItsProviderLooks()
    {
        var volumes = Volumes(Services["grafana"]);
        var provider = Yaml.Document("deploy/grafana/provisioning/dashboards/orchestrator.yaml");
        var dashboardsPath = Yaml.Text(Yaml.At(Assert.Single(Yaml.Items(Yaml.At(provider, "providers"))), "options", "path"));

        var dashboards = Assert.Single(volumes, v => v.Target == dashboardsPath);
        Assert.True(File.Exists(Path.Combine(dashboards.Source, "orchestrator.json")), dashboards.Source);
        var providers = Assert.Single(volumes, v => v.Target == "/etc/grafana/provisioning/dashboards");
        Assert.True(File.Exists(Path.Combine(providers.Source, "orchestrator.yaml")), providers.Source);

        // The data source the dashboard names by uid is the one compose provisions, pointing at the Prometheus service.
        var datasource = Assert.Single(volumes, v => v.Target.StartsWith("/etc/grafana/provisioning/datasources/", StringComparison.Ordinal));
        var source = Assert.Single(Yaml.Items(Yaml.At(Yaml.Document(Path.GetRelativePath(Repository.Root, datasource.Source)), "datasources")));
        var uid = Yaml.Text(Yaml.At(source, "uid"));
        Assert.Contains($"\"{uid}\"", File.ReadAllText(Path.Combine(dashboards.Source, "orchestrator.json")), StringComparison.Ordinal);
        Assert.Equal("http://prometheus:9090", Yaml.Text(Yaml.At(source, "url")));
    }

    [Fact]
    public void PostgresqlAppliesTheSchemaOnFirstStart()
    {
        var (source, _) = Assert.Single(Volumes(Services["postgres"]), v => v.Target == "/docker-entrypoint-initdb.d");

        Assert.Equal(Repository.PathOf("deploy/sql/postgresql"), source);
        Assert.NotEmpty(Directory.GetFiles(source, "*.sql"));
    }

    [Fact]
    public void EveryPublishedPortListensOnLoopbackOnly()
    {
        var published = Services
            .Where(s => Yaml.Entries(s.Value).ContainsKey("ports"))
            .SelectMany(s => Yaml.Items(Yaml.At(s.Value, "ports")).Select(p => (Service: s.Key, Port: p)))
            .ToList();

        Assert.NotEmpty(published);
        Assert.All(published, p => Assert.True(HostAddress(p.Port) == "127.0.0.1", $"{p.Service} publishes {Describe(p.Port)} beyond 127.0.0.1"));
    }

    [Fact]
    public void GrafanaTakesItsAdminPasswordFromTheEnvironmentAndRefusesToStartWithoutIt()
    {
        var environment = Yaml.Environment(Yaml.At(Services["grafana"], "environment"));

        Assert.True(environment.ContainsKey("GF_SECURITY_ADMIN_PASSWORD"), "Grafana would start with its default admin password");
        var password = Yaml.Text(environment["GF_SECURITY_ADMIN_PASSWORD"]);
        // ${NAME:?message}: compose stops with the message when NAME is unset or empty; no default can be written in.
        Assert.Matches(@"^\$\{[A-Z_][A-Z0-9_]*:\?[^}]+\}$", password);
        Assert.DoesNotContain("admin / admin", Repository.Read(ComposeFile), StringComparison.Ordinal);
    }

    [Fact]
    public void PrometheusCannotBeReloadedOrStoppedOverHttp()
    {
        Assert.DoesNotContain(
            Yaml.Items(Yaml.At(Services["prometheus"], "command")).Select(Yaml.Text),
            a => a.StartsWith("--web.enable-lifecycle", StringComparison.Ordinal) || a.StartsWith("--web.enable-admin-api", StringComparison.Ordinal));
        Assert.DoesNotContain("--web.enable-lifecycle", Repository.Read(ComposeFile), StringComparison.Ordinal);
    }

    /// <summary>
    /// The host address a published port listens on: <c>[HOST:]HOST_PORT:CONTAINER_PORT</c> or the long form's
    /// <c>host_ip</c>; null when none is given, which compose takes as every interface.
    /// </summary>
    private static string? HostAddress(YamlNode port)
    {
        if (port is YamlMappingNode)
        {
            return Yaml.Entries(port).TryGetValue("host_ip", out var address) ? Yaml.Text(address) : null;
        }

        var text = Yaml.Text(port);
        var split = text.LastIndexOf(':');
        if (split < 0)
        {
            return null;
        }

        var hostSide = text[..split];
        var colon = hostSide.LastIndexOf(':');
        return colon < 0 ? null : hostSide[..colon].Trim('[', ']');
    }

    private static string Describe(YamlNode port) => port is YamlScalarNode scalar ? scalar.Value! : port.ToString();

    /// <summary>Bind mounts (<c>./host:/container[:ro]</c>), host paths made absolute from the compose file's folder.</summary>
    private static IReadOnlyList<(string Source, string Target)> Volumes(YamlNode service) =>
        Yaml.Items(Yaml.At(service, "volumes"))
            .Select(Yaml.Text)
            .Where(v => v.StartsWith('.'))
            .Select(v => v.Split(':'))
            .Select(p => (Path.GetFullPath(Path.Combine(Repository.PathOf("deploy"), p[0])), p[1]))
            .ToList();
}
