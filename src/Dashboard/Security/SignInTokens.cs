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

    /// <summary>The session cookie's claim with <see cref="Fingerprint"/> of the token it was signed in with.</summary>
    public const string FingerprintClaim = "kubemesos/token";

    private readonly (byte[] Hash, string Name, string Role)[] _apiTokens;
    private readonly byte[] _browserTokenHash;
    private readonly HashSet<(string Fingerprint, string Name, string Role)> _apiTokenFingerprints;

    public SignInTokens(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        BrowserToken = string.IsNullOrEmpty(auth.BrowserToken)
            ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))
            : auth.BrowserToken;
        _browserTokenHash = Hash(BrowserToken);
        _apiTokens = auth.Tokens.Select(t => (Hash(t.Token), t.Name, t.Role)).ToArray();
        _apiTokenFingerprints = auth.Tokens.Select(t => (Fingerprint(t.Token), t.Name, t.Role)).ToHashSet();
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

    /// <summary>
    /// A short fingerprint of a token (not the token), kept in the session cookie, so that a session ends when its
    /// token does: a new browser token at a restart, an API token removed from the configuration or given another role.
    /// </summary>
    public static string Fingerprint(string token) => Convert.ToHexStringLower(Hash(token).AsSpan(0, 8));

    /// <summary>Whether a session signed in with the token of this fingerprint, as this user and role, still holds.</summary>
    public bool StillValid(string? fingerprint, string? name, string? role)
    {
        if (fingerprint is null)
        {
            return false;
        }

        if (name == BrowserUser && role == ClusterRoles.Operator && fingerprint == Fingerprint(BrowserToken))
        {
            return true;
        }

        return _apiTokenFingerprints.Contains((fingerprint, name ?? "", role ?? ""));
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
