// Reading a stored run's cards.jsonl back, to print it in any format (`job results --run ID`).
// jsonl is the file itself; json and text are rebuilt from its lines. The text form comes from
// report::Card values read back from JSON: strings stay as written (names that were not UTF-8 keep
// their %XX form), numbers stay numbers.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/warning.h"
#include "report/card.h"

namespace iocscan::job {

struct StoredCards {
  std::vector<nlohmann::ordered_json> cards;     // the "card" lines
  std::vector<nlohmann::ordered_json> warnings;  // the "warning" lines
  nlohmann::ordered_json summary;                // the "summary" line (null when none)
  std::string raw;                               // the file as it is
};

Result<StoredCards> ReadStoredCards(const std::string& path);

// {"cards":[...],"summary":{...},"warnings":[...]}, as `scan --format json`.
nlohmann::ordered_json StoredJsonDocument(const StoredCards& stored);

report::Card CardFromJson(const nlohmann::ordered_json& card);
report::Summary SummaryFromJson(const nlohmann::ordered_json& summary);
Warning WarningFromJson(const nlohmann::ordered_json& warning);

}  // namespace iocscan::job
