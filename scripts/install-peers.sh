#!/usr/bin/env bash
# The system peers the integration and UI tests run against: OpenSSH's server and client, Chromium, and (on Linux)
# GNOME Keyring with a D-Bus daemon for the keychain tests. On Debian or
# Ubuntu it installs the missing ones with apt-get, as root (npm test runs this first) or through sudo with --sudo (CI,
# or a person told to run it). Elsewhere, or without the rights, it names what is missing and the one command that
# brings it, and the suites that need it skip loudly. macOS ships sshd; Chrome or Chromium is found where installed.
set -euo pipefail

use_sudo=false
if [ "${1:-}" = "--sudo" ]; then use_sudo=true; fi

missing=()
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh-keygen >/dev/null || missing+=(openssh-client)
# test/fixtures/chromium.ts also finds Chrome and the macOS apps; apt-get's Chromium is /usr/bin/chromium.
if [ -z "${CHROMIUM_PATH:-}" ] && [ "$(uname -s)" = Linux ] &&
  ! [ -x /usr/bin/chromium ] && ! [ -x /usr/bin/chromium-browser ] && ! [ -x /usr/bin/google-chrome ]; then
  missing+=(chromium)
fi
# test/fixtures/keyring.ts starts its own D-Bus session and GNOME Keyring: the keychain the Linux tests use.
if [ "$(uname -s)" = Linux ]; then
  command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring)
  { command -v dbus-daemon >/dev/null && command -v dbus-send >/dev/null; } || missing+=(dbus)
fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

if ! command -v apt-get >/dev/null; then
  echo "install-peers: ${missing[*]} missing and there is no apt-get here; install them with your package manager" \
    "(the suites that need them skip until then)." >&2
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! $use_sudo; then
    echo "install-peers: ${missing[*]} missing; the suites that need them skip. Install them with:" \
      "sudo bash scripts/install-peers.sh" >&2
    exit 0
  fi
  as_root=(sudo)
fi
echo "install-peers: installing ${missing[*]} with apt-get (once)" >&2
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
