// The typed model of one OpenIOC document, the same for 1.0 and 1.1.
//
// The parser (parse.h) fills it exactly as written: conditions keep their spelling ("isnot",
// "begins-with"), Content text is verbatim (never trimmed), Context/@document is kept even when it
// disagrees with the search path. Normalisation is the compiler's job (compile/), so `show` can
// print the IOC as its author wrote it.
//
// The logic tree is a flat vector of nodes in document (pre-)order: a parent always precedes its
// children, so passes over a hostile tree can run as plain loops instead of recursion.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iocscan::ioc {

enum class Version { k1_0, k1_1 };

inline std::string_view VersionName(Version v) { return v == Version::k1_0 ? "1.0" : "1.1"; }

struct Link {
  std::string rel;
  std::string href;
  std::string title;
  std::string type;
  std::string text;  // the element's text: the link's value
};

struct Metadata {
  std::string id;              // root @id ("" when missing)
  std::string last_modified;   // root @last-modified, as written ("" when missing)
  std::string published_date;  // 1.1 root @published-date
  std::string short_description;
  std::string description;
  std::string keywords;
  std::string authored_by;
  std::string authored_date;
  std::vector<Link> links;
};

enum class Operator { kAnd, kOr };

// One IndicatorItem, as written.
struct Term {
  std::string condition;       // @condition verbatim: is, isnot, contains, containsnot, starts-with, ...
  bool negate = false;         // @negate (1.1, also honoured on 1.0); isnot/containsnot are NOT folded in here
  bool preserve_case = false;  // @preserve-case
  std::string document;        // Context/@document
  std::string search;          // Context/@search
  std::string context_type;    // Context/@type (informational: mir, event, yara, ...)
  std::string content_type;    // Content/@type
  std::string content;         // Content text, verbatim
  bool has_content = false;    // false when <Content> is missing altogether
};

struct Node {
  enum class Kind { kIndicator, kTerm };

  Kind kind = Kind::kIndicator;
  std::string id;                       // @id ("" when missing)
  int line = 0;                         // line in the source file, for messages
  Operator op = Operator::kOr;          // Indicators only
  std::vector<std::uint32_t> children;  // Indicators only: indices into Ioc::nodes, document order
  Term term;                            // terms only
  std::vector<std::string> comments;    // 1.0 <Comment> children (1.1 keeps them as "comment" params)
};

// A 1.1 <param>: never evaluated, kept and shown.
struct Parameter {
  std::string id;
  std::string ref_id;
  std::string name;
  std::string value;
  std::string value_type;
  std::int64_t node = -1;  // index into Ioc::nodes that ref_id names, -1 when it points nowhere
};

struct Ioc {
  Version version = Version::k1_0;
  std::string source;  // "dir/x.ioc" or "bundle.zip:inner/x.ioc"
  std::string bytes;   // the document as loaded (export writes it back unchanged)
  Metadata meta;
  std::vector<Node> nodes;          // pre-order; see above
  std::vector<std::uint32_t> top;   // top-level Indicators under definition/criteria (usually one OR)
  std::vector<Parameter> parameters;

  // The IOC's display name: short_description, else the id, else the source.
  const std::string& Name() const {
    if (!meta.short_description.empty()) return meta.short_description;
    return meta.id.empty() ? source : meta.id;
  }
};

}  // namespace iocscan::ioc
