namespace Orchestrator.Deploy.Tests;

/// <summary>The instructions of a Dockerfile, one per logical line (continuations joined, comments dropped).</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Instruction, string Arguments)> lines) => Lines = lines;

    public IReadOnlyList<(string Instruction, string Arguments)> Lines { get; }

    public static Dockerfile Read(string relativePath)
    {
        var logical = new List<string>();
        var current = "";
        foreach (var raw in Repository.Read(relativePath).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            current += line.TrimEnd('\\').Trim() + " ";
            if (!line.EndsWith('\\'))
            {
                logical.Add(current.Trim());
                current = "";
            }
        }

        return new Dockerfile(logical
            .Where(l => l.Length > 0)
            .Select(l => (l.Split(' ')[0].ToUpperInvariant(), l[(l.IndexOf(' ') + 1)..].Trim()))
            .ToList());
    }

    public IEnumerable<string> All(string instruction) => Lines.Where(l => l.Instruction == instruction).Select(l => l.Arguments);

    /// <summary>The instructions of the last stage: what the image is made of.</summary>
    public IEnumerable<(string Instruction, string Arguments)> FinalStage()
    {
        var last = Lines.Select((l, i) => (l, i)).Last(x => x.l.Instruction == "FROM").i;
        return Lines.Skip(last);
    }

    /// <summary>ENV name=value pairs (several per instruction allowed).</summary>
    public IReadOnlyDictionary<string, string> Environment() =>
        All("ENV").SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
}
