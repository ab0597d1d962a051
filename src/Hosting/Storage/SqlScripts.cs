using System.Reflection;

namespace Orchestrator.Hosting.Storage;

/// <summary>The schema scripts of deploy/sql, embedded in this assembly, in file-name order.</summary>
public static class SqlScripts
{
    public static IReadOnlyList<string> Load(string dialect)
    {
        var assembly = typeof(SqlScripts).Assembly;
        var prefix = $"sql/{dialect}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Replace('\\', '/').StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            })
            .ToList();
    }
}
