namespace Orchestrator.Hosting;

/// <summary>
/// Whether the silo runs in a Kubernetes pod. Kubernetes sets <see cref="ServiceHostVariable"/> in every container;
/// only there does the silo use Orleans' Kubernetes hosting (pod name, pod IP, removal of dead silos' pods), which
/// needs the <c>POD_*</c> variables of the manifests in deploy/k8s.
/// </summary>
public static class KubernetesEnvironment
{
    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    public static bool IsPresent => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ServiceHostVariable));
}
