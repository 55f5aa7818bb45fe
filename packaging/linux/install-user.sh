#!/bin/sh
# Put Debrief Desktop in the current user's application menu (no root needed).
#
#   install-user.sh [EXECUTABLE]      install the launcher, AppStream metainfo and icons
#   install-user.sh --uninstall       remove them again (the program itself stays)
#
# EXECUTABLE is the program the launcher starts. Without it: the bundle's
# debrief-desktop when this script sits in a PyInstaller bundle's linux/ folder,
# else debrief-desktop-gui or debrief-desktop found on PATH (pip or pipx install).
# Files go under ${XDG_DATA_HOME:-~/.local/share}: applications/, metainfo/, icons/hicolor/.
set -eu

ID=io.github.debrief_desktop.DebriefDesktop
SIZES="16 32 48 64 128 256"
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps=$data/applications
meta=$data/metainfo
icons=$data/icons/hicolor

say() { printf '%s\n' "install-user.sh: $*" >&2; }
die() { say "$*"; exit 1; }

refresh() {
    # Menus pick the change up on their own; these only make it quicker where present.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$apps" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
        gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$apps/$ID.desktop" "$meta/$ID.metainfo.xml" "$icons/scalable/apps/$ID.svg"
    for size in $SIZES; do rm -f "$icons/${size}x${size}/apps/$ID.png"; done
    refresh
    say "removed the Debrief Desktop launcher from $data"
    exit 0
fi
case "${1:-}" in -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
[ $# -le 1 ] || die "usage: install-user.sh [--uninstall] [EXECUTABLE]"

# The program to start: given, the bundle's, or the one on PATH.
if [ $# -eq 1 ]; then
    exe=$1
elif [ -x "$here/../debrief-desktop" ] && [ -f "$here/../debrief-desktop" ]; then
    exe=$here/../debrief-desktop
else
    exe=$(command -v debrief-desktop-gui || command -v debrief-desktop || true)
    [ -n "$exe" ] || die "debrief-desktop is not on PATH: pass the program's path, e.g.
  install-user.sh ~/debrief-desktop/debrief-desktop"
fi
[ -f "$exe" ] && [ -x "$exe" ] || die "$exe: not an executable file"
exe=$(CDPATH='' cd -- "$(dirname -- "$exe")" && pwd)/$(basename -- "$exe")
# A desktop entry's Exec needs escaping for these; a folder name without them is simpler.
case "$exe" in
    *[\"\`\$\\%]* | *"
"*) die "$exe: move the program to a folder whose path has no \" \` \$ \\ % or newline" ;;
esac

# Assets: beside this script in a bundle (linux/ and linux/icons/), or in a source checkout.
desktop=$here/$ID.desktop
metainfo=$here/$ID.metainfo.xml
if [ -d "$here/icons" ]; then art=$here/icons; else art=$here/../../resources/icons; fi
for file in "$desktop" "$metainfo" "$art/debrief-desktop.svg"; do
    [ -f "$file" ] || die "$file is missing: run this script from a bundle or a source checkout"
done

mkdir -p "$apps" "$meta" "$icons/scalable/apps"
tmp=$apps/.$ID.desktop.partial
while IFS= read -r line; do
    case "$line" in
        Exec=*) printf 'Exec="%s"\nTryExec=%s\n' "$exe" "$exe" ;;
        *) printf '%s\n' "$line" ;;
    esac
done <"$desktop" >"$tmp"
mv -f "$tmp" "$apps/$ID.desktop"
cp -f "$metainfo" "$meta/$ID.metainfo.xml"
cp -f "$art/debrief-desktop.svg" "$icons/scalable/apps/$ID.svg"
for size in $SIZES; do
    mkdir -p "$icons/${size}x${size}/apps"
    cp -f "$art/debrief-desktop-$size.png" "$icons/${size}x${size}/apps/$ID.png"
done
refresh
say "installed the Debrief Desktop launcher for $(id -un): it starts $exe"
say "(files in $data; remove them with: $0 --uninstall)"
