#!/bin/sh
# Install Debian's Chromium for the browser tests (Playwright drives it at /usr/bin/chromium;
# `playwright install` is never used: it downloads a browser at run time).
# Idempotent: does nothing when /usr/bin/chromium is already there. Needs root (or sudo).
# Set WATCHFLOOR_CJK_FONTS=1 to also install Noto CJK fonts, so screenshots show ja/ko/zh text.
set -eu

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-browser: need root or sudo to run apt-get" >&2
        exit 1
    fi
fi

packages=""
if [ ! -x /usr/bin/chromium ]; then
    packages="chromium"
fi
if [ "${WATCHFLOOR_CJK_FONTS:-0}" = "1" ] && ! fc-list :lang=ja 2>/dev/null | grep -q .; then
    packages="$packages fonts-noto-cjk"
fi

if [ -z "$packages" ]; then
    echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get; install Chromium at /usr/bin/chromium yourself" >&2
    exit 1
fi

$SUDO apt-get update
# shellcheck disable=SC2086  # word splitting of the package list is intended
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $packages
/usr/bin/chromium --version
