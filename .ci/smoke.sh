#!/usr/bin/env bash
# Starts the app under Xvfb from an empty folder with an empty HOME, so it must find its
# bundled sample cases; takes a screenshot and checks the window is drawn and alive.
set -euo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/cwd"
cd "$work/cwd"
shot="$work/shot.png"
HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config" \
  xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    "$0" & pid=$!
    sleep 6
    import -window root "$1"
    if ! kill -0 $pid 2>/dev/null; then echo "smoke: the app exited early" >&2; exit 1; fi
    kill $pid
    wait $pid || true
  ' "$bin" "$shot"
colours=$(convert "$shot" -format %k info:)
echo "smoke: screenshot has $colours distinct colours"
if [ "$colours" -lt 200 ]; then
  echo "smoke: the window looks blank" >&2
  exit 1
fi
if [ ! -f "$work/home/.local/share/casebook/cases/dprk-unsc/case.md" ]; then
  echo "smoke: the bundled sample cases were not installed in the data directory" >&2
  exit 1
fi
echo "smoke: ok"
