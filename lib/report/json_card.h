// The JSON form of cards, warnings and summaries: one definition shared by the jsonl and json
// sinks, and the shape that schemas/card.schema.json describes. Keys keep a fixed order ("type"
// first) so lines read well. Every string, keys included, goes through JsonSafe (escape.h).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/warning.h"
#include "report/card.h"

namespace iocscan::report {

using Json = nlohmann::ordered_json;

// {"type":"card","ioc":{...},"host":{...},"time":"...","items":[...],"branch":"..."}
Json CardJson(const Card& card);

// {"type":"warning","source":"...","message":"..."}
Json WarningJson(const Warning& warning);

// {"type":"summary","start":"...","end":"...","duration_seconds":1.5,"status":"complete",
//  "counts":{...},"unreadable_by_errno":{...},"items_per_document":{...},"errors_by_kind":{...},
//  "skipped_mounts":[...]}
Json SummaryJson(const Summary& summary);

// Compact one-line text of `value` followed by '\n'. Never throws: strings are already valid UTF-8.
std::string JsonLine(const Json& value);

}  // namespace iocscan::report
