using System.Data.Common;
using System.Reflection;
using Orchestrator.Grains.Telemetry;

namespace Orchestrator.Telemetry.Tests;

public sealed class FailureReasonsTests
{
    public static TheoryData<Exception, string> Cases => new()
    {
        { new TimeoutException(), FailureReasons.Timeout },
        { new TaskCanceledException("timed out", new TimeoutException()), FailureReasons.Timeout },
        { new OperationCanceledException(), FailureReasons.Cancelled },
        { new TaskCanceledException(), FailureReasons.Cancelled },
        { new IOException("disk"), FailureReasons.Storage },
        { new FakeDbException(), FailureReasons.Storage },
        { new Orleans.Storage.InconsistentStateException("etag conflict"), FailureReasons.Storage },
        { new ArithmeticException(), FailureReasons.Kernel },
        { new OverflowException(), FailureReasons.Kernel },
        { new ArgumentOutOfRangeException("x"), FailureReasons.Kernel },
        { new InvalidOperationException(), FailureReasons.Kernel },
        { new OutOfMemoryException(), FailureReasons.Kernel },
        { new NullReferenceException(), FailureReasons.Other },
        { new Exception("unknown"), FailureReasons.Other },
        { new AggregateException(new TimeoutException()), FailureReasons.Timeout },
        { new TargetInvocationException(new AggregateException(new IOException())), FailureReasons.Storage },
        { new AggregateException(new IOException(), new TimeoutException()), FailureReasons.Other },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_exception_maps_to_one_class_of_the_bounded_set(Exception exception, string expected)
    {
        var reason = OrchestratorMetrics.ReasonClass(exception);

        Assert.Equal(expected, reason);
        Assert.Contains(reason, FailureReasons.All);
    }

    private sealed class FakeDbException : DbException;
}
