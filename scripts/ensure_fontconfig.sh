#!/usr/bin/env bash
# Install the named fontconfig files into /etc/fonts/conf.d/ where missing or different; do nothing
# when all are there. (deploy/fontconfig/: the official 公文 faces' names → the free faces.)
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
for file in "$@"; do
  target="/etc/fonts/conf.d/$(basename "$file")"
  cmp -s "$file" "$target" && continue
  echo "安装字体配置：$target"
  $SUDO install -D -m 644 "$file" "$target"
done
