// The listing behind `iocscan terms`: which rows to show and how to print them as an aligned
// text table or as JSON ({"terms": [...]}, cli.md). Kept here so the command stays a thin
// wrapper and the output is testable without running the binary.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "terms/registry.h"

namespace iocscan::terms {

struct ListOptions {
  std::string document;  // only this document (case-insensitive); empty = every document
  bool all = false;      // also the terms collected on no platform
  // Only the terms collected: "linux", "windows" (there, maybe elsewhere too), "both" (on Linux
  // and Windows), "linux-only", "windows-only" (on one of the two and not the other); "" = any.
  std::string collected_on = {};
};

inline constexpr std::string_view kCollectedOnChoices[] = {"linux", "windows", "both", "linux-only", "windows-only"};

// The rows to list, in table order. Error (source "--document" or "--collected-on") when the
// document or the choice is unknown.
Result<std::vector<FieldId>> SelectTerms(const ListOptions& options);

// Aligned columns DOCUMENT SEARCH TYPE CONDITIONS COLLECTED VENDOR DESCRIPTION, then a short
// footer (counts per platform: both, Linux only, Windows only; and the range note). Ends with a
// newline.
std::string FormatTermsText(std::span<const FieldId> ids);

// {"terms":[{"document","search","type","conditions","collected","vendor_platforms",
// "description"}]}, pretty-printed, ending with a newline.
std::string FormatTermsJson(std::span<const FieldId> ids);

}  // namespace iocscan::terms
