#include "job/results.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/atomic_file.h"
#include "core/native_path.h"
#include "core/time.h"

namespace iocscan::job {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxRunJsonBytes = 16 << 20;

bool IsTempName(std::string_view name) {
  return name.size() > 5 && name.front() == '.' && name.substr(name.size() - 4) == ".tmp" &&
         IsRunId(name.substr(1, name.size() - 5));
}

std::optional<StoredRun> ReadRun(const fs::path& dir) {
  std::ifstream in(dir / "run.json", std::ios::binary);
  if (!in) return std::nullopt;
  std::string text(kMaxRunJsonBytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  StoredRun run;
  run.run = nlohmann::ordered_json::parse(text, nullptr, false);
  if (run.run.is_discarded() || !run.run.is_object()) return std::nullopt;
  const auto& j = run.run;
  auto time = [&](const char* key) -> std::optional<std::int64_t> {
    if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
    Result<std::int64_t> t = ParseIsoTime(j[key].get<std::string>());
    if (!t.ok()) return std::nullopt;
    return t.value();
  };
  auto start = time("start"), end = time("end");
  if (!start || !end || !j.contains("status") || !j["status"].is_string()) return std::nullopt;
  run.id = dir.filename().string();
  run.path = dir.string();
  run.start = *start;
  run.end = *end;
  run.duration_seconds = j.contains("duration_seconds") && j["duration_seconds"].is_number() ? j["duration_seconds"].get<double>() : 0.0;
  run.status = j["status"].get<std::string>();
  run.hits = j.contains("hits") && j["hits"].is_number_unsigned() ? j["hits"].get<std::uint64_t>() : 0;
  return run;
}

}  // namespace

std::string MakeRunId(std::int64_t start, std::uint64_t unique) {
  std::string iso = FormatIsoTime(start);  // 2026-12-01T01:30:12Z
  std::string id;
  for (char c : iso) {
    if (c != '-' && c != ':') id += c;
  }
  return id + "-" + std::to_string(unique);
}

bool IsRunId(std::string_view name) {
  // YYYYMMDDTHHMMSSZ-<digits>
  if (name.size() < 18 || name.size() > 40 || name[8] != 'T' || name[15] != 'Z' || name[16] != '-') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (i == 8 || i == 15 || i == 16) continue;
    if (name[i] < '0' || name[i] > '9') return false;
  }
  return true;
}

Status EnsureResultsDir(const std::string& dir) {
  std::error_code ec;
  fs::file_status st = fs::symlink_status(dir, ec);
  if (fs::exists(st)) {
    if (!fs::is_directory(st)) return Error{dir, "results: exists and is not a folder"};
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);  // fails harmlessly when not ours
    return Ok{};
  }
  fs::path parent = fs::path(dir).parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) return Error{dir, "results: cannot create " + parent.string() + ": " + ec.message()};
  }
  if (!fs::create_directory(dir, ec) && ec) return Error{dir, "results: cannot create: " + ec.message()};
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) return Error{dir, "results: cannot set mode 0700: " + ec.message()};
  return Ok{};
}

Result<RunWriter> RunWriter::Begin(const std::string& results_dir, const std::string& id) {
  RunWriter w;
  w.temp_ = results_dir + kPathSeparator + "." + id + ".tmp";
  w.final_ = results_dir + kPathSeparator + id;
  std::error_code ec;
  if (fs::exists(w.final_, ec)) return Error{w.final_, "a run with this id exists"};
  fs::remove_all(w.temp_, ec);
  if (!fs::create_directory(w.temp_, ec)) return Error{w.temp_, "cannot create: " + ec.message()};
  fs::permissions(w.temp_, fs::perms::owner_all, fs::perm_options::replace, ec);
  return w;
}

Status RunWriter::Write(std::string_view name, std::string_view contents) const {
  return WriteFileAtomically(TempFile(name), contents, Overwrite::kReplace);
}

Status RunWriter::Commit() const {
  std::error_code ec;
  fs::rename(temp_, final_, ec);
  if (ec) return Error{final_, "cannot store the run: " + ec.message()};
  return Ok{};
}

Result<std::vector<StoredRun>> ListRuns(const std::string& results_dir) {
  std::vector<StoredRun> runs;
  std::error_code ec;
  if (!fs::exists(results_dir, ec)) return runs;
  fs::directory_iterator it(results_dir, ec);
  if (ec) return Error{results_dir, "cannot list: " + ec.message()};
  for (const fs::directory_entry& e : it) {
    const std::string name = e.path().filename().string();
    if (!IsRunId(name) || !e.is_directory(ec) || e.is_symlink(ec)) continue;
    if (std::optional<StoredRun> run = ReadRun(e.path())) runs.push_back(std::move(*run));
  }
  std::sort(runs.begin(), runs.end(), [](const StoredRun& a, const StoredRun& b) {
    return a.start != b.start ? a.start < b.start : a.id < b.id;
  });
  return runs;
}

PruneOutcome PruneRuns(const std::string& results_dir, int retention_days, std::int64_t now) {
  PruneOutcome out;
  std::error_code ec;
  fs::directory_iterator it(results_dir, ec);
  if (ec) {
    out.problems.push_back({results_dir, "cannot list: " + ec.message()});
    return out;
  }
  std::vector<fs::path> doomed;
  const std::int64_t cutoff = now - static_cast<std::int64_t>(retention_days) * 86400;
  for (const fs::directory_entry& e : it) {
    const std::string name = e.path().filename().string();
    if (e.is_symlink(ec) || !e.is_directory(ec)) continue;
    if (IsTempName(name)) {
      doomed.push_back(e.path());
    } else if (retention_days > 0 && IsRunId(name)) {
      std::optional<StoredRun> run = ReadRun(e.path());
      if (run && run->start < cutoff) doomed.push_back(e.path());
    }
  }
  std::sort(doomed.begin(), doomed.end());
  for (const fs::path& p : doomed) {
    // Hide first (one rename), then delete: a half-deleted run is never listed.
    const std::string name = p.filename().string();
    fs::path target = p;
    if (!IsTempName(name)) {
      target = p.parent_path() / ("." + name + ".tmp");
      fs::rename(p, target, ec);
      if (ec) {
        out.problems.push_back({p.string(), "cannot prune: " + ec.message()});
        continue;
      }
    }
    fs::remove_all(target, ec);
    if (ec) out.problems.push_back({target.string(), "cannot remove: " + ec.message()});
    out.removed.push_back(name);
  }
  return out;
}

}  // namespace iocscan::job
