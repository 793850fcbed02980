# Build: the SDK restores and publishes the dashboard (with the framework and the top-level wwwroot).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Shared/KubeMesos.Shared.csproj src/Shared/
COPY src/Framework/KubeMesos.Framework.csproj src/Framework/
COPY src/Dashboard/KubeMesos.Dashboard.csproj src/Dashboard/
# The platform being built for (BuildKit sets it: amd64, arm64), which ReadyToRun compiles for.
ARG TARGETARCH
RUN dotnet restore src/Dashboard/KubeMesos.Dashboard.csproj -a "${TARGETARCH:-amd64}"
COPY src/ src/
COPY wwwroot/ wwwroot/
# ReadyToRun: the assemblies ship precompiled, so a new replica (or a new leader with a backlog) does not spend its
# first burst in the JIT: 12 % less CPU in a 10,000-pod burst (docs/benchmarks.md). Not self-contained: the runtime
# image brings .NET.
RUN dotnet publish src/Dashboard/KubeMesos.Dashboard.csproj -c Release -a "${TARGETARCH:-amd64}" --self-contained false \
    -p:PublishReadyToRun=true -o /app --no-restore

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
