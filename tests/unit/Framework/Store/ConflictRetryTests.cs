using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

public sealed class ConflictRetryTests
{
    [Fact]
    public async Task RunAsync_ConflictThenSuccess_RunsAgain()
    {
        var attempts = new List<int>();

        var result = await ConflictRetry.RunAsync(number =>
        {
            attempts.Add(number);
            return number < 3 ? throw new StoreConflictException("modified", alreadyExists: false) : Task.FromResult("written");
        });

        Assert.Equal("written", result);
        Assert.Equal([1, 2, 3], attempts);
    }

    [Fact]
    public async Task RunAsync_AlwaysConflicting_ThrowsTheLastConflictAfterTheAttempts()
    {
        var count = 0;

        await Assert.ThrowsAsync<StoreConflictException>(() => ConflictRetry.RunAsync(_ =>
        {
            count++;
            throw new StoreConflictException("modified", alreadyExists: false);
        }));

        Assert.Equal(ConflictRetry.Attempts, count);
    }

    [Fact]
    public async Task RunAsync_AlreadyExistsOrOtherErrors_NotRetried()
    {
        var count = 0;

        await Assert.ThrowsAsync<StoreConflictException>(() => ConflictRetry.RunAsync(_ =>
        {
            count++;
            throw new StoreConflictException("exists", alreadyExists: true);
        }));

        Assert.Equal(1, count);
    }
}
