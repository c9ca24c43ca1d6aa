#!/usr/bin/env bash
# Install the named fontconfig files (.conf) into /etc/fonts/conf.d/ and fonts (.otf) into
# /usr/local/share/fonts/, where missing or different; do nothing when all are there.
# (deploy/fontconfig/: the official 公文 faces' names → the free faces; the fonts: the standalone
# SC faces scripts/office_fonts.py copies out of Debian's Noto CJK collections.)
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
FONTS=/usr/local/share/fonts/noto-cjk-sc-office
new_fonts=""
for file in "$@"; do
  [ -e "$file" ] || { echo "没有找到 $file，跳过（office_fonts.py 在本机没有找到 Noto CJK 的字体集）" >&2; continue; }
  case "$file" in
    *.otf) target="$FONTS/$(basename "$file")" what="字体" ;;
    *) target="/etc/fonts/conf.d/$(basename "$file")" what="字体配置" ;;
  esac
  cmp -s "$file" "$target" && continue
  echo "安装$what：$target"
  $SUDO install -D -m 644 "$file" "$target"
  if [ "$what" = "字体" ]; then new_fonts=1; fi
done
[ -z "$new_fonts" ] || $SUDO fc-cache "$FONTS"
