#ifndef SAMIZDAT_CCMARKGFM_SHIM_H
#define SAMIZDAT_CCMARKGFM_SHIM_H
// cmark-gfm's public API plus the core GFM extensions (table, strikethrough, autolink,
// tagfilter, tasklist). On Debian the second header comes from libcmark-gfm-extensions-dev.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#endif
