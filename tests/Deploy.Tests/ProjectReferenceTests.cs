using System.Xml.Linq;

namespace Orchestrator.Deploy.Tests;

/// <summary>
/// The CLI hosts its embedded silo from the hosting library, never from the silo executable: referencing an executable
/// project drags its entry point, its web-host settings and its output into the CLI's image.
/// </summary>
public sealed class ProjectReferenceTests
{
    private const string Client = "src/Client/Client.csproj";
    private const string Silo = "src/Silo/Silo.csproj";
    private const string Hosting = "src/Hosting/Hosting.csproj";

    [Fact]
    public void ClientReachesTheHostingLibraryButNotTheSiloExecutable()
    {
        var reached = ReferencedProjects(Client);

        Assert.Contains(Hosting, reached);
        Assert.DoesNotContain(Silo, reached);
    }

    [Fact]
    public void SiloExecutableIsAThinHostOverTheHostingLibrary()
    {
        Assert.Contains(Hosting, ReferencedProjects(Silo));
        Assert.DoesNotContain(Silo, ReferencedProjects(Hosting));
    }

    /// <summary>Every project <paramref name="project"/> references, directly or through others, as repository paths.</summary>
    private static HashSet<string> ReferencedProjects(string project)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            var directory = Path.GetDirectoryName(Repository.PathOf(current))!;
            var references = XDocument.Load(Repository.PathOf(current))
                .Descendants("ProjectReference")
                .Select(r => (string?)r.Attribute("Include"))
                .OfType<string>();
            foreach (var include in references)
            {
                var full = Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar)));
                var relative = Path.GetRelativePath(Repository.Root, full).Replace(Path.DirectorySeparatorChar, '/');
                if (reached.Add(relative))
                {
                    pending.Push(relative);
                }
            }
        }

        return reached;
    }
}
