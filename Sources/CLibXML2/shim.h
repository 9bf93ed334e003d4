#ifndef SAMIZDAT_CLIBXML2_SHIM_H
#define SAMIZDAT_CLIBXML2_SHIM_H
// libxml2's HTML parser (Debian: libxml2-dev; macOS: the SDK's or Homebrew's libxml2), used as
// the tokenizer for raw HTML written in posts.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so encoding.h would pull in the system's ICU headers, which
// clash with the ICU that Foundation carries. Nothing here uses the ICU-only fields of
// xmlCharEncodingHandler (only pointers to it), so leave them out.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#endif
