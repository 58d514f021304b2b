// Shared by the terms tests: the collected fields of a document, per platform.
#pragma once

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>

#include "terms/registry.h"

namespace iocscan::terms::testing {

// The terms of `document` collected on `platform` (paths without the document); none on macOS.
inline std::set<std::string> CollectedOn(std::string_view document, unsigned platform) {
  std::set<std::string> out;
  for (const TermInfo& t : TermsOfDocument(document)) {
    INFO(t.search);
    CHECK((t.collected & kMacos) == 0);
    if (t.collected & platform) out.insert(std::string(t.search.substr(document.size() + 1)));
  }
  return out;
}

}  // namespace iocscan::terms::testing
