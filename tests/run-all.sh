#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then end-to-end tests in Debian's Chromium against the real app.
# Installs Chromium and etcd (the etcd store's contract tests run a real one) with apt-get when /usr/bin/chromium or
# /usr/bin/etcd is missing (needs root, as on CI and the dev machines).
set -uo pipefail

cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/etcd ] || missing+=(etcd-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "run-all: installing Debian ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q "${missing[@]}" || { echo "run-all: FAILED to install ${missing[*]}"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build KubeMesos.Web.sln -c Release || { echo "run-all: FAILED (build)"; exit 1; }

status=0
passed=0
failed=0
log=$(mktemp)
failures=$(mktemp)
trap 'rm -f "$log" "$failures"' EXIT
for project in tests/unit/KubeMesos.Tests.Unit.csproj tests/e2e/KubeMesos.Tests.E2E.csproj; do
  name=$(basename "$project" .csproj)
  if dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log"; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    echo "run-all: $name passed"
  else
    echo "run-all: $name FAILED"
    status=1
  fi
  # dotnet test's own line: "Passed!  - Failed:     0, Passed:    70, Skipped: ..."
  p=$(grep -oE 'Passed: +[0-9]+' "$log" | grep -oE '[0-9]+' | tail -1)
  f=$(grep -oE 'Failed: +[0-9]+' "$log" | grep -oE '[0-9]+' | tail -1)
  # Keep each failed test's name, message and the top of its stack, to print again at the very end: CI shows
  # only the tail of the output, and a failure scrolled out of it cannot be diagnosed.
  awk '/^  Failed [^ ]/ { keep = 1; stack = 0 }
       keep && /^  Stack Trace:/ { stack = 1 }
       keep { print; if (stack && ++lines > 8) { keep = 0; lines = 0; print "" } }
       keep && /^  (Passed|Skipped) / { keep = 0 }' "$log" >> "$failures"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

echo
if [ -s "$failures" ]; then
  echo "run-all: the failed tests again:"
  cat "$failures"
fi
if [ "$status" -eq 0 ]; then
  echo "run-all: SUMMARY $passed passed, $failed failed"
else
  echo "run-all: SUMMARY FAILED: $passed passed, $failed failed"
fi
exit "$status"
