using System.Data.Common;
using System.Reflection;

namespace Orchestrator.Grains.Telemetry;

/// <summary>
/// The bounded set of reason classes that label retries and failures. An exception maps to exactly one class, so a
/// metric label never carries an exception's free text or its unbounded set of type names.
/// </summary>
public static class FailureReasons
{
    public const string Timeout = "timeout";
    public const string Storage = "storage";
    public const string Kernel = "kernel";
    public const string Cancelled = "cancelled";
    public const string Other = "other";

    /// <summary>Every reason class, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } = [Timeout, Storage, Kernel, Cancelled, Other];

    /// <summary>True when <paramref name="reasonClass"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string reasonClass) => All.Contains(reasonClass, StringComparer.Ordinal);

    /// <summary>
    /// Classifies <paramref name="exception"/>: wrappers (a single-inner <see cref="AggregateException"/>,
    /// <see cref="TargetInvocationException"/>) are looked through; a cancellation caused by a timeout counts as a
    /// timeout; storage is recognised by type (database, I/O) or by name, because grain storage exceptions live in
    /// assemblies this one does not reference; numeric and argument errors count as kernel errors.
    /// </summary>
    public static string Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var ex = Unwrap(exception);
        if (ex is TimeoutException || ex.InnerException is TimeoutException || NameContains(ex, "Timeout"))
        {
            return Timeout;
        }

        if (ex is OperationCanceledException)
        {
            return Cancelled;
        }

        if (ex is DbException or IOException || NameContains(ex, "Storage") || NameContains(ex, "InconsistentState"))
        {
            return Storage;
        }

        if (ex is ArithmeticException or ArgumentException or InvalidOperationException or IndexOutOfRangeException
            or OutOfMemoryException or DllNotFoundException or EntryPointNotFoundException)
        {
            return Kernel;
        }

        return Other;
    }

    private static Exception Unwrap(Exception exception)
    {
        var ex = exception;
        while (true)
        {
            switch (ex)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    ex = aggregate.InnerExceptions[0];
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    ex = inner;
                    break;
                default:
                    return ex;
            }
        }
    }

    private static bool NameContains(Exception ex, string part) =>
        ex.GetType().Name.Contains(part, StringComparison.Ordinal);
}
