using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Store;

/// <summary>Checks the <c>Store</c> section at start, so a bad setting stops the app with a message instead of a later failure.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var failures = new List<string>();
        if (options.WatchHistory < 1)
        {
            failures.Add($"Store:WatchHistory must be at least 1 (got {options.WatchHistory}).");
        }

        if (!string.IsNullOrWhiteSpace(options.Etcd))
        {
            foreach (var endpoint in options.Etcd.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
                {
                    failures.Add($"Store:Etcd must be etcd client URLs like http://host:2379, comma-separated (got \"{endpoint}\").");
                }
            }
        }
        else if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add("Store:Path must name the data folder of the embedded store (default ./data) when Store:Etcd is not set.");
        }
        else if (options.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"Store:Path is not a valid path (got \"{options.Path}\").");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
