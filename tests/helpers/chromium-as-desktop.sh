#!/bin/sh
# Starts Chromium without CAP_SYS_NICE, as a desktop user runs it (see tests/helpers/chromium.ts).
exec setpriv --inh-caps=-sys_nice --bounding-set=-sys_nice -- "${CHROMIUM_PATH:-/usr/bin/chromium}" "$@"
