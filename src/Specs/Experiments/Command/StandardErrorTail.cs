using System.Text;

namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// Drains a child's standard error, keeping only its last characters: the error that ended a run is at the end, and
/// a chatty runner must neither fill memory nor block on a full pipe.
/// </summary>
internal sealed class StandardErrorTail(int keepChars)
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private bool _truncated;

    /// <summary>Reads <paramref name="error"/> to its end (or until the pipe goes away).</summary>
    public async Task ReadAsync(TextReader error)
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await error.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (_gate)
                {
                    _text.Append(buffer, 0, read);
                    // Trim in batches rather than on every read: at most twice the tail is held.
                    if (_text.Length > 2 * keepChars)
                    {
                        _text.Remove(0, _text.Length - keepChars);
                        _truncated = true;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process was killed or disposed: what was read so far is the tail.
        }
    }

    /// <summary>The last characters read so far, prefixed with <c>…</c> when earlier ones were dropped.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                var length = Math.Min(_text.Length, keepChars);
                var tail = _text.ToString(_text.Length - length, length);
                return _truncated || _text.Length > keepChars ? "…" + tail : tail;
            }
        }
    }
}
