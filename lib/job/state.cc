#include "job/state.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/native_path.h"
#include "core/time.h"

namespace iocscan::job {
namespace {

using Json = nlohmann::ordered_json;

Result<std::int64_t> TimeField(const Json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return Error{"", std::string(key) + " is missing"};
  return ParseIsoTime(j[key].get<std::string>());
}

}  // namespace

std::string StatePath(const std::string& results_dir) { return results_dir + kPathSeparator + "state.json"; }

Result<JobState> LoadState(const std::string& results_dir) {
  const std::string path = StatePath(results_dir);
  std::ifstream in(path, std::ios::binary);
  JobState state;
  if (!in) {
    if (errno == ENOENT) return state;
    return Error{path, std::strerror(errno)};
  }
  std::stringstream text;
  text << in.rdbuf();
  Json j = Json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{path, "not a state file (invalid JSON)"};
  if (j.contains("last_occurrence") && !j["last_occurrence"].is_null()) {
    Result<std::int64_t> t = TimeField(j, "last_occurrence");
    if (!t.ok()) return Error{path, "last_occurrence: " + t.error().message};
    state.last_occurrence = t.value();
  }
  if (j.contains("last_run") && j["last_run"].is_object()) {
    const Json& r = j["last_run"];
    LastRun run;
    Result<std::int64_t> start = TimeField(r, "start");
    Result<std::int64_t> end = TimeField(r, "end");
    if (!start.ok() || !end.ok()) return Error{path, "last_run: bad start or end"};
    run.start = start.value();
    run.end = end.value();
    run.id = r.value("id", "");
    run.status = r.value("status", "");
    run.hits = r.value("hits", std::uint64_t{0});
    state.last_run = run;
  }
  return state;
}

Status SaveState(const std::string& results_dir, const JobState& state) {
  Json j = Json::object();
  j["last_occurrence"] = state.last_occurrence ? Json(FormatIsoTime(*state.last_occurrence)) : Json(nullptr);
  if (state.last_run) {
    const LastRun& r = *state.last_run;
    j["last_run"] = Json{{"id", r.id}, {"start", FormatIsoTime(r.start)}, {"end", FormatIsoTime(r.end)},
                         {"status", r.status}, {"hits", r.hits}};
  } else {
    j["last_run"] = nullptr;
  }
  return WriteFileAtomically(StatePath(results_dir), j.dump(2) + "\n", Overwrite::kReplace);
}

}  // namespace iocscan::job
