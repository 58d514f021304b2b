#include "report/sink.h"

#include <ostream>
#include <utility>

#include "report/json_card.h"
#include "report/text_card.h"

namespace iocscan::report {
namespace {

// The destination: `out` as the text comes, or a buffer written atomically to -o at Close.
class Output {
 public:
  Output(const SinkOptions& options, std::ostream& out)
      : path_(options.output_path), overwrite_(options.overwrite), out_(out) {}

  bool to_stream() const { return path_.empty(); }

  void Write(std::string_view text) {
    if (!to_stream()) {
      buffer_.append(text);
      return;
    }
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    out_.flush();  // a reader (a pipe, tail -f) sees each card when it is decided
  }

  Status Close() {
    if (!to_stream()) return WriteFileAtomically(path_, buffer_, overwrite_);
    out_.flush();
    if (!out_) return Error{"", "cannot write to the standard output"};
    return Ok{};
  }

 private:
  std::string path_;
  Overwrite overwrite_;
  std::ostream& out_;
  std::string buffer_;
};

Summary Counted(Summary summary, std::uint64_t cards, std::uint64_t warnings) {
  summary.cards = cards;
  summary.warnings = warnings;
  return summary;
}

class TextSink : public CardSink {
 public:
  TextSink(const SinkOptions& options, std::ostream& out, std::ostream& err)
      : output_(options, out), err_(err), color_(options.color && output_.to_stream()), quiet_(options.quiet) {}

  void OnCard(const Card& card) override {
    ++cards_;
    output_.Write(CardText(card, color_));
  }
  void OnWarning(const Warning& warning) override {
    ++warnings_;
    if (!quiet_) err_ << WarningText(warning) << std::flush;
  }
  Status Finish(const Summary& summary) override {
    if (!quiet_) output_.Write(SummaryText(Counted(summary, cards_, warnings_)));
    return output_.Close();
  }

 private:
  Output output_;
  std::ostream& err_;
  bool color_;
  bool quiet_;
  std::uint64_t cards_ = 0;
  std::uint64_t warnings_ = 0;
};

class JsonlSink : public CardSink {
 public:
  JsonlSink(const SinkOptions& options, std::ostream& out) : output_(options, out) {}

  void OnCard(const Card& card) override {
    ++cards_;
    output_.Write(JsonLine(CardJson(card)));
  }
  void OnWarning(const Warning& warning) override {
    ++warnings_;
    output_.Write(JsonLine(WarningJson(warning)));
  }
  Status Finish(const Summary& summary) override {
    output_.Write(JsonLine(SummaryJson(Counted(summary, cards_, warnings_))));
    return output_.Close();
  }

 private:
  Output output_;
  std::uint64_t cards_ = 0;
  std::uint64_t warnings_ = 0;
};

class JsonSink : public CardSink {
 public:
  JsonSink(const SinkOptions& options, std::ostream& out) : output_(options, out) {}

  void OnCard(const Card& card) override { cards_.push_back(CardJson(card)); }
  void OnWarning(const Warning& warning) override { warnings_.push_back(WarningJson(warning)); }
  Status Finish(const Summary& summary) override {
    Json document = Json::object();
    document["cards"] = std::move(cards_);
    document["summary"] = SummaryJson(Counted(summary, document["cards"].size(), warnings_.size()));
    document["warnings"] = std::move(warnings_);
    output_.Write(document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    return output_.Close();
  }

 private:
  Output output_;
  Json cards_ = Json::array();
  Json warnings_ = Json::array();
};

}  // namespace

Result<Format> ParseFormat(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "jsonl") return Format::kJsonl;
  return Error{std::string(name), "unknown format (expected text, json or jsonl)"};
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kText: return "text";
    case Format::kJson: return "json";
    case Format::kJsonl: return "jsonl";
  }
  return "text";
}

std::unique_ptr<CardSink> MakeSink(const SinkOptions& options, std::ostream& out, std::ostream& err) {
  switch (options.format) {
    case Format::kJsonl: return std::make_unique<JsonlSink>(options, out);
    case Format::kJson: return std::make_unique<JsonSink>(options, out);
    case Format::kText: break;
  }
  return std::make_unique<TextSink>(options, out, err);
}

}  // namespace iocscan::report
