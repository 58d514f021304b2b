#include "scan/prepare.h"

#include <utility>

#include "ioc/collection.h"
#include "terms/registry.h"

namespace iocscan::scan {
namespace {

std::string Joined(const std::vector<std::string>& paths) {
  std::string out;
  for (const std::string& p : paths) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

Result<PreparedIocs> PrepareIocs(const std::vector<std::string>& paths, const std::vector<std::string>& documents) {
  std::vector<std::string> canonical;
  for (const std::string& d : documents) {
    std::optional<std::string_view> name = terms::CanonicalDocument(d);
    if (!name) return Error{"--documents", "unknown document '" + d + "' (iocscan terms --all lists them)"};
    canonical.emplace_back(*name);
  }

  ioc::LoadedIocs loaded = ioc::LoadIocs(paths);
  PreparedIocs out;
  out.refused = std::move(loaded.refused);
  out.warnings = std::move(loaded.warnings);
  const std::size_t parsed = loaded.iocs.size();
  out.set = compile::Compile(std::move(loaded.iocs), {.documents = canonical});
  std::size_t usable = 0;
  for (std::size_t i = 0; i < out.set.size(); ++i) {
    const compile::IocReport& report = out.set.report(i);
    out.warnings.insert(out.warnings.end(), report.warnings.begin(), report.warnings.end());
    if (report.usable()) ++usable;
  }
  if (usable == 0) {
    std::string why = parsed == 0 ? "no IOC could be loaded"
                                  : "none of the " + std::to_string(parsed) + " IOC(s) loaded has a term " +
                                        (canonical.empty() ? "" : "of " + Joined(canonical) + " ") +
                                        "that can be evaluated here";
    if (!out.refused.empty()) why += " (first problem: " + out.refused.front().Text() + ")";
    return Error{Joined(paths), why};
  }
  return out;
}

}  // namespace iocscan::scan
