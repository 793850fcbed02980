namespace KubeMesos.Dashboard.Security;

/// <summary>
/// The two roles. A viewer reads everything; an operator also creates, changes, scales, relabels, deletes, adds and
/// fails agents. Carried as <see cref="System.Security.Claims.ClaimTypes.Role"/> claims.
/// </summary>
public static class ClusterRoles
{
    public const string Viewer = "viewer";

    public const string Operator = "operator";

    public static bool IsKnown(string? role) => role is Viewer or Operator;
}
