// Reading the XML documents Windows writes about itself (Task Scheduler task files, rendered
// event records) with tinyxml2: bytes in whatever encoding the file uses turned into UTF-8, and
// elements found by local name. Both formats put everything in one default namespace and never
// use prefixes, but a prefix is harmless here: names are compared without it. Pure code, tested
// on every OS.
//
//   std::string utf8 = XmlTextAsUtf8(file_bytes);           // UTF-16LE with BOM -> UTF-8
//   const tinyxml2::XMLElement* info = ChildNamed(root, "RegistrationInfo");
//   std::string author = ChildText(info, "Author");          // "" when absent
#pragma once

#include <tinyxml2.h>

#include <string>
#include <string_view>

namespace iocscan::collect {

// The document as UTF-8: a UTF-16LE or UTF-16BE text (told by its BOM, or by a '<' followed by a
// zero byte when the BOM is missing) is converted losslessly (core/wtf8.h); a UTF-8 BOM is
// dropped; anything else is taken as UTF-8. An odd trailing byte of UTF-16 is dropped.
std::string XmlTextAsUtf8(std::string_view bytes);

// "t:Command" -> "Command".
std::string_view LocalName(const char* name);

// The first child element of `parent` whose local name is `name`; nullptr when none (or when
// `parent` is nullptr, so lookups chain without checks).
const tinyxml2::XMLElement* ChildNamed(const tinyxml2::XMLElement* parent, std::string_view name);
// The next sibling element with the same local name as `e`.
const tinyxml2::XMLElement* NextNamed(const tinyxml2::XMLElement* e);

// The text of an element ("" when it is nullptr or empty), and of its child `name`.
std::string TextOf(const tinyxml2::XMLElement* e);
std::string ChildText(const tinyxml2::XMLElement* parent, std::string_view name);

// `s` without leading and trailing XML white space (space, tab, CR, LF).
std::string_view TrimXmlSpace(std::string_view s);

// One line for a document tinyxml2 refused: "not well-formed XML (line 3): ...".
std::string XmlErrorText(const tinyxml2::XMLDocument& doc);

}  // namespace iocscan::collect
