#include "compile/lint.h"

#include <string>
#include <string_view>

#include "core/ascii.h"
#include "core/trim.h"
#include "terms/registry.h"

namespace iocscan::compile {
namespace {

constexpr std::string_view kEmptyMd5 = "d41d8cd98f00b204e9800998ecf8427e";
constexpr std::string_view kEmptySha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
constexpr std::string_view kEmptySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string_view TrimXmlSpace(std::string_view s) { return TrimAny(s, " \t\r\n"); }

// The empty-input digest for the hash a search path holds; "" when it holds no digest.
std::string_view EmptyDigestFor(std::string_view search) {
  if (std::optional<terms::FieldId> id = terms::FindTerm(search)) {
    switch (terms::Term(*id).type) {
      case terms::ValueType::kMd5: return kEmptyMd5;
      case terms::ValueType::kSha1: return kEmptySha1;
      case terms::ValueType::kSha256: return kEmptySha256;
      default: return {};
    }
  }
  // Unknown to the registry: go by the name of the last segment.
  if (EndsWithIgnoreCase(search, "md5sum")) return kEmptyMd5;
  if (EndsWithIgnoreCase(search, "sha1sum")) return kEmptySha1;
  if (EndsWithIgnoreCase(search, "sha256sum")) return kEmptySha256;
  return {};
}

}  // namespace

std::optional<Warning> EmptyDigestWarning(const ioc::Ioc& ioc, std::uint32_t node) {
  if (node >= ioc.nodes.size()) return std::nullopt;
  const ioc::Node& n = ioc.nodes[node];
  if (n.kind != ioc::Node::Kind::kTerm) return std::nullopt;
  const ioc::Term& term = n.term;
  if (term.negate || !EqualsIgnoreCase(TrimXmlSpace(term.condition), "is")) return std::nullopt;
  std::string_view empty = EmptyDigestFor(term.search);
  std::string_view content = TrimXmlSpace(term.content);
  if (empty.empty() || !EqualsIgnoreCase(content, empty)) return std::nullopt;
  std::string who = n.id.empty() ? "term" : "term " + n.id;
  if (n.line > 0) who += " at line " + std::to_string(n.line);
  return Warning{ioc.source, who + " (" + term.search + " is \"" + std::string(content) +
                                 "\"): the digest of the empty file matches every empty file"};
}

Warnings EmptyDigestWarnings(const ioc::Ioc& ioc) {
  Warnings out;
  for (std::uint32_t i = 0; i < ioc.nodes.size(); ++i) {
    if (std::optional<Warning> w = EmptyDigestWarning(ioc, i)) out.push_back(std::move(*w));
  }
  return out;
}

}  // namespace iocscan::compile
