#include "ioc/xml_text.h"

#include <algorithm>

#include "ioc/text_util.h"

namespace iocscan::ioc {
namespace {

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Local name of the end tag starting at `at` ("</p:Content >" -> "Content"), "" when not an end tag.
std::string_view EndTagLocalName(std::string_view xml, std::size_t at) {
  if (xml.compare(at, 2, "</") != 0) return {};
  std::size_t b = at + 2;
  std::size_t e = b;
  while (e < xml.size() && !IsXmlSpace(xml[e]) && xml[e] != '>') ++e;
  std::string_view name = xml.substr(b, e - b);
  std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace

std::optional<std::size_t> FindDoctype(std::string_view xml) {
  std::size_t pos = 0;
  while (pos < xml.size()) {
    std::size_t comment = xml.find("<!--", pos);
    std::size_t doctype = xml.find("<!DOCTYPE", pos);
    if (doctype == std::string_view::npos) return std::nullopt;
    if (comment == std::string_view::npos || doctype < comment) return doctype;
    std::size_t end = xml.find("-->", comment + 4);
    if (end == std::string_view::npos) return std::nullopt;
    pos = end + 3;
  }
  return std::nullopt;
}

int LineAt(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string ProtectBlankContent(std::string_view xml) {
  std::string out;
  if (xml.find("<![CDATA[") != std::string_view::npos) return std::string(xml);
  out.reserve(xml.size());
  std::size_t copied = 0;
  for (std::size_t gt = xml.find('>'); gt != std::string_view::npos; gt = xml.find('>', gt + 1)) {
    std::size_t ws = gt + 1;
    std::size_t end = ws;
    while (end < xml.size() && IsXmlSpace(xml[end])) ++end;
    if (end == ws || EndTagLocalName(xml, end) != "Content") continue;
    out.append(xml.substr(copied, ws - copied));
    out.append("<![CDATA[");
    out.append(xml.substr(ws, end - ws));
    out.append("]]>");
    copied = end;
    gt = end - 1;
  }
  out.append(xml.substr(copied));
  return out;
}

std::string DescribeXmlError(tinyxml2::XMLError error, int line) {
  using tinyxml2::XMLDocument;
  std::string where = " (line " + std::to_string(line) + ")";
  switch (error) {
    case tinyxml2::XML_ERROR_EMPTY_DOCUMENT:
      return "not an IOC: empty document";
    case tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED:
      return "refused: XML elements nested deeper than 100 levels" + where;
    case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT:
      return "not well-formed XML" + where + ": end tag does not match the open element";
    default:
      return "not well-formed XML" + where + ": " + XMLDocument::ErrorIDToName(error);
  }
}

std::string DeclaredEncoding(const tinyxml2::XMLDocument& doc) {
  const tinyxml2::XMLNode* first = doc.FirstChild();
  const tinyxml2::XMLDeclaration* decl = first == nullptr ? nullptr : first->ToDeclaration();
  if (decl == nullptr || decl->Value() == nullptr) return {};
  std::string_view v = decl->Value();
  std::size_t at = v.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t q = v.find_first_of("\"'", at);
  if (q == std::string_view::npos) return {};
  std::size_t e = v.find(v[q], q + 1);
  if (e == std::string_view::npos) return {};
  return OneLine(v.substr(q + 1, e - q - 1));
}

bool IsUtf8Compatible(std::string_view encoding) {
  for (std::string_view ok : {"utf-8", "utf8", "us-ascii", "ascii"}) {
    if (EqualsIgnoreCase(encoding, ok)) return true;
  }
  return false;
}

}  // namespace iocscan::ioc
