using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Specs.Yaml;

/// <summary>A parser that remembers where the last event ended, to place errors the scanner does not place itself.</summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    public ParsingEvent? Current => inner.Current;

    public Mark? LastEnd { get; private set; }

    public bool MoveNext()
    {
        if (inner.Current is { } current)
        {
            LastEnd = current.End;
        }

        return inner.MoveNext();
    }
}
