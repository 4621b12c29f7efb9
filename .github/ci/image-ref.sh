#!/usr/bin/env bash
# Print `ref=<image>@sha256:<digest>` from .github/ci/Dockerfile, for $GITHUB_OUTPUT.
# Refuses anything but a python:3.11 Debian bookworm image pinned by digest.
set -euo pipefail
ref=$(sed -n 's/^FROM[[:space:]]\+//p' "$(dirname "$0")/Dockerfile")
if ! [[ "$ref" =~ ^python:3\.11(\.[0-9]+)?-slim-bookworm@sha256:[0-9a-f]{64}$ ]]; then
  echo "error: .github/ci/Dockerfile must say FROM python:3.11-slim-bookworm@sha256:<digest>, not '$ref'" >&2
  exit 1
fi
echo "ref=$ref"
