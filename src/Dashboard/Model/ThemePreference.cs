namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The remembered theme: a cookie (written by wwwroot/js/shell.js) that the server reads while prerendering, so a
/// reload paints dark at once instead of flashing light first.
/// </summary>
public static class ThemePreference
{
    public const string Cookie = "km-theme";

    /// <summary>The name of the cascading value that carries the first render's choice to the layout.</summary>
    public const string Cascade = "InitialDarkMode";

    public static bool IsDark(string? cookie) => string.Equals(cookie, "dark", StringComparison.Ordinal);
}
