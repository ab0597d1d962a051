namespace Orchestrator.Numerics.Benchmarks.Kernels;

/// <summary><c>--name value</c> pairs of the kernel timing harness.</summary>
internal sealed class HarnessOptions(string[] args)
{
    private string? Find(string name)
    {
        var index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public int Int(string name, int fallback) => Find(name) is { } value ? int.Parse(value) : fallback;

    public double Double(string name, double fallback) =>
        Find(name) is { } value ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public int[] Ints(string name, int[] fallback) =>
        Find(name) is { } value ? value.Split(',').Select(int.Parse).ToArray() : fallback;

    public string[] Strings(string name, string[] fallback) => Find(name) is { } value ? value.Split(',') : fallback;

    public string String(string name, string fallback) => Find(name) ?? fallback;

    public bool Flag(string name) => args.Contains("--" + name);
}
