// `iocscan terms [--document D] [--collected-on P] [--format text|json] [--all]`: the table of every term iocscan
// knows. Selection and formatting live in lib/terms/listing.h; this file only wires options.
#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "terms/listing.h"

namespace iocscan::app {
namespace {

struct TermsOptions {
  std::string document;
  std::string format = "text";
  std::string collected_on;
  bool all = false;
};

int RunTerms(const TermsOptions& options) {
  auto ids = terms::SelectTerms({options.document, options.all, options.collected_on});
  if (!ids.ok()) {
    std::fprintf(stderr, "iocscan terms: %s\n", ids.error().Text().c_str());
    return kExitError;
  }
  if (ids.value().empty() && !options.all) {
    // A known document whose terms are all "not collected yet": say so rather than print nothing.
    std::fprintf(stderr, "iocscan terms: no term of %s is collected on any platform yet; "
                 "--all lists the known ones\n",
                 std::string(terms::CanonicalDocument(options.document).value_or("")).c_str());
  }
  const std::string out = options.format == "json" ? terms::FormatTermsJson(ids.value())
                                                   : terms::FormatTermsText(ids.value());
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "iocscan terms: cannot write to standard output\n");
    return kExitError;
  }
  return kExitClean;
}

}  // namespace

RunFunction AddTermsCommand(CLI::App* sub) {
  auto options = std::make_shared<TermsOptions>();
  sub->add_option("--document", options->document,
                  "Only the terms of this document (case-insensitive), e.g. FileItem");
  sub->add_option("--collected-on", options->collected_on,
                  "Only the terms collected on: linux, windows, both, linux-only or windows-only");
  sub->add_option("--format", options->format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  sub->add_flag("--all", options->all,
                "Also list the terms iocscan knows but collects on no platform yet");
  return [options] { return RunTerms(*options); };
}

}  // namespace iocscan::app
