using MudBlazor;

namespace KubeMesos.Dashboard.Components;

/// <summary>The dashboard's MudBlazor theme: indigo and teal on a light grey background (or a dark one), system fonts.</summary>
public static class DashboardTheme
{
    private static readonly string[] Fonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            Tertiary = "#5e35b1",
            AppbarBackground = "#1a237e",
            AppbarText = "#ffffff",
            Background = "#f5f6fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.8)",
            TableLines = "#e6e8ef",
            Success = "#2e7d32",
            Warning = "#ef6c00",
            Error = "#c62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#4db6ac",
            Tertiary = "#b39ddb",
            AppbarBackground = "#151a3a",
            AppbarText = "#e8eaf6",
            Background = "#14161c",
            Surface = "#1d2028",
            DrawerBackground = "#1a1d24",
            DrawerText = "rgba(255,255,255,0.82)",
            TableLines = "#2c303a",
            Success = "#66bb6a",
            Warning = "#ffa726",
            Error = "#ef5350",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H1 = new H1Typography { FontFamily = Fonts },
            H5 = new H5Typography { FontFamily = Fonts, FontWeight = "500" },
            H6 = new H6Typography { FontFamily = Fonts, FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px", DrawerWidthLeft = "220px" },
    };
}
