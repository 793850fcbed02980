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

# Run: the ASP.NET Core runtime only, as the image's non-root "app" user ($APP_UID). The dashboard listens on every
# address of the container (port 8080, published with -p) with authentication on: `docker logs` shows the login URL.
# The embedded Mesos master stays on the container's loopback. Objects are kept in /data (a volume).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown $APP_UID /data
VOLUME /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Store__Path=/data
EXPOSE 8080
USER $APP_UID
# The runtime image has neither curl nor wget: the app's own `healthcheck` verb asks /healthz on the port above.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "KubeMesos.Dashboard.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "KubeMesos.Dashboard.dll"]
