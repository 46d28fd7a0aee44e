#!/usr/bin/env bash
# Screenshots of every console page (light in English, dark in Chinese) into docs/console/, taken from the real
# console by its browser test: a fresh gateway, an upstream simulator, Debian's chromium. Build the jar first
# (./mvnw -DskipTests install).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="$(pwd)/docs/console"
mkdir -p "$out"
./mvnw -B -q -o test -pl features -Dtest=ConsoleBrowserTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dllm402.console.screenshots="$out"
ls "$out"
