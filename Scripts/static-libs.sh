#!/usr/bin/env bash
# Prepares FOLDER (default .build/static-libs) for `make static`: linker scripts named like the
# shared libraries samizdat links (-lcmark-gfm, -lcmark-gfm-extensions, -lsqlite3, -lxml2,
# -lstdc++, -lgcc_s, -lz), each naming static archives instead — libxml2.a with what Debian builds it
# with (ICU, zlib, liblzma), libstdc++.a for ICU and the Swift runtime, libgcc_eh.a for unwinding —
# and pkg-config files for libxml-2.0, libcmark-gfm and zlib whose -L puts FOLDER first in the linker's
# search, so those names resolve here and the binary needs no shared library but the C library's.
set -euo pipefail
folder=$(mkdir -p "${1:-.build/static-libs}" && cd "${1:-.build/static-libs}" && pwd)
mkdir -p "$folder/pkgconfig"

archive() {  # the absolute path of a static archive, or a clear failure
  local name=$1 path
  path=$(clang -print-file-name="$name" 2>/dev/null || true)
  if [ -z "$path" ] || [ ! -f "$path" ]; then
    path=$(find /usr/lib /usr/local/lib /usr/lib64 -name "$name" 2>/dev/null | head -n 1)
  fi
  if [ -z "$path" ] || [ ! -f "$path" ]; then
    echo "static-libs: no $name on this machine (Debian: install the -dev package that ships it)" >&2
    exit 1
  fi
  echo "$path"
}

script() {  # script NAME ARCHIVE…: libNAME.so as a linker script that reads the archives in order
  local name=$1; shift
  local inputs=()
  for a in "$@"; do inputs+=("$(archive "$a")"); done
  printf '/* Written by Scripts/static-libs.sh: link %s statically. */\nINPUT(%s)\n' "$name" "${inputs[*]}" > "$folder/lib$name.so"
}

script cmark-gfm libcmark-gfm.a
script cmark-gfm-extensions libcmark-gfm-extensions.a
script sqlite3 libsqlite3.a
script xml2 libxml2.a libicui18n.a libicuuc.a libicudata.a libz.a liblzma.a
script stdc++ libstdc++.a
script gcc_s libgcc_eh.a
script z libz.a

# The same compiler flags as the system's .pc files (so nothing is compiled again), another -L.
cat > "$folder/pkgconfig/libxml-2.0.pc" <<PC
Name: libXML
Description: libxml2, linked statically (Scripts/static-libs.sh)
Version: $(pkg-config --modversion libxml-2.0)
Libs: -L$folder -lxml2
Cflags: $(pkg-config --cflags libxml-2.0)
PC
cat > "$folder/pkgconfig/libcmark-gfm.pc" <<PC
Name: libcmark-gfm
Description: cmark-gfm and its extensions, linked statically (Scripts/static-libs.sh)
Version: $(pkg-config --modversion libcmark-gfm)
Libs: -L$folder -lcmark-gfm -lcmark-gfm-extensions
Cflags: -I$(pkg-config --variable=includedir libcmark-gfm)
PC
# ZIPFoundation links zlib through pkg-config too; the system's zlib.pc would put the system's
# library folder first in the linker's search, and every -l above would find a shared library.
cat > "$folder/pkgconfig/zlib.pc" <<PC
Name: zlib
Description: zlib, linked statically (Scripts/static-libs.sh)
Version: $(pkg-config --modversion zlib)
Libs: -L$folder -lz
Cflags: $(pkg-config --cflags zlib)
PC
echo "$folder"
