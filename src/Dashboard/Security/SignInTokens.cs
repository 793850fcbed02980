using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// The tokens that sign someone in: the browser token (operator; random for the life of the process unless
/// <c>Auth:BrowserToken</c> sets it) and the configured API tokens with their roles. Compared in fixed time.
/// </summary>
public sealed class SignInTokens
{
    public const string BrowserUser = "browser";

    private readonly (byte[] Hash, string Name, string Role)[] _apiTokens;
    private readonly byte[] _browserTokenHash;

    public SignInTokens(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        BrowserToken = string.IsNullOrEmpty(auth.BrowserToken)
            ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))
            : auth.BrowserToken;
        _browserTokenHash = Hash(BrowserToken);
        _apiTokens = auth.Tokens.Select(t => (Hash(t.Token), t.Name, t.Role)).ToArray();
    }

    /// <summary>The token the login URL carries.</summary>
    public string BrowserToken { get; }

    /// <summary>An API client's bearer token: its name and role, or null.</summary>
    public (string Name, string Role)? MatchApiToken(string presented)
    {
        var hash = Hash(presented);
        (string, string)? match = null;
        foreach (var token in _apiTokens)
        {
            // Every token is compared, so the time taken says nothing about which (if any) matched.
            if (CryptographicOperations.FixedTimeEquals(hash, token.Hash))
            {
                match = (token.Name, token.Role);
            }
        }

        return match;
    }

    /// <summary>What the login form takes: the browser token (an operator) or an API token (its own role).</summary>
    public (string Name, string Role)? MatchSignIn(string presented) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), _browserTokenHash)
            ? (BrowserUser, ClusterRoles.Operator)
            : MatchApiToken(presented);

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
