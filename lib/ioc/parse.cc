// OpenIOC 1.0/1.1 reader on top of tinyxml2.
//
// tinyxml2 is not namespace-aware, so NamespaceScope resolves `xmlns`/`xmlns:p` declarations per
// element; only elements of the root's namespace are read, everything else (1.0 `TR:param`, ...) is
// skipped. The Indicator tree is walked with an explicit stack (tinyxml2 already refuses documents
// nested deeper than 100 elements, but no pass of ours relies on that).
#include "ioc/parse.h"

#include <tinyxml2.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/limits.h"
#include "ioc/text_util.h"
#include "ioc/xml_text.h"

namespace iocscan::ioc {
namespace {

using tinyxml2::XMLElement;

constexpr std::string_view kNs10 = "http://schemas.mandiant.com/2010/ioc";
constexpr std::string_view kNs11 = "http://openioc.org/schemas/OpenIOC_1.1";

// The namespace bindings in force at the element being read: a stack of (prefix, uri) pairs, pushed
// when an element is entered and cut back to a mark when it is left.
class NamespaceScope {
 public:
  std::size_t Mark() const { return bindings_.size(); }
  void Leave(std::size_t mark) { bindings_.resize(mark); }

  void Enter(const XMLElement& e) {
    for (const auto* a = e.FirstAttribute(); a != nullptr; a = a->Next()) {
      std::string_view name = a->Name();
      if (name == "xmlns") {
        bindings_.emplace_back("", a->Value());
      } else if (name.substr(0, 6) == "xmlns:") {
        bindings_.emplace_back(std::string(name.substr(6)), a->Value());
      }
    }
  }

  // The URI bound to `prefix` ("" = default namespace), or nullopt for an undeclared prefix.
  std::optional<std::string_view> Resolve(std::string_view prefix) const {
    for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
      if (it->first == prefix) return std::string_view(it->second);
    }
    if (prefix.empty()) return std::string_view();
    return std::nullopt;
  }

 private:
  std::vector<std::pair<std::string, std::string>> bindings_;
};

struct QName {
  std::optional<std::string_view> ns;  // nullopt: undeclared prefix
  std::string_view local;
};

QName Split(const XMLElement& e, const NamespaceScope& scope) {
  std::string_view name = e.Name();
  std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) return {scope.Resolve(""), name};
  return {scope.Resolve(name.substr(0, colon)), name.substr(colon + 1)};
}

// The element's character data: every text and CDATA child, concatenated, comments skipped.
std::string TextOf(const XMLElement& e) {
  std::string text;
  for (const auto* n = e.FirstChild(); n != nullptr; n = n->NextSibling()) {
    if (const auto* t = n->ToText()) text += t->Value();
  }
  return text;
}

std::string Attr(const XMLElement& e, const char* name) {
  const char* v = e.Attribute(name);
  return v == nullptr ? std::string() : std::string(v);
}

class Parser {
 public:
  Parser(std::string source, Warnings* warnings) : warnings_(warnings) { ioc_.source = std::move(source); }

  Result<Ioc> Run(std::string_view bytes);

 private:
  Error Fail(std::string message) const { return Error{ioc_.source, OneLine(message)}; }
  void Warn(int line, const std::string& message) {
    if (warnings_ != nullptr) {
      warnings_->push_back({ioc_.source, OneLine("line " + std::to_string(line) + ": " + message)});
    }
  }
  void WarnUnknown(const XMLElement& e, std::string_view where) {
    Warn(e.GetLineNum(), "unknown element <" + std::string(e.Name()) + "> in <" + std::string(where) + "> ignored");
  }

  // Calls f(child, local_name) for each child element in the root's namespace, with the child's own
  // namespace declarations in scope; children of other namespaces are skipped.
  template <class F>
  void ForEachChild(const XMLElement& parent, F&& f) {
    for (const auto* c = parent.FirstChildElement(); c != nullptr; c = c->NextSiblingElement()) {
      std::size_t mark = scope_.Mark();
      scope_.Enter(*c);
      std::string_view local;
      if (Ours(*c, &local)) f(*c, local);
      scope_.Leave(mark);
    }
  }
  bool Ours(const XMLElement& e, std::string_view* local) const {
    QName q = Split(e, scope_);
    *local = q.local;
    return q.ns.has_value() && (*q.ns == ns_ || *q.ns == canonical_ns_);
  }

  Status ReadRoot(const XMLElement& root);
  bool ReadMetadataField(const XMLElement& e, std::string_view local);
  void ReadLinks(const XMLElement& links);
  Status ReadCriteria(const XMLElement& container);
  Status ReadIndicatorTree(const XMLElement& top, std::uint32_t top_index);
  std::uint32_t AddIndicator(const XMLElement& e);
  std::uint32_t AddTerm(const XMLElement& e);
  void ReadParameters(const XMLElement& parameters);
  void ResolveParameters();
  bool ReadBool(const XMLElement& e, const char* name);

  Warnings* warnings_;
  NamespaceScope scope_;
  std::string ns_;                 // the root's namespace ("" for a namespace-less root) ...
  std::string_view canonical_ns_;  // ... or the version's own: elements of any other are foreign
  Ioc ioc_;
  std::vector<int> parameter_lines_;
};

bool Parser::ReadBool(const XMLElement& e, const char* name) {
  const char* raw = e.Attribute(name);
  if (raw == nullptr) return false;
  std::optional<bool> v = ParseXsBoolean(raw);
  if (v) return *v;
  Warn(e.GetLineNum(), std::string("invalid boolean ") + name + "=\"" + raw + "\" taken as false");
  return false;
}

std::uint32_t Parser::AddIndicator(const XMLElement& e) {
  Node node;
  node.kind = Node::Kind::kIndicator;
  node.id = Attr(e, "id");
  node.line = e.GetLineNum();
  std::string op = Attr(e, "operator");
  if (EqualsIgnoreCase(op, "AND")) {
    node.op = Operator::kAnd;
  } else if (!EqualsIgnoreCase(op, "OR")) {
    Warn(node.line, "Indicator operator \"" + op + "\" is neither AND nor OR, taken as OR");
  }
  ioc_.nodes.push_back(std::move(node));
  return static_cast<std::uint32_t>(ioc_.nodes.size() - 1);
}

std::uint32_t Parser::AddTerm(const XMLElement& e) {
  Node node;
  node.kind = Node::Kind::kTerm;
  node.id = Attr(e, "id");
  node.line = e.GetLineNum();
  Term& t = node.term;
  t.condition = Attr(e, "condition");
  t.negate = ReadBool(e, "negate");
  t.preserve_case = ReadBool(e, "preserve-case");
  bool has_context = false;
  ForEachChild(e, [&](const XMLElement& c, std::string_view local) {
    if (local == "Context") {
      if (has_context) return Warn(c.GetLineNum(), "second <Context> in an IndicatorItem ignored");
      has_context = true;
      t.document = Attr(c, "document");
      t.search = Attr(c, "search");
      t.context_type = Attr(c, "type");
    } else if (local == "Content") {
      if (t.has_content) return Warn(c.GetLineNum(), "second <Content> in an IndicatorItem ignored");
      t.has_content = true;
      t.content_type = Attr(c, "type");
      t.content = TextOf(c);
    } else if (local == "Comment") {
      node.comments.push_back(TextOf(c));
    } else {
      WarnUnknown(c, "IndicatorItem");
    }
  });
  ioc_.nodes.push_back(std::move(node));
  return static_cast<std::uint32_t>(ioc_.nodes.size() - 1);
}

// Pre-order walk below one top-level Indicator, without recursion: each frame is an Indicator whose
// children are being read, `next` the next child element to look at.
Status Parser::ReadIndicatorTree(const XMLElement& top, std::uint32_t top_index) {
  struct Frame {
    const XMLElement* next;
    std::uint32_t node;
    std::size_t mark;  // namespace scope to restore when the frame is done
  };
  std::vector<Frame> stack{{top.FirstChildElement(), top_index, scope_.Mark()}};
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == nullptr) {
      scope_.Leave(frame.mark);
      stack.pop_back();
      continue;
    }
    const XMLElement& c = *frame.next;
    frame.next = c.NextSiblingElement();
    const std::uint32_t parent = frame.node;  // `frame` dangles after a push_back
    const std::size_t mark = scope_.Mark();
    scope_.Enter(c);
    std::string_view local;
    const bool ours = Ours(c, &local);
    if (ours && local == "Indicator") {
      if (static_cast<int>(stack.size()) >= limits::kMaxXmlDepth) {
        return Fail("line " + std::to_string(c.GetLineNum()) + ": Indicators nested too deep");
      }
      std::uint32_t n = AddIndicator(c);
      ioc_.nodes[parent].children.push_back(n);
      stack.push_back({c.FirstChildElement(), n, mark});
      continue;  // scope left when this frame ends
    }
    if (ours && local == "IndicatorItem") {
      std::uint32_t n = AddTerm(c);
      ioc_.nodes[parent].children.push_back(n);
    } else if (ours && local == "Comment") {
      ioc_.nodes[parent].comments.push_back(TextOf(c));
    } else if (ours) {
      WarnUnknown(c, "Indicator");
    }
    scope_.Leave(mark);
  }
  return Ok{};
}

Status Parser::ReadCriteria(const XMLElement& container) {
  std::string_view where = container.Name();
  Status status = Ok{};
  ForEachChild(container, [&](const XMLElement& c, std::string_view local) {
    if (!status.ok()) return;
    if (local != "Indicator") {
      if (local == "IndicatorItem") {
        Warn(c.GetLineNum(), "IndicatorItem outside an Indicator ignored");
      } else {
        WarnUnknown(c, where);
      }
      return;
    }
    std::uint32_t n = AddIndicator(c);
    ioc_.top.push_back(n);
    status = ReadIndicatorTree(c, n);
  });
  return status;
}

void Parser::ReadLinks(const XMLElement& links) {
  ForEachChild(links, [&](const XMLElement& c, std::string_view local) {
    if (local != "link") return WarnUnknown(c, "links");
    ioc_.meta.links.push_back(
        Link{Attr(c, "rel"), Attr(c, "href"), Attr(c, "title"), Attr(c, "type"), TextOf(c)});
  });
}

// Metadata fields sit under the 1.0 root or the 1.1 <metadata>; either place is accepted, any order.
bool Parser::ReadMetadataField(const XMLElement& e, std::string_view local) {
  Metadata& m = ioc_.meta;
  std::string* field = nullptr;
  if (local == "short_description") field = &m.short_description;
  if (local == "description") field = &m.description;
  if (local == "keywords") field = &m.keywords;
  if (local == "authored_by") field = &m.authored_by;
  if (local == "authored_date") field = &m.authored_date;
  if (field != nullptr) {
    *field = TextOf(e);
    return true;
  }
  if (local == "links") {
    ReadLinks(e);
    return true;
  }
  return false;
}

void Parser::ReadParameters(const XMLElement& parameters) {
  ForEachChild(parameters, [&](const XMLElement& c, std::string_view local) {
    if (local != "param") return WarnUnknown(c, "parameters");
    Parameter p;
    p.id = Attr(c, "id");
    p.ref_id = Attr(c, "ref-id");
    p.name = Attr(c, "name");
    ForEachChild(c, [&](const XMLElement& v, std::string_view vlocal) {
      if (vlocal != "value") return WarnUnknown(v, "param");
      p.value = TextOf(v);
      p.value_type = Attr(v, "type");
    });
    ioc_.parameters.push_back(std::move(p));
    parameter_lines_.push_back(c.GetLineNum());
  });
}

// Parameter::node from ref-id. Ids are not unique in real files (MISP exports reuse the IOC id for the
// top Indicator): the first node in document order with that id wins.
void Parser::ResolveParameters() {
  if (ioc_.parameters.empty()) return;
  std::unordered_map<std::string_view, std::uint32_t> by_id;
  for (std::uint32_t i = 0; i < ioc_.nodes.size(); ++i) {
    if (!ioc_.nodes[i].id.empty()) by_id.emplace(ioc_.nodes[i].id, i);
  }
  for (std::size_t i = 0; i < ioc_.parameters.size(); ++i) {
    Parameter& p = ioc_.parameters[i];
    auto it = by_id.find(p.ref_id);
    if (it != by_id.end()) {
      p.node = it->second;
    } else {
      Warn(parameter_lines_[i], "parameter \"" + p.name + "\" refers to no Indicator or IndicatorItem (ref-id \"" +
                                    p.ref_id + "\"), kept unattached");
    }
  }
}

Status Parser::ReadRoot(const XMLElement& root) {
  Status status = Ok{};
  const bool v11 = ioc_.version == Version::k1_1;
  ForEachChild(root, [&](const XMLElement& c, std::string_view local) {
    if (!status.ok() || ReadMetadataField(c, local)) return;
    if (local == "metadata") {
      ForEachChild(c, [&](const XMLElement& m, std::string_view mlocal) {
        if (!ReadMetadataField(m, mlocal)) WarnUnknown(m, "metadata");
      });
    } else if (local == "definition" || local == "criteria") {
      if ((local == "criteria") != v11) {
        Warn(c.GetLineNum(), "<" + std::string(local) + "> read in an OpenIOC " +
                                 std::string(VersionName(ioc_.version)) + " document");
      }
      status = ReadCriteria(c);
    } else if (local == "parameters") {
      ReadParameters(c);
    } else {
      WarnUnknown(c, root.Name());
    }
  });
  return status;
}

Result<Ioc> Parser::Run(std::string_view bytes) {
  if (bytes.size() > limits::kMaxIocFileBytes) return Fail(std::string("larger than ") + limits::kMaxIocFileSize + ", refused");
  if (bytes.find('\0') != std::string_view::npos) {
    return Fail("contains NUL bytes: not a UTF-8 XML document (UTF-16 is not supported)");
  }
  if (std::optional<std::size_t> at = FindDoctype(bytes)) {
    return Fail("line " + std::to_string(LineAt(bytes, *at)) +
                ": DOCTYPE declarations are refused (entities are never expanded)");
  }
  std::string text = ProtectBlankContent(bytes);
  tinyxml2::XMLDocument doc(/*processEntities=*/true, tinyxml2::PRESERVE_WHITESPACE);
  if (doc.Parse(text.data(), text.size()) != tinyxml2::XML_SUCCESS) {
    return Fail(DescribeXmlError(doc.ErrorID(), doc.ErrorLineNum()));
  }
  const XMLElement* root = doc.RootElement();
  if (root == nullptr) return Fail("not an IOC: no root element");
  if (std::string enc = DeclaredEncoding(doc); !enc.empty() && !IsUtf8Compatible(enc)) {
    Warn(1, "declared encoding \"" + enc + "\" is read as UTF-8");
  }
  scope_.Enter(*root);
  QName q = Split(*root, scope_);
  const std::string_view ns = q.ns.value_or("?");
  if (q.local == "ioc" && (ns == kNs10 || ns.empty())) {
    ioc_.version = Version::k1_0;
  } else if (q.local == "OpenIOC" && (ns == kNs11 || ns.empty())) {
    ioc_.version = Version::k1_1;
  } else {
    return Fail("not an OpenIOC document: root element <" + std::string(root->Name()) + "> in namespace \"" +
                std::string(ns) + "\"");
  }
  ns_ = std::string(ns);
  canonical_ns_ = ioc_.version == Version::k1_0 ? kNs10 : kNs11;
  ioc_.meta.id = Attr(*root, "id");
  ioc_.meta.last_modified = Attr(*root, "last-modified");
  ioc_.meta.published_date = Attr(*root, "published-date");
  if (Status s = ReadRoot(*root); !s.ok()) return s.error();
  if (ioc_.top.empty()) Warn(root->GetLineNum(), "no top-level Indicator: this IOC can never match");
  if (ioc_.top.size() > 1) {
    Warn(root->GetLineNum(), std::to_string(ioc_.top.size()) + " top-level Indicators (OpenIOC expects exactly one)");
  }
  ResolveParameters();
  ioc_.bytes = std::string(bytes);
  return std::move(ioc_);
}

}  // namespace

Result<Ioc> ParseIoc(std::string_view bytes, std::string source, Warnings* warnings) {
  return Parser(std::move(source), warnings).Run(bytes);
}

}  // namespace iocscan::ioc
