using Orleans.Hosting.Kubernetes;
using Orchestrator.Hosting;
using Orchestrator.Hosting.Telemetry;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Deploy.Tests;

/// <summary>deploy/k8s: the silo Deployment has what the silo and Orleans' Kubernetes hosting read, and the rest fits it.</summary>
public sealed class KubernetesTests
{
    private static readonly IReadOnlyList<YamlMappingNode> Manifests = Directory.GetFiles(Repository.PathOf("deploy/k8s"), "*.yaml")
        .Where(f => Path.GetFileName(f) != "kustomization.yaml")
        .SelectMany(f => Yaml.Documents(Path.GetRelativePath(Repository.Root, f)))
        .ToList();

    private static YamlMappingNode Kind(string kind, string? name = null) => Assert.Single(Manifests, m =>
        Yaml.Text(Yaml.At(m, "kind")) == kind && (name is null || Yaml.Text(Yaml.At(m, "metadata", "name")) == name));

    private static YamlNode Pod => Yaml.At(Kind("Deployment", "orchestrator-silo"), "spec", "template");

    private static YamlNode Container => Assert.Single(Yaml.Items(Yaml.At(Pod, "spec", "containers")));

    private static IReadOnlyDictionary<string, YamlNode> Environment => Yaml.Environment(Yaml.At(Container, "env"));

    private static string Value(string variable) => Yaml.Text(Yaml.At(Environment[variable], "value"));

    [Fact]
    public void SiloGetsOnlyVariablesItOrKubernetesHostingReadsAndAllThatHostingNeeds()
    {
        string[] hosting =
        [
            KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
            KubernetesHostingOptions.PodIPEnvironmentVariable, KubernetesHostingOptions.ClusterIdEnvironmentVariable,
            KubernetesHostingOptions.ServiceIdEnvironmentVariable,
        ];

        Assert.All(Environment.Keys, name => Assert.Contains(name, SiloSettingsLoader.Variables.Concat(hosting)));
        Assert.All(hosting, name => Assert.Contains(name, Environment.Keys));
        Assert.Equal("status.podIP", Yaml.Text(Yaml.At(Environment[SiloVariables.AdvertisedAddress], "valueFrom", "fieldRef", "fieldPath")));
        var labels = Yaml.Entries(Yaml.At(Pod, "metadata", "labels"));
        Assert.Equal(Value(SiloVariables.ClusterId), Yaml.Text(labels[KubernetesHostingOptions.ClusterIdLabel]));
        Assert.Equal($"metadata.labels['{KubernetesHostingOptions.ClusterIdLabel}']",
            Yaml.Text(Yaml.At(Environment[KubernetesHostingOptions.ClusterIdEnvironmentVariable], "valueFrom", "fieldRef", "fieldPath")));
    }

    [Fact]
    public void DatabaseConnectionComesFromTheSecret()
    {
        var reference = Yaml.At(Environment[SiloVariables.Database], "valueFrom", "secretKeyRef");
        var secret = Kind("Secret", Yaml.Text(Yaml.At(reference, "name")));

        Assert.Contains(Yaml.Text(Yaml.At(reference, "key")), Yaml.Entries(Yaml.At(secret, "stringData")).Keys);
        var job = Assert.Single(Yaml.Items(Yaml.At(Kind("Job"), "spec", "template", "spec", "containers")));
        Assert.Equal(
            Yaml.Text(Yaml.At(reference, "name")),
            Yaml.Text(Yaml.At(Yaml.Environment(Yaml.At(job, "env"))[Orchestrator.Client.Connection.ConnectionSettings.DatabaseVariable], "valueFrom", "secretKeyRef", "name")));
    }

    [Fact]
    public void PortsProbesAndScrapeAnnotationsMatchTheSilosSettings()
    {
        var ports = Yaml.Items(Yaml.At(Container, "ports")).ToDictionary(p => Yaml.Text(Yaml.At(p, "name")), p => Yaml.Text(Yaml.At(p, "containerPort")));
        Assert.Equal(Value(SiloVariables.SiloPort), ports["silo"]);
        Assert.Equal(Value(SiloVariables.GatewayPort), ports["gateway"]);
        Assert.Equal(Value(SiloVariables.MetricsPort), ports["metrics"]);
        Assert.Equal(new SiloSettings().SiloPort.ToString(), ports["silo"]);

        var annotations = Yaml.Entries(Yaml.At(Pod, "metadata", "annotations"));
        Assert.Equal(ports["metrics"], Yaml.Text(annotations["prometheus.io/port"]));
        Assert.Equal(TelemetryEndpointExtensions.MetricsPath, Yaml.Text(annotations["prometheus.io/path"]));
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            Assert.Equal(TelemetryEndpointExtensions.HealthPath, Yaml.Text(Yaml.At(Container, probe, "httpGet", "path")));
            Assert.Equal("metrics", Yaml.Text(Yaml.At(Container, probe, "httpGet", "port")));
        }

        var service = Kind("Service", "orchestrator-silo");
        Assert.All(Yaml.Items(Yaml.At(service, "spec", "ports")), p => Assert.Contains(Yaml.Text(Yaml.At(p, "targetPort")), ports.Keys));
        var selector = Yaml.Entries(Yaml.At(service, "spec", "selector"));
        var labels = Yaml.Entries(Yaml.At(Pod, "metadata", "labels"));
        Assert.All(selector, s => Assert.Equal(Yaml.Text(s.Value), Yaml.Text(labels[s.Key])));
    }

    [Fact]
    public void ServiceAccountMayWatchAndDeleteSiloPods()
    {
        var account = Yaml.Text(Yaml.At(Pod, "spec", "serviceAccountName"));
        Kind("ServiceAccount", account);
        var binding = Assert.Single(Manifests, m => Yaml.Text(Yaml.At(m, "kind")) == "RoleBinding");
        Assert.Contains(Yaml.Items(Yaml.At(binding, "subjects")), s => Yaml.Text(Yaml.At(s, "name")) == account);
        var role = Kind("Role", Yaml.Text(Yaml.At(binding, "roleRef", "name")));
        var rule = Assert.Single(Yaml.Items(Yaml.At(role, "rules")), r => Yaml.Items(Yaml.At(r, "resources")).Select(Yaml.Text).Contains("pods"));
        var verbs = Yaml.Items(Yaml.At(rule, "verbs")).Select(Yaml.Text).ToHashSet();
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, verbs);
    }

    [Fact]
    public void NetworkPolicyAdmitsOnlySilosClientsAndPrometheusToTheSilosPorts()
    {
        var silo = Value(SiloVariables.SiloPort);
        var gateway = Value(SiloVariables.GatewayPort);
        var metrics = Value(SiloVariables.MetricsPort);
        Assert.Equal(new SiloSettings().GatewayPort.ToString(), gateway);

        var policy = Assert.Single(Manifests, m => Yaml.Text(Yaml.At(m, "kind")) == "NetworkPolicy");
        Assert.Equal(Yaml.Text(Yaml.At(Kind("Deployment", "orchestrator-silo"), "metadata", "namespace")), Yaml.Text(Yaml.At(policy, "metadata", "namespace")));
        var podLabels = Yaml.Entries(Yaml.At(Pod, "metadata", "labels"));
        var selected = Yaml.Entries(Yaml.At(policy, "spec", "podSelector", "matchLabels"));
        Assert.NotEmpty(selected);
        Assert.All(selected, l => Assert.Equal(Yaml.Text(l.Value), Yaml.Text(podLabels[l.Key])));
        Assert.Equal(["Ingress"], Yaml.Items(Yaml.At(policy, "spec", "policyTypes")).Select(Yaml.Text));

        // Each rule: the ports it opens, and who may use them.
        var rules = Yaml.Items(Yaml.At(policy, "spec", "ingress"))
            .Select(r => (
                Ports: Yaml.Items(Yaml.At(r, "ports")).Select(p => (Yaml.Text(Yaml.At(p, "protocol")), Yaml.Text(Yaml.At(p, "port")))).ToList(),
                From: Assert.Single(Yaml.Items(Yaml.At(r, "from")))))
            .ToList();
        Assert.All(rules, r => Assert.All(r.Ports, p => Assert.Equal("TCP", p.Item1)));
        var opened = rules.SelectMany(r => r.Ports.Select(p => p.Item2)).Order().ToList();
        Assert.Equal(new[] { silo, gateway, metrics }.Order(), opened);

        // Silo to silo: only from the silo pods of this namespace.
        var siloRule = Assert.Single(rules, r => r.Ports.Any(p => p.Item2 == silo));
        Assert.Single(siloRule.Ports);
        Assert.False(Yaml.Entries(siloRule.From).ContainsKey("namespaceSelector"));
        var siloPeers = Yaml.Entries(Yaml.At(siloRule.From, "podSelector", "matchLabels"));
        Assert.Equal(selected.ToDictionary(l => l.Key, l => Yaml.Text(l.Value)), siloPeers.ToDictionary(l => l.Key, l => Yaml.Text(l.Value)));

        // The gateway: only from pods of this namespace labelled as clients.
        var gatewayRule = Assert.Single(rules, r => r.Ports.Any(p => p.Item2 == gateway));
        Assert.Single(gatewayRule.Ports);
        Assert.False(Yaml.Entries(gatewayRule.From).ContainsKey("namespaceSelector"));
        var clients = Yaml.Entries(Yaml.At(gatewayRule.From, "podSelector", "matchLabels"));
        Assert.Equal("client", Yaml.Text(Assert.Single(clients, l => l.Key == "app.kubernetes.io/component").Value));

        // Metrics: only from Prometheus pods, in whichever namespace Prometheus runs.
        var metricsRule = Assert.Single(rules, r => r.Ports.Any(p => p.Item2 == metrics));
        Assert.Single(metricsRule.Ports);
        var scrapers = Yaml.Entries(Yaml.At(metricsRule.From, "podSelector", "matchLabels"));
        Assert.Equal("prometheus", Yaml.Text(Assert.Single(scrapers, l => l.Key == "app.kubernetes.io/name").Value));
        Assert.Equal(metrics, Yaml.Text(Yaml.Entries(Yaml.At(Pod, "metadata", "annotations"))["prometheus.io/port"]));
    }

    [Fact]
    public void KustomizationListsEveryManifest()
    {
        var listed = Yaml.Items(Yaml.At(Yaml.Document("deploy/k8s/kustomization.yaml"), "resources")).Select(Yaml.Text).ToHashSet();
        var files = Directory.GetFiles(Repository.PathOf("deploy/k8s"), "*.yaml").Select(f => Path.GetFileName(f)).Where(f => f != "kustomization.yaml").ToHashSet();

        Assert.Equal(files, listed);
    }
}
