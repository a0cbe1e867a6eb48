#!/usr/bin/env bash
# Installs the Debian packages the build, the tests, the demo and the bench need.
# As root it installs what is missing; as another user it only reports what is missing.
set -euo pipefail

packages=(
  build-essential g++ make clang-format
  postgresql-15 postgresql-client-15 postgresql-contrib postgresql-server-dev-15
  postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl
  postgresql-15-partman postgresql-15-cron
  libssl-dev
  python3-jwt python3-cryptography python3-psycopg2
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
