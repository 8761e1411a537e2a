#!/usr/bin/env bash
# Shardscape set-up on Debian 12.
#
#   installer/setup.sh run      install packages, build Release into build/, start the app
#   installer/setup.sh test     the same, then run every test (ctest, offscreen)
#   installer/setup.sh test --sanitize
#                               the headless suites in an ASan + UBSan build (build-asan/), then
#                               the concurrency suites in a TSan build (build-tsan/)
#   installer/setup.sh build    install packages and build only
#   installer/setup.sh package  the same, then build the Debian package (build/*.deb)
#
# Packages are installed with apt-get (through sudo when not root); installed ones are skipped.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${SHARDSCAPE_BUILD_DIR:-$root/build}"
jobs="${SHARDSCAPE_JOBS:-$(nproc)}"

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev
  libqcustomplot-dev
  libleveldb-dev libsnappy-dev
  nlohmann-json3-dev
  libcpp-httplib-dev zlib1g-dev libssl-dev libbrotli-dev
  fonts-dejavu-core
  # packaging: icon rendering, dpkg-shlibdeps, and the validators the package test runs
  librsvg2-bin dpkg-dev desktop-file-utils appstream
  awscli python3-boto3
  nodejs
)
dynalite_version=4.0.0  # bench_endpoint's baseline and the remote-connection tests' server (npm)
aws_sdk_js_version=3.1169.0  # @aws-sdk/client-dynamodb for the JavaScript SDK compat test (npm)
aws_sdk_js_streams_version=3.1141.0  # @aws-sdk/client-dynamodb-streams, for compat_js_streams

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "All ${#packages[@]} Debian packages are installed"
    return
  fi
  say "Installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# dynalite, the DynamoDB implementation bench_endpoint compares against, into the build
# directory (where CMake looks for it).
install_dynalite() {
  local dir="$build_dir/dynalite"
  if [ -f "$dir/node_modules/dynalite/package.json" ] &&
     grep -q "\"version\": \"$dynalite_version\"" "$dir/node_modules/dynalite/package.json"; then
    return
  fi
  if ! command -v npm >/dev/null; then
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm
  fi
  say "Installing dynalite $dynalite_version with npm into $dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "dynalite@$dynalite_version"
}

# The AWS SDK for JavaScript v3's DynamoDB client, for compat_js_sdk, into the build directory.
install_aws_sdk_js() {
  local dir="$build_dir/aws-sdk-js"
  local package="$dir/node_modules/@aws-sdk/client-dynamodb/package.json"
  if [ -f "$package" ] && grep -q "\"version\": \"$aws_sdk_js_version\"" "$package"; then
    return
  fi
  say "Installing @aws-sdk/client-dynamodb $aws_sdk_js_version with npm into $dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
    "@aws-sdk/client-dynamodb@$aws_sdk_js_version"
}

# The DynamoDB Streams client beside the DynamoDB client, for compat_js_streams.
install_aws_sdk_js_streams() {
  local dir="$build_dir/aws-sdk-js-streams"
  local package="$dir/node_modules/@aws-sdk/client-dynamodb-streams/package.json"
  if [ -f "$package" ] && grep -q "\"version\": \"$aws_sdk_js_streams_version\"" "$package"; then
    return
  fi
  say "Installing @aws-sdk/client-dynamodb-streams $aws_sdk_js_streams_version with npm into $dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
    "@aws-sdk/client-dynamodb-streams@$aws_sdk_js_streams_version" \
    "@aws-sdk/client-dynamodb@$aws_sdk_js_version"
}

build() {
  say "Configuring Release build in $build_dir"
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  say "Building with $jobs jobs"
  cmake --build "$build_dir" -j "$jobs"
}

run_tests() {
  say "Running tests"
  (cd "$build_dir" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$jobs" --timeout 900)
}

# Sanitizer builds beside the Release one: the CLI and the headless suites (ASan + UBSan,
# target sanitizer_suites) or the concurrency suites (TSan, target concurrency_suites). Any
# finding fails the run (halt_on_error; UBSan does not recover).
run_sanitized() {
  local mode="$1" label="$2" dir="$root/build-$3" target="$4"
  say "Configuring the $mode-sanitizer build in $dir"
  cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSHARDSCAPE_SANITIZE="$mode" \
    -DSHARDSCAPE_DYNALITE="$build_dir/dynalite/node_modules/dynalite/cli.js" >/dev/null
  say "Building the $mode-sanitizer suites with $jobs jobs"
  cmake --build "$dir" -j "$jobs" --target "$target"
  say "Running the $label suites under the $mode sanitizer"
  (cd "$dir" && QT_QPA_PLATFORM=offscreen \
    ASAN_OPTIONS="halt_on_error=1:detect_leaks=1" \
    LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=$root/tests/sanitizers/tsan.supp" \
    ctest -L "$label" --output-on-failure -j "$jobs" --timeout 1800)
}

case "${1:-}" in
  run)
    shift
    install_packages
    build
    say "Starting Shardscape"
    exec "$build_dir/app/shardscape" "$@"
    ;;
  test)
    install_packages
    install_dynalite
    install_aws_sdk_js
    install_aws_sdk_js_streams
    if [ "${2:-}" = "--sanitize" ]; then
      run_sanitized address headless asan sanitizer_suites
      run_sanitized thread concurrency tsan concurrency_suites
      say "Sanitizer runs clean"
      exit 0
    fi
    build
    run_tests
    ;;
  build)
    install_packages
    build
    ;;
  package)
    install_packages
    build
    say "Building the Debian package"
    (cd "$build_dir" && cpack -G DEB)
    ls -1 "$build_dir"/*.deb
    ;;
  *)
    echo "usage: installer/setup.sh run|test [--sanitize]|build|package" >&2
    exit 2
    ;;
esac
