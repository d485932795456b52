#!/usr/bin/env bash
# Publishes the rlaifv program into one self-sufficient folder: the framework-dependent linux-x64 Release build
# (TorchSharp's native libraries beside it, libLibTorchSharp.so made loadable on libstdc++ older than GCC 13 by the
# build's GLIBCXX step, src/Models/build/LibTorchSharpGlibcxxFix.targets, which runs on publish too), the built-in
# world's shipped weights and the committed pipeline.yaml pointing at them, so `rlaifv run` in that folder runs the
# main job. The Dockerfiles run this script; so does the deploy test (tests/Deploy.Tests), which is why it exists.
#
#   deploy/docker/publish.sh OUT_DIR [cpu|cuda]
#
# cuda swaps libtorch-cpu-linux-x64 for TorchSharp-cuda-linux (-p:TorchDevice=cuda); the feed in nuget.config
# must serve that package. Extra arguments for dotnet publish come from $PUBLISH_ARGS (e.g. --no-restore).
set -euo pipefail

out=${1:?usage: publish.sh OUT_DIR [cpu|cuda]}
device=${2:-cpu}
case "$device" in cpu|cuda) ;; *) echo "publish.sh: device '$device' is invalid: allowed cpu or cuda" >&2; exit 2 ;; esac

root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

# shellcheck disable=SC2086 # PUBLISH_ARGS is a list of words on purpose
dotnet publish "$root/src/Runtime/RlaifV.Runtime.csproj" -c Release -r linux-x64 --self-contained false \
  -p:TorchDevice="$device" -p:UseAppHost=true -o "$out" -nologo -v q ${PUBLISH_ARGS:-}

# The world's weights and the main job's configuration, laid out as in the repository so the paths in
# pipeline.yaml (relative to the file) stay as committed.
mkdir -p "$out/src/World"
rm -rf "$out/src/World/Weights"
cp -R "$root/src/World/Weights" "$out/src/World/Weights"
cp "$root/pipeline.yaml" "$out/pipeline.yaml"
(cd "$out/src/World/Weights" && sha256sum --quiet -c SHA256SUMS)

# The loader check the image would fail on at run time, made here: the native library's dependencies and version
# needs must resolve (a missing *weak* version need is what the GLIBCXX step makes harmless; ldd still lists it).
if command -v ldd >/dev/null 2>&1 && [ -f "$out/libLibTorchSharp.so" ]; then
  missing=$(ldd "$out/libLibTorchSharp.so" 2>&1 | grep 'not found' | grep -v 'weak version' || true)
  if [ -n "$missing" ]; then
    echo "publish.sh: libLibTorchSharp.so does not load here:" >&2
    echo "$missing" >&2
    exit 1
  fi
fi
echo "published rlaifv ($device) to $out"
