#!/usr/bin/env bash
# Debian packages the slow test suites need: PostgreSQL and MariaDB servers (test services only:
# nothing of them is linked or shipped), Chromium + chromedriver, a Java
# runtime (Spark), gettext (translation catalogues). Idempotent and quick when all are present:
# only missing packages are installed, with a single `apt-get update`. Without root it prints
# what is missing and carries on; the suites that need it then skip with a reason.
set -euo pipefail

PACKAGES=(postgresql mariadb-server chromium chromium-driver default-jre-headless gettext)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg -s "$pkg" >/dev/null 2>&1 || ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system-deps: all present (${PACKAGES[*]})"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: not root; missing Debian packages: ${missing[*]}" >&2
  echo "system-deps: install them with: sudo apt-get install ${missing[*]} (the suites needing them will skip)" >&2
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get on this system; missing: ${missing[*]} (the suites needing them will skip)" >&2
  exit 0
fi

echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
