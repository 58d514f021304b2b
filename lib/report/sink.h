// Where cards go: the scan reports each decided card, each warning, then the summary, to a CardSink;
// the sink owns the output format and the destination. The scan core never prints.
//
//   report::SinkOptions options;
//   options.format = report::Format::kJsonl;
//   auto sink = report::MakeSink(options, std::cout, std::cerr);
//   sink->OnWarning(w);  sink->OnCard(card);  ...
//   Status written = sink->Finish(summary);   // not ok -> exit code 2 ("cannot write output")
//
// Formats (docs/cli.md):
//   text   a block per card (text_card.h) as it comes, then a summary block; warnings go to `err`
//          ("warning: ..."), and `quiet` drops warnings and the summary block.
//   jsonl  one JSON object per line as it comes ("card", "warning"), the "summary" line last.
//   json   one document {"cards":[...],"summary":{...},"warnings":[...]} written at Finish.
// Destination: with an empty `output_path` text and jsonl are written to `out` as they come (jsonl
// flushed after every line, so a reader sees each card when it is decided); with `output_path`
// (-o) everything is kept in memory and written atomically at Finish (core/atomic_file.h): the
// file holds a complete report or is not written at all.
//
// The summary written has `cards` and `warnings` set to what this sink received, so the counts
// always agree with the lines. A sink is not thread-safe: the caller serialises the calls.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "core/atomic_file.h"
#include "core/result.h"
#include "core/warning.h"
#include "report/card.h"

namespace iocscan::report {

enum class Format { kText, kJson, kJsonl };

Result<Format> ParseFormat(std::string_view name);  // "text", "json", "jsonl"
std::string_view FormatName(Format format);

struct SinkOptions {
  Format format = Format::kText;
  std::string output_path;                     // "" = write to `out`; else -o FILE, atomically
  Overwrite overwrite = Overwrite::kReplace;   // for output_path
  bool color = false;                          // text to `out` only: ANSI colour in card headers
  bool quiet = false;                          // text only: no warnings on `err`, no summary block
};

class CardSink {
 public:
  virtual ~CardSink() = default;

  virtual void OnCard(const Card& card) = 0;
  virtual void OnWarning(const Warning& warning) = 0;
  // Writes the summary (and, for json and -o, everything) and reports whether the output was
  // written completely. Call once, last.
  virtual Status Finish(const Summary& summary) = 0;
};

// `out` and `err` must outlive the sink.
std::unique_ptr<CardSink> MakeSink(const SinkOptions& options, std::ostream& out, std::ostream& err);

}  // namespace iocscan::report
