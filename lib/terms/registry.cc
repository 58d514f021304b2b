// The registry: the family tables of table_*.cc joined once into one array, plus case-insensitive
// indexes built on first use (function-local statics: thread-safe, no static-order problems).
#include "terms/registry.h"

#include <cassert>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ascii.h"
#include "terms/table.h"

namespace iocscan::terms {
namespace {

// Hash and equality that fold ASCII case, so lookups take the caller's spelling as is (no copy).
// Keys are views of the table's own static strings.
struct FoldHash {
  std::size_t operator()(std::string_view s) const {
    std::size_t h = 14695981039346656037ull;  // FNV-1a over the folded bytes
    for (char c : s) h = (h ^ static_cast<unsigned char>(AsciiLower(c))) * 1099511628211ull;
    return h;
  }
};
struct FoldEqual {
  bool operator()(std::string_view a, std::string_view b) const { return EqualsIgnoreCase(a, b); }
};
template <class V>
using FoldMap = std::unordered_map<std::string_view, V, FoldHash, FoldEqual>;

struct Registry {
  std::vector<TermInfo> terms;
  FoldMap<FieldId> by_search;
  std::vector<std::string_view> documents;  // table order
  FoldMap<std::pair<std::size_t, std::size_t>> by_document;  // -> [first, first + count)
};

Registry Build() {
  Registry r;
  for (auto family : {table::FileTerms(), table::ProcessTerms(), table::HostTerms(),
                      table::HistoryTerms(), table::EventTerms(), table::IntelTerms()}) {
    r.terms.insert(r.terms.end(), family.begin(), family.end());
  }
  assert(r.terms.size() < 65536);  // FieldId is 16 bits
  for (std::size_t i = 0; i < r.terms.size(); ++i) {
    const TermInfo& t = r.terms[i];
    r.by_search.emplace(t.search, static_cast<FieldId>(i));
    auto [it, inserted] = r.by_document.try_emplace(t.document, i, 0);
    if (inserted) r.documents.push_back(t.document);
    // Each document is one contiguous run of the table (the tests check it).
    it->second.second = i + 1 - it->second.first;
  }
  return r;
}

const Registry& Get() {
  static const Registry registry = Build();
  return registry;
}

}  // namespace

std::span<const TermInfo> AllTerms() { return Get().terms; }

std::optional<FieldId> FindTerm(std::string_view search) {
  const Registry& r = Get();
  auto it = r.by_search.find(search);
  if (it == r.by_search.end()) return std::nullopt;
  return it->second;
}

const TermInfo& Term(FieldId id) { return Get().terms.at(id); }

Platform CurrentPlatform() {
#if defined(_WIN32)
  return kWindows;
#elif defined(__APPLE__)
  return kMacos;
#else
  return kLinux;
#endif
}

FieldId IdOf(const TermInfo& term) {
  const std::vector<TermInfo>& all = Get().terms;
  assert(&term >= all.data() && &term < all.data() + all.size());
  return static_cast<FieldId>(&term - all.data());
}

std::vector<std::string_view> PlatformNames(std::uint8_t mask) {
  std::vector<std::string_view> names;
  if (mask & kLinux) names.push_back("linux");
  if (mask & kMacos) names.push_back("macos");
  if (mask & kWindows) names.push_back("windows");
  return names;
}

std::string PlatformList(std::uint8_t mask) {
  std::string out;
  for (std::string_view name : PlatformNames(mask)) {
    if (!out.empty()) out += ',';
    out += name;
  }
  return out;
}

std::span<const std::string_view> AllDocuments() { return Get().documents; }

std::optional<std::string_view> CanonicalDocument(std::string_view document) {
  std::span<const TermInfo> terms = TermsOfDocument(document);
  if (terms.empty()) return std::nullopt;
  return terms.front().document;
}

std::span<const TermInfo> TermsOfDocument(std::string_view document) {
  const Registry& r = Get();
  auto it = r.by_document.find(document);
  if (it == r.by_document.end()) return {};
  return std::span<const TermInfo>(r.terms).subspan(it->second.first, it->second.second);
}

}  // namespace iocscan::terms
