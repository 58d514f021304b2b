#include "collect/xml_reading.h"

#include "core/trim.h"
#include "core/wtf8.h"

namespace iocscan::collect {
namespace {

std::string FromUtf16(std::string_view bytes, bool big_endian) {
  std::u16string wide(bytes.size() / 2, u'\0');
  for (std::size_t i = 0; i < wide.size(); ++i) {
    auto hi = static_cast<unsigned char>(bytes[2 * i + (big_endian ? 0 : 1)]);
    auto lo = static_cast<unsigned char>(bytes[2 * i + (big_endian ? 1 : 0)]);
    wide[i] = static_cast<char16_t>((hi << 8) | lo);
  }
  return Utf8FromUtf16(wide);
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::string XmlTextAsUtf8(std::string_view bytes) {
  if (StartsWith(bytes, "\xFF\xFE")) return FromUtf16(bytes.substr(2), false);
  if (StartsWith(bytes, "\xFE\xFF")) return FromUtf16(bytes.substr(2), true);
  if (StartsWith(bytes, "\xEF\xBB\xBF")) return std::string(bytes.substr(3));
  if (StartsWith(bytes, std::string_view("<\0", 2))) return FromUtf16(bytes, false);
  if (StartsWith(bytes, std::string_view("\0<", 2))) return FromUtf16(bytes, true);
  return std::string(bytes);
}

std::string_view LocalName(const char* name) {
  if (name == nullptr) return {};
  std::string_view n = name;
  std::size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const tinyxml2::XMLElement* ChildNamed(const tinyxml2::XMLElement* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  for (const tinyxml2::XMLElement* c = parent->FirstChildElement(); c != nullptr; c = c->NextSiblingElement()) {
    if (LocalName(c->Name()) == name) return c;
  }
  return nullptr;
}

const tinyxml2::XMLElement* NextNamed(const tinyxml2::XMLElement* e) {
  std::string_view name = LocalName(e->Name());
  for (const tinyxml2::XMLElement* c = e->NextSiblingElement(); c != nullptr; c = c->NextSiblingElement()) {
    if (LocalName(c->Name()) == name) return c;
  }
  return nullptr;
}

std::string TextOf(const tinyxml2::XMLElement* e) {
  const char* text = e == nullptr ? nullptr : e->GetText();
  return text == nullptr ? std::string() : std::string(text);
}

std::string ChildText(const tinyxml2::XMLElement* parent, std::string_view name) {
  return TextOf(ChildNamed(parent, name));
}

std::string XmlErrorText(const tinyxml2::XMLDocument& doc) {
  if (doc.ErrorID() == tinyxml2::XML_ERROR_EMPTY_DOCUMENT) return "empty document";
  if (doc.ErrorID() == tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED) return "XML elements nested too deep";
  return "not well-formed XML (line " + std::to_string(doc.ErrorLineNum()) +
         "): " + tinyxml2::XMLDocument::ErrorIDToName(doc.ErrorID());
}

std::string_view TrimXmlSpace(std::string_view s) { return TrimAny(s, " \t\r\n"); }

}  // namespace iocscan::collect
