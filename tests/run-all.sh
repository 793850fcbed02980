#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then end-to-end tests in Debian's Chromium against the real app.
# Installs Chromium with apt-get when /usr/bin/chromium is missing (needs root, as on CI and the dev machines).
set -uo pipefail

cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "run-all: installing Debian chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q chromium || { echo "run-all: FAILED to install chromium"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build KubeMesos.Web.sln -c Release || { echo "run-all: FAILED (build)"; exit 1; }

status=0
results=()
for project in tests/unit/KubeMesos.Tests.Unit.csproj tests/e2e/KubeMesos.Tests.E2E.csproj; do
  name=$(basename "$project" .csproj)
  if dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal"; then
    results+=("$name: passed")
  else
    results+=("$name: FAILED")
    status=1
  fi
done

echo
printf 'run-all: %s\n' "${results[@]}"
if [ "$status" -eq 0 ]; then
  echo "run-all: SUMMARY all test projects passed"
else
  echo "run-all: SUMMARY some tests FAILED"
fi
exit "$status"
