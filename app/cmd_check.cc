// `iocscan check IOC... [--format text|json]`: loads and compiles IOCs without scanning and says, per
// IOC, what this build can do with it: version, id, name, terms supported and not (with the reason),
// documents used, duplicate ids, empty-digest terms and every other loader or compiler warning.
// Inputs that cannot be used at all (missing, over the size limit, malformed, refused ZIP) are one
// line each on stderr and listed under "refused".
//
// Exit code (cli.md): 0 when at least one IOC loaded, every IOC is usable (has a supported term) and
// no input was refused; 2 otherwise.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "compile/compiler.h"
#include "compile/lint.h"
#include "ioc/collection.h"
#include "report/escape.h"

namespace iocscan::app {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
};

struct UnsupportedTerm {
  std::string id;
  int line = 0;
  std::string search;
  std::string problem;
};

struct IocCheck {
  const ioc::Ioc* ioc = nullptr;
  const compile::IocReport* report = nullptr;
  std::vector<UnsupportedTerm> unsupported;
  Warnings warnings;  // this IOC's loader, compiler and lint warnings, unsupported terms excepted
};

struct CheckResult {
  std::vector<IocCheck> iocs;
  Warnings refused;
  Warnings warnings;  // not about one loaded IOC: ZIP entries skipped, folders too deep, ...
  std::size_t usable = 0;
  std::size_t warning_count = 0;
};

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The compiler words an unsupported term as "term ... (<search>): <problem>"; check lists those terms
// apart, so their warnings are not repeated.
bool IsUnsupportedTermWarning(const Warning& w, const std::vector<UnsupportedTerm>& unsupported) {
  if (!StartsWith(w.message, "term ")) return false;
  for (const UnsupportedTerm& t : unsupported) {
    if (EndsWith(w.message, "(" + t.search + "): " + t.problem)) return true;
  }
  return false;
}

void AddUnique(Warnings* to, const Warning& w) {
  for (const Warning& have : *to) {
    if (have.source == w.source && have.message == w.message) return;
  }
  to->push_back(w);
}

CheckResult BuildCheck(const compile::CompiledSet& set, const ioc::LoadedIocs& loaded) {
  CheckResult out;
  out.refused = loaded.refused;
  std::multimap<std::string, std::size_t> by_source;
  out.iocs.resize(set.size());
  for (std::size_t i = 0; i < set.size(); ++i) {
    IocCheck& c = out.iocs[i];
    c.ioc = &set.ioc(i);
    c.report = &set.report(i);
    by_source.emplace(c.ioc->source, i);
    for (const compile::TermStatus& st : c.report->term_status) {
      if (st.supported) continue;
      const ioc::Node& node = c.ioc->nodes[st.node];
      c.unsupported.push_back({node.id, node.line, node.term.search, st.problem});
    }
    if (c.report->usable()) ++out.usable;
  }
  // Loader warnings (parse oddities, duplicate ids) go with the IOC they name.
  for (const Warning& w : loaded.warnings) {
    auto [first, last] = by_source.equal_range(w.source);
    if (first == last) out.warnings.push_back(w);
    for (auto it = first; it != last; ++it) AddUnique(&out.iocs[it->second].warnings, w);
  }
  for (IocCheck& c : out.iocs) {
    for (const Warning& w : c.report->warnings) {
      if (!IsUnsupportedTermWarning(w, c.unsupported)) AddUnique(&c.warnings, w);
    }
    // The compiler lints supported terms only; check lints every term, whatever this platform has.
    for (const Warning& w : compile::EmptyDigestWarnings(*c.ioc)) AddUnique(&c.warnings, w);
    out.warning_count += c.warnings.size();
  }
  out.warning_count += out.warnings.size();
  return out;
}

std::string Safe(std::string_view s) { return report::TerminalSafe(s); }

std::string TermLabel(const UnsupportedTerm& t) {
  std::string who = t.id.empty() ? "term" : "term " + Safe(t.id);
  if (t.line > 0) who += " at line " + std::to_string(t.line);
  return who + " (" + Safe(t.search) + ")";
}

std::string Join(const std::vector<std::string>& items, bool safe) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += ", ";
    out += safe ? Safe(s) : s;
  }
  return out;
}

std::string FormatText(const CheckResult& r) {
  std::string out;
  for (const IocCheck& c : r.iocs) {
    const ioc::Ioc& ioc = *c.ioc;
    const compile::IocReport& rep = *c.report;
    out += Safe(ioc.source) + ": OpenIOC " + std::string(ioc::VersionName(ioc.version)) + ", " +
           (rep.usable() ? "usable" : "NOT usable (no supported term)") + "\n";
    out += "  id:          " + (ioc.meta.id.empty() ? std::string("(none)") : Safe(ioc.meta.id)) + "\n";
    out += "  name:        " + Safe(ioc.meta.short_description) + "\n";
    out += "  terms:       " + std::to_string(rep.terms) + " (" + std::to_string(rep.supported) +
           " supported, " + std::to_string(rep.unsupported) + " unsupported)\n";
    out += "  documents:   " + (rep.documents.empty() ? std::string("(none)") : Join(rep.documents, true)) + "\n";
    for (const UnsupportedTerm& t : c.unsupported) {
      out += "  unsupported: " + TermLabel(t) + ": " + Safe(t.problem) + "\n";
    }
    for (const Warning& w : c.warnings) {
      // Warnings about this IOC name its source already, in the header.
      std::string text = w.source == ioc.source ? w.message : w.Text();
      out += "  warning:     " + Safe(text) + "\n";
    }
    out += "\n";
  }
  const std::size_t loaded = r.iocs.size();
  out += std::to_string(loaded) + " IOC(s) checked: " + std::to_string(r.usable) + " usable, " +
         std::to_string(loaded - r.usable) + " not usable, " + std::to_string(r.refused.size()) +
         " input(s) refused, " + std::to_string(r.warning_count) + " warning(s)\n";
  return out;
}

nlohmann::ordered_json WarningJson(const Warning& w) {
  nlohmann::ordered_json j;
  j["source"] = report::JsonSafe(w.source);
  j["message"] = report::JsonSafe(w.message);
  return j;
}

std::string FormatJson(const CheckResult& r) {
  using Json = nlohmann::ordered_json;
  Json iocs = Json::array();
  for (const IocCheck& c : r.iocs) {
    const ioc::Ioc& ioc = *c.ioc;
    const compile::IocReport& rep = *c.report;
    Json j;
    j["source"] = report::JsonSafe(ioc.source);
    j["version"] = ioc::VersionName(ioc.version);
    j["id"] = report::JsonSafe(ioc.meta.id);
    j["name"] = report::JsonSafe(ioc.meta.short_description);
    j["terms"] = rep.terms;
    j["supported"] = rep.supported;
    j["unsupported"] = rep.unsupported;
    j["usable"] = rep.usable();
    Json documents = Json::array();
    for (const std::string& d : rep.documents) documents.push_back(report::JsonSafe(d));
    j["documents"] = std::move(documents);
    Json terms = Json::array();
    for (const UnsupportedTerm& t : c.unsupported) {
      Json term;
      term["id"] = report::JsonSafe(t.id);
      term["line"] = t.line;
      term["search"] = report::JsonSafe(t.search);
      term["problem"] = report::JsonSafe(t.problem);
      terms.push_back(std::move(term));
    }
    j["unsupported_terms"] = std::move(terms);
    Json warnings = Json::array();
    for (const Warning& w : c.warnings) warnings.push_back(WarningJson(w));
    j["warnings"] = std::move(warnings);
    iocs.push_back(std::move(j));
  }
  Json doc;
  doc["iocs"] = std::move(iocs);
  doc["refused"] = Json::array();
  for (const Warning& w : r.refused) doc["refused"].push_back(WarningJson(w));
  doc["warnings"] = Json::array();
  for (const Warning& w : r.warnings) doc["warnings"].push_back(WarningJson(w));
  Json summary;
  summary["loaded"] = r.iocs.size();
  summary["usable"] = r.usable;
  summary["unusable"] = r.iocs.size() - r.usable;
  summary["refused"] = r.refused.size();
  summary["warnings"] = r.warning_count;
  doc["summary"] = std::move(summary);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

int RunCheck(const CheckOptions& options) {
  ioc::LoadedIocs loaded = ioc::LoadIocs(options.paths);
  compile::CompiledSet set = compile::Compile(std::move(loaded.iocs));
  const CheckResult result = BuildCheck(set, loaded);

  for (const Warning& r : result.refused) {
    std::fprintf(stderr, "iocscan check: %s\n", Safe(r.Text()).c_str());
  }
  const bool json = options.format == "json";
  if (!json) {
    for (const Warning& w : result.warnings) {
      std::fprintf(stderr, "iocscan check: warning: %s\n", Safe(w.Text()).c_str());
    }
  }
  const std::string out = json ? FormatJson(result) : FormatText(result);
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "iocscan check: cannot write to standard output\n");
    return kExitError;
  }
  if (result.iocs.empty() && result.refused.empty()) {
    std::fprintf(stderr, "iocscan check: no IOC found\n");
  }
  const bool all_usable = result.usable == result.iocs.size();
  return !result.iocs.empty() && all_usable && result.refused.empty() ? kExitClean : kExitError;
}

}  // namespace

RunFunction AddCheckCommand(CLI::App* sub) {
  auto options = std::make_shared<CheckOptions>();
  sub->add_option("IOC", options->paths, "IOC file, folder or ZIP collection")->required();
  sub->add_option("--format", options->format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  return [options] { return RunCheck(*options); };
}

}  // namespace iocscan::app
