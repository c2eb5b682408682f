#!/bin/sh
# Print the path of a headless-capable Chromium, installing Debian's package when there
# is none (as root, or with password-less sudo). Browser tests use this binary; no test
# tool downloads a browser of its own.
set -eu

find_chromium() {
    for name in chromium chromium-browser; do
        if command -v "$name" >/dev/null 2>&1; then
            command -v "$name"
            return 0
        fi
    done
    return 1
}

if find_chromium; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo -n"
else
    echo "Chromium is not installed and this user cannot install it: run" >&2
    echo "  sudo apt-get install chromium" >&2
    exit 1
fi
echo "Installing Chromium from Debian's packages..." >&2
$run apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends chromium >&2
find_chromium || { echo "Chromium still not found after installing it." >&2; exit 1; }
