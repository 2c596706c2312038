#!/usr/bin/env bash
# Prepares the build context of packaging/docker/Dockerfile: a jlink runtime with the modules of
# jdk-modules.txt, the gateway jar, the health probe, the shared libraries they load (this
# machine's, found with ldd), a passwd entry for the non-root user, /tmp and /data. Then build the
# image from it with podman or docker (podman needs --format docker to keep the HEALTHCHECK):
#
#   packaging/docker/build-context.sh [JAR] [OUT]      (defaults: gridwire-app/target/gridwire.jar, target/image)
#   podman build --format docker -t gridwire target/image     (docker: docker build -t gridwire target/image)
#
# Needs a JDK 21+ with jlink (JAVA_HOME) and ldd. The image gets this machine's architecture.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAR="$(realpath "${1:-$ROOT/gridwire-app/target/gridwire.jar}")"
OUT="$(realpath -m "${2:-$ROOT/target/image}")"
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
[[ -f "$JAR" ]] || { echo "no jar at $JAR: build it with ./gridwire build" >&2; exit 1; }
[[ -x "$JDK/bin/jlink" ]] || { echo "$JDK has no jlink: JAVA_HOME must be a JDK" >&2; exit 1; }

FS="$OUT/rootfs"
rm -rf "$OUT"
mkdir -p "$FS/opt/gridwire/probe" "$FS/etc" "$OUT/dirs/data" "$OUT/dirs/tmp"
chmod 0750 "$OUT/dirs/data"
chmod 1777 "$OUT/dirs/tmp"
# /data owned by the service user and /tmp for everyone: a COPY would give them to root, the
# entries of an archive keep their owner (the image's Dockerfile ADDs it).
tar --numeric-owner --owner=0 --group=0 -C "$OUT/dirs" -cf "$OUT/dirs.tar" tmp
tar --numeric-owner --owner=10001 --group=10001 -C "$OUT/dirs" -rf "$OUT/dirs.tar" data
rm -rf "$OUT/dirs"

modules="$(grep -v '^[[:space:]]*#' "$HERE/jdk-modules.txt" | grep -v '^[[:space:]]*$' | paste -sd, -)"
"$JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$FS/opt/java"

cp "$JAR" "$FS/opt/gridwire/gridwire.jar"
"$JDK/bin/javac" --release 21 -d "$FS/opt/gridwire/probe" "$HERE/HealthProbe.java"

# Native libraries inside the jar (SQLite, Netty), to find what they link to (ldd ignores the ones
# of other architectures).
natives="$(mktemp -d)"
trap 'rm -rf "$natives"' EXIT
(cd "$natives" && "$JDK/bin/jar" tf "$JAR" | grep -E '\.so$' | grep -Ei 'linux.*(x86_64|amd64|aarch64)|libnetty' \
  | xargs -r "$JDK/bin/jar" xf "$JAR")

copy_deps() { # copies the shared libraries ELF file $1 needs (and the dynamic loader) into $FS
  { ldd "$1" 2>/dev/null || true; } | awk '/=> \// {print $3} /^[[:space:]]*\/[^ ]+ \(/ {print $1}' | while read -r lib; do
    [[ "$lib" == "$FS"/* || "$lib" == "$natives"/* || -e "$FS$lib" ]] || cp -L --parents "$lib" "$FS"
  done
}
while IFS= read -r -d '' f; do
  if [[ "$(head -c 4 "$f" | tr -d '\0')" == $'\x7fELF' ]]; then copy_deps "$f"; fi
done < <(find "$FS/opt/java" "$natives" -type f \( -name '*.so' -o -path '*/bin/*' \) \
  -not -name 'libawt_xawt.so' -not -name 'libsplashscreen.so' -not -name 'libjsound.so' -not -name 'libjawt.so' -print0)
# (The X11 and sound libraries of java.desktop are never loaded by a headless server: left out.)

echo "gridwire:x:10001:10001:Gridwire:/data:/nonexistent" > "$FS/etc/passwd"
echo "gridwire:x:10001:" > "$FS/etc/group"
cp "$HERE/Dockerfile" "$OUT/Dockerfile"
echo "build context ready in $OUT (runtime $(du -sh "$FS/opt/java" | cut -f1), image files $(du -sh "$FS" | cut -f1))"
