#!/usr/bin/env bash
# Builds the release archive target/release/gridwire-VERSION.tar.gz (./gridwire release):
#
#   gridwire-VERSION/
#     gridwire                 the launcher (runs lib/gridwire.jar on any Java 21+, JRE enough)
#     lib/gridwire.jar         the gateway
#     README.md  docs/         the documentation
#     packaging/systemd/       gridwire.service
#     packaging/docker/        Dockerfile, jdk-modules.txt, build-context.sh, HealthProbe.java
#     packaging/home-assistant/  the add-on folder, with gridwire.jar in it (copy it to /addons)
#
#   packaging/release.sh [--jar FILE] [--out DIR]
# Without --jar the jar is built first (Maven, tests skipped: run ./gridwire test for those).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR=""
OUT="$ROOT/target/release"
while (($#)); do
  case "$1" in
    --jar) JAR="$(realpath "$2")"; shift 2 ;;
    --out) OUT="$(realpath -m "$2")"; shift 2 ;;
    *) echo "usage: packaging/release.sh [--jar FILE] [--out DIR]" >&2; exit 2 ;;
  esac
done
if [[ -z "$JAR" ]]; then
  "$ROOT/gridwire" build
  JAR="$ROOT/gridwire-app/target/gridwire.jar"
fi
[[ -f "$JAR" ]] || { echo "no jar at $JAR" >&2; exit 1; }

VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
NAME="gridwire-$VERSION"
STAGE="$OUT/$NAME"
rm -rf "$STAGE" "$OUT/$NAME.tar.gz"
mkdir -p "$STAGE/lib" "$STAGE/packaging"

cp "$ROOT/gridwire" "$STAGE/gridwire"
cp "$JAR" "$STAGE/lib/gridwire.jar"
cp "$ROOT/README.md" "$STAGE/"
cp -r "$ROOT/docs" "$STAGE/docs"
for d in systemd docker home-assistant; do cp -r "$ROOT/packaging/$d" "$STAGE/packaging/$d"; done
cp "$JAR" "$STAGE/packaging/home-assistant/gridwire.jar"
chmod 0755 "$STAGE/gridwire" "$STAGE/packaging/home-assistant/run.sh" "$STAGE/packaging/docker/build-context.sh"

# Reproducible order and owner in the archive.
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$OUT" -czf "$OUT/$NAME.tar.gz" "$NAME"
echo "$OUT/$NAME.tar.gz ($(du -h "$OUT/$NAME.tar.gz" | cut -f1))"
