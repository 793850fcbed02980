using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.StaticAssets;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// The static files the login page loads (its document is the app's shell), the only ones served to a browser that is
/// not signed in. Every other asset, like every other endpoint, needs a session.
/// </summary>
public static class LoginPageAssets
{
    /// <summary>Asset paths as <c>@Assets[...]</c> names them (unfingerprinted).</summary>
    public static IReadOnlySet<string> Paths { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "favicon.svg",
        "css/site.css",
        "KubeMesos.Dashboard.styles.css",
        "_content/MudBlazor/MudBlazor.min.css",
        "_content/MudBlazor/MudBlazor.min.js",
        "_framework/blazor.web.js",
    };

    public static StaticAssetsEndpointConventionBuilder AllowLoginPageAssets(this StaticAssetsEndpointConventionBuilder assets)
    {
        assets.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<StaticAssetDescriptor>().FirstOrDefault() is { } asset && Paths.Contains(LogicalPath(asset)))
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return assets;
    }

    /// <summary>The asset's unfingerprinted path: its <c>label</c> property when it has one (fingerprinted and compressed variants).</summary>
    public static string LogicalPath(StaticAssetDescriptor asset) =>
        asset.Properties.FirstOrDefault(p => p.Name == "label")?.Value ?? asset.Route;
}
