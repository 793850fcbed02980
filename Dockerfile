# Build: the SDK restores and publishes the dashboard (with the framework and the top-level wwwroot).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Shared/KubeMesos.Shared.csproj src/Shared/
COPY src/Framework/KubeMesos.Framework.csproj src/Framework/
COPY src/Dashboard/KubeMesos.Dashboard.csproj src/Dashboard/
RUN dotnet restore src/Dashboard/KubeMesos.Dashboard.csproj
COPY src/ src/
COPY wwwroot/ wwwroot/
RUN dotnet publish src/Dashboard/KubeMesos.Dashboard.csproj -c Release -o /app --no-restore

# Run: the ASP.NET Core runtime only.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "KubeMesos.Dashboard.dll"]
