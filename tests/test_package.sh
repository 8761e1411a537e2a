#!/usr/bin/env bash
# The Debian package as a user gets it: built with CPack from this build directory, its
# contents and metadata inspected with dpkg-deb, unpacked into a temporary root, and the
# installed programs run from there.
#   test_package.sh BUILD_DIR EXPECTED_VERSION
set -euo pipefail
build_dir="$1"
version="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "test_package: $*" >&2; exit 1; }

(cd "$build_dir" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb="$(ls "$work"/out/*.deb)"
[ "$(dpkg-deb -f "$deb" Package)" = shardscape ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version $(dpkg-deb -f "$deb" Version) != $version"
depends="$(dpkg-deb -f "$deb" Depends)"
for lib in libqt6core6 libqt6widgets6 libqt6svg6 libqcustomplot2.1-qt6 libleveldb1d; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' > "$work/contents"
for path in /usr/bin/shardscape /usr/bin/shardscape-cli \
    /usr/share/applications/org.shardscape.shardscape.desktop \
    /usr/share/metainfo/org.shardscape.shardscape.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/shardscape.svg \
    /usr/share/icons/hicolor/48x48/apps/shardscape.png \
    /usr/share/icons/hicolor/256x256/apps/shardscape.png \
    /usr/share/man/man1/shardscape-cli.1.gz; do
  grep -qx "$path" "$work/contents" || fail "missing $path"
done
grep -q '^/usr/share/shardscape/models/.*\.shardscape\.json$' "$work/contents" ||
  fail "no bundled models"

root="$work/root"
dpkg -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/org.shardscape.shardscape.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.shardscape.shardscape.metainfo.xml" \
  >"$work/appstream.log" 2>&1 || { cat "$work/appstream.log" >&2; fail "metainfo invalid"; }
zcat "$root/usr/share/man/man1/shardscape-cli.1.gz" | grep -q '^\.TH SHARDSCAPE-CLI 1' ||
  fail "man page"

out="$("$root/usr/bin/shardscape-cli" --version)"
[ "$out" = "shardscape-cli $version" ] || fail "--version printed '$out'"
model="$(ls "$root"/usr/share/shardscape/models/*.shardscape.json | head -1)"
"$root/usr/bin/shardscape-cli" model check "$model" >"$work/check.log" 2>&1 ||
  { cat "$work/check.log" >&2; fail "model check failed on $model"; }
# The installed GUI finds its bundled models from its own prefix, and starts (first start:
# with the welcome page) on a fresh home.
export QT_QPA_PLATFORM=offscreen HOME="$work/home" XDG_DATA_HOME="$work/home/data"
"$root/usr/bin/shardscape" --list-bundled >"$work/bundled.txt"
grep -qx "$root/usr/share/shardscape/models/$(basename "$model")" "$work/bundled.txt" ||
  fail "installed app did not find its bundled models: $(cat "$work/bundled.txt")"
"$root/usr/bin/shardscape" --screenshot "$work/shot.png"
[ -s "$work/shot.png" ] || fail "no screenshot"
echo "test_package: $deb is good"
