// IOC documents as text for the CLI tests: small OpenIOC 1.1 files built from terms, written to disk
// by the tests and handed to the binary.
#pragma once

#include <string>
#include <string_view>

namespace iocscan::testing {

inline std::string XmlText(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// One 1.1 IndicatorItem; the document is the search path's first segment.
inline std::string Term11(std::string_view id, std::string_view condition, std::string_view search,
                          std::string_view content, bool negate = false) {
  std::string doc(search.substr(0, search.find('/')));
  return "    <IndicatorItem id=\"" + XmlText(id) + "\" condition=\"" + std::string(condition) +
         "\" negate=\"" + (negate ? "true" : "false") + "\" preserve-case=\"false\">\n" +
         "      <Context document=\"" + doc + "\" search=\"" + XmlText(search) + "\" type=\"mir\"/>\n" +
         "      <Content type=\"string\">" + XmlText(content) + "</Content>\n    </IndicatorItem>\n";
}

// A whole 1.1 document whose criteria is one OR of `terms`.
inline std::string Ioc11Xml(std::string_view id, std::string_view name, const std::string& terms) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\" id=\"" + XmlText(id) + "\">\n"
         "  <metadata><short_description>" + XmlText(name) + "</short_description></metadata>\n"
         "  <criteria>\n  <Indicator id=\"top\" operator=\"OR\">\n" + terms +
         "  </Indicator>\n  </criteria>\n</OpenIOC>\n";
}

// A usable IOC on every platform: one FileItem/FileName term.
inline std::string SimpleIoc(std::string_view id, std::string_view name = "simple") {
  return Ioc11Xml(id, name, Term11("t1", "is", "FileItem/FileName", "dropper.bin"));
}

// An IOC with no term iocscan can evaluate anywhere.
inline std::string UnsupportedIoc(std::string_view id) {
  return Ioc11Xml(id, "unsupported only",
                  Term11("u1", "is", "MadeUpItem/Thing", "x") + Term11("u2", "contains", "FileItem/FileName", ""));
}

}  // namespace iocscan::testing
