// Checks and fix-ups on the raw XML text, around tinyxml2 (internal to the ioc module).
//
// tinyxml2 9 drops text nodes made only of whitespace, which would turn `<Content> </Content>` into an
// empty value; OpenIOC Content is verbatim, so such text is wrapped in CDATA before parsing. It also
// reads `<!DOCTYPE ...>` as an opaque node without expanding entities; we refuse DOCTYPEs outright so
// a billion-laughs file gets a clear message rather than literal `&lol9;` values.
#pragma once

#include <tinyxml2.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iocscan::ioc {

// Offset of a `<!DOCTYPE` outside comments, if any.
std::optional<std::size_t> FindDoctype(std::string_view xml);

// 1-based line number of `offset` in `text`.
int LineAt(std::string_view text, std::size_t offset);

// A copy of `xml` where each whitespace-only text right before `</Content>` (any prefix) is wrapped in
// CDATA, so tinyxml2 keeps it. Line numbers are unchanged (nothing but the markers is inserted).
// Documents that already contain CDATA are returned unchanged.
std::string ProtectBlankContent(std::string_view xml);

// One line describing a tinyxml2 failure: "not well-formed XML (line 3): mismatched end tag".
std::string DescribeXmlError(tinyxml2::XMLError error, int line);

// The `encoding` of the XML declaration ("" when there is no declaration or no encoding).
std::string DeclaredEncoding(const tinyxml2::XMLDocument& doc);

// utf-8 and us-ascii (any usual spelling): encodings whose bytes we can read as UTF-8.
bool IsUtf8Compatible(std::string_view encoding);

}  // namespace iocscan::ioc
