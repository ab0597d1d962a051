using Orchestrator.Grains.Runs;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// The default memory budget: a share of the smaller of the available memory and the cgroup's memory limit, read
/// from cgroup v2's <c>memory.max</c> or cgroup v1's <c>memory/memory.limit_in_bytes</c>.
/// </summary>
public sealed class MemoryBudgetDefaultTests : IDisposable
{
    private const long GiB = 1L << 30;

    private readonly string _root = Directory.CreateTempSubdirectory("cgroup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("max")]
    [InlineData("max\n")]
    [InlineData("9223372036854771712\n")] // cgroup v1's "no limit"
    [InlineData("9223372036854775807")]
    [InlineData("")]
    [InlineData("not a number")]
    [InlineData(null)]
    public void Text_that_sets_no_limit_is_no_limit(string? contents) =>
        Assert.Null(MemoryBudget.ParseCgroupLimit(contents));

    [Theory]
    [InlineData("4294967296\n", 4L << 30)]
    [InlineData("536870912", 512L << 20)]
    [InlineData(" 1073741824 \n", 1L << 30)]
    public void A_number_is_a_limit_in_bytes(string contents, long bytes) =>
        Assert.Equal(bytes, MemoryBudget.ParseCgroupLimit(contents));

    [Fact]
    public void Without_cgroup_files_there_is_no_limit()
    {
        Assert.Null(MemoryBudget.CgroupLimitBytes(_root));
        Assert.Null(MemoryBudget.CgroupLimitBytes(Path.Combine(_root, "absent")));
    }

    [Fact]
    public void Cgroup_v2_memory_max_is_read()
    {
        File.WriteAllText(Path.Combine(_root, "memory.max"), "2147483648\n");
        Assert.Equal(2 * GiB, MemoryBudget.CgroupLimitBytes(_root));

        File.WriteAllText(Path.Combine(_root, "memory.max"), "max\n");
        Assert.Null(MemoryBudget.CgroupLimitBytes(_root));
    }

    [Fact]
    public void Cgroup_v1_limit_in_bytes_is_read()
    {
        Directory.CreateDirectory(Path.Combine(_root, "memory"));
        File.WriteAllText(Path.Combine(_root, "memory", "memory.limit_in_bytes"), "3221225472\n");
        Assert.Equal(3 * GiB, MemoryBudget.CgroupLimitBytes(_root));

        File.WriteAllText(Path.Combine(_root, "memory", "memory.limit_in_bytes"), "9223372036854771712\n");
        Assert.Null(MemoryBudget.CgroupLimitBytes(_root));
    }

    [Fact]
    public void Where_both_versions_set_a_limit_the_smaller_counts()
    {
        Directory.CreateDirectory(Path.Combine(_root, "memory"));
        File.WriteAllText(Path.Combine(_root, "memory.max"), "4294967296\n");
        File.WriteAllText(Path.Combine(_root, "memory", "memory.limit_in_bytes"), "2147483648\n");
        Assert.Equal(2 * GiB, MemoryBudget.CgroupLimitBytes(_root));
    }

    [Theory]
    [InlineData(16 * GiB, 4 * GiB, 3 * GiB)]  // a container's limit below the machine's memory
    [InlineData(4 * GiB, 16 * GiB, 3 * GiB)]  // less available than the limit
    [InlineData(8 * GiB, null, 6 * GiB)]      // no limit
    public void The_default_is_a_share_of_the_smaller_of_available_memory_and_the_limit(
        long available, long? limit, long expected) =>
        Assert.Equal(expected, MemoryBudget.DefaultCapacity(available, limit));

    [Fact]
    public void The_default_is_at_least_one_byte() =>
        Assert.Equal(1, MemoryBudget.DefaultCapacity(1, 1));

    [Fact]
    public void The_default_budget_stays_within_the_cgroup_limit_of_this_machine()
    {
        var limit = MemoryBudget.CgroupLimitBytes(MemoryBudget.CgroupRoot);
        var budget = MemoryBudget.FromAvailableMemory();
        Assert.True(budget.Capacity <= (long)(MemoryBudget.DefaultFraction * (limit ?? long.MaxValue)));
    }
}
