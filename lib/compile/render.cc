#include "compile/render.h"

#include <algorithm>
#include <cstdio>

#include "compile/condition.h"

namespace iocscan::compile {
namespace {

constexpr std::uint32_t kNone = 0xffffffff;

std::string NodeLine(const ioc::Node& node) {
  if (node.kind == ioc::Node::Kind::kTerm) return RenderTerm(node.term);
  return node.op == ioc::Operator::kAnd ? "AND" : "OR";
}

// Parent of each node (kNone for tops and unreachable nodes).
std::vector<std::uint32_t> Parents(const ioc::Ioc& ioc) {
  std::vector<std::uint32_t> parent(ioc.nodes.size(), kNone);
  for (std::uint32_t i = 0; i < ioc.nodes.size(); ++i) {
    for (std::uint32_t c : ioc.nodes[i].children) {
      if (c < parent.size() && parent[c] == kNone && c != i) parent[c] = i;
    }
  }
  return parent;
}

// Visits the tree in document order: fn(node, depth); `keep(node)` prunes.
template <class Keep, class Fn>
void WalkTree(const ioc::Ioc& ioc, Keep keep, Fn fn) {
  std::vector<std::pair<std::uint32_t, int>> stack;
  std::vector<char> seen(ioc.nodes.size(), 0);
  for (auto it = ioc.top.rbegin(); it != ioc.top.rend(); ++it) stack.push_back({*it, 0});
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (n >= ioc.nodes.size() || seen[n] || !keep(n)) continue;
    seen[n] = 1;
    fn(n, depth);
    const ioc::Node& node = ioc.nodes[n];
    if (node.kind != ioc::Node::Kind::kIndicator) continue;
    for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) {
      stack.push_back({*it, depth + 1});
    }
  }
}

void Field(std::string* out, std::string_view label, std::string_view value) {
  if (value.empty()) return;
  *out += label;
  *out += ": ";
  // Multi-line values (descriptions) continue indented under the label.
  std::size_t start = 0;
  while (true) {
    std::size_t nl = value.find('\n', start);
    std::string_view line = value.substr(start, nl == std::string_view::npos ? nl : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (start > 0) *out += "  ";
    *out += EscapeForDisplay(line);
    *out += "\n";
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}

}  // namespace

std::string EscapeForDisplay(std::string_view text, char quote) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (quote && (ch == quote || ch == '\\')) {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out;
}

std::string RenderTerm(const ioc::Term& term) {
  std::string condition = term.condition;
  bool negate = term.negate;
  ParsedCondition parsed;
  if (ParseConditionName(term.condition, &parsed)) {
    condition = std::string(OpName(parsed.op));
    negate = negate != parsed.negated;
  }
  std::string out = EscapeForDisplay(term.search.empty() ? term.document : term.search);
  out += " " + EscapeForDisplay(condition);
  if (negate) out += " not";
  out += " \"" + EscapeForDisplay(term.content, '"') + "\"";
  if (term.preserve_case) out += " (case)";
  return out;
}

std::string RenderTree(const ioc::Ioc& ioc, const IocReport* report) {
  const ioc::Metadata& m = ioc.meta;
  std::string out;
  Field(&out, "Name", ioc.Name());
  Field(&out, "Id", m.id);
  Field(&out, "Version", ioc::VersionName(ioc.version));
  Field(&out, "Source", ioc.source);
  Field(&out, "Author", m.authored_by);
  Field(&out, "Date", m.authored_date);
  Field(&out, "Modified", m.last_modified);
  Field(&out, "Published", m.published_date);
  Field(&out, "Description", m.description);
  Field(&out, "Keywords", m.keywords);
  for (const ioc::Link& l : m.links) {
    std::string v = l.rel.empty() ? l.text : l.rel + ": " + l.text;
    if (!l.href.empty()) v += " <" + l.href + ">";
    Field(&out, "Link", v);
  }
  out += "\n";
  std::vector<std::vector<const ioc::Parameter*>> params(ioc.nodes.size());
  std::vector<const ioc::Parameter*> dangling;
  for (const ioc::Parameter& p : ioc.parameters) {
    if (p.node >= 0 && static_cast<std::size_t>(p.node) < ioc.nodes.size()) {
      params[p.node].push_back(&p);
    } else {
      dangling.push_back(&p);
    }
  }
  std::vector<const std::string*> problem(ioc.nodes.size(), nullptr);
  if (report) {
    for (const TermStatus& t : report->term_status) {
      if (!t.supported && t.node < problem.size()) problem[t.node] = &t.problem;
    }
  }
  if (ioc.top.empty()) out += "(no indicators)\n";
  WalkTree(ioc, [](std::uint32_t) { return true; }, [&](std::uint32_t n, int depth) {
    std::string pad(2 * depth, ' ');
    out += pad + NodeLine(ioc.nodes[n]);
    if (problem[n]) out += "  [unsupported: " + EscapeForDisplay(*problem[n]) + "]";
    out += "\n";
    for (const std::string& c : ioc.nodes[n].comments) out += pad + "  # " + EscapeForDisplay(c) + "\n";
    for (const ioc::Parameter* p : params[n]) {
      out += pad + "  # " + EscapeForDisplay(p->name) + " = " + EscapeForDisplay(p->value) + "\n";
    }
  });
  if (!dangling.empty()) {
    out += "\nParameters naming no node:\n";
    for (const ioc::Parameter* p : dangling) {
      out += "  " + EscapeForDisplay(p->name) + " = " + EscapeForDisplay(p->value) + " (ref-id " +
             EscapeForDisplay(p->ref_id) + ")\n";
    }
  }
  return out;
}

std::string RenderBranch(const ioc::Ioc& ioc, const std::vector<std::uint32_t>& true_nodes) {
  std::vector<std::uint32_t> parent = Parents(ioc);
  std::vector<char> keep(ioc.nodes.size(), 0), marked(ioc.nodes.size(), 0);
  for (std::uint32_t n : true_nodes) {
    if (n >= ioc.nodes.size()) continue;
    marked[n] = 1;
    for (std::uint32_t a = n; a != kNone && !keep[a]; a = parent[a]) keep[a] = 1;
  }
  std::string out;
  WalkTree(ioc, [&](std::uint32_t n) { return keep[n] != 0; }, [&](std::uint32_t n, int depth) {
    if (!out.empty()) out += "\n";
    out += std::string(2 * depth, ' ') + NodeLine(ioc.nodes[n]);
    if (marked[n] && ioc.nodes[n].kind == ioc::Node::Kind::kTerm) out += "  \xE2\x9C\x93";
  });
  return out;
}

}  // namespace iocscan::compile
