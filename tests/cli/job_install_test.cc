// `iocscan job install`: the printed crontab line and units, and --apply / --remove against fake
// `crontab` and `systemctl` programs put first in PATH (the real ones are never touched).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/job_support.h"

namespace iocscan::testing {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kWeekly = "frequency = \"weekly\"\ndays = [\"mon\"]\nat = \"04:15\"\nrun_missed = true\n";

TEST_CASE("job install prints a crontab line that calls this iocscan", "[cli][job]") {
  JobDir j(JobBody(kPasswdIoc, {"/etc"}, "", kWeekly));
  RunResult r = j.Run({"job", "install"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "15 * * * * '" + std::string(IOCSCAN_BINARY) + "' job run --if-due -q '" + j.job + "' # iocscan-job " + j.job +
                     "\n@reboot '" + std::string(IOCSCAN_BINARY) + "' job run --if-due -q '" + j.job + "' # iocscan-job " + j.job + "\n");
  r = j.Run({"job", "install", "--systemd"});
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "ExecStart=\"" + std::string(IOCSCAN_BINARY) + "\" job run --if-due -q \"" + j.job + "\""));
  CHECK(Has(r.out, "OnCalendar=*-*-* *:15:00"));
  r = j.Run({"job", "install", "--windows"});
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "<ScheduleByWeek>"));
  CHECK(j.Run({"job", "install", "--systemd", "--windows"}).exit_code == 2);
  CHECK(j.Run({"job", "install", "--remove"}).exit_code == 2);
  CHECK(j.Run({"job", "install", "--windows", "--apply"}).exit_code == 2);
}

TEST_CASE("job install --apply / --remove edit the user's crontab and nothing else", "[cli][job]") {
  ScratchDir bin;
  const std::string store = bin.Join("crontab.txt");
  // A fake crontab(1): -l prints the stored table (exit 1 when there is none), - stores stdin.
  bin.Write("crontab",
            "#!/bin/sh\n"
            "if [ \"$1\" = -l ]; then [ -f '" + store + "' ] || { echo 'no crontab for user' >&2; exit 1; }; cat '" + store + "'; exit 0; fi\n"
            "if [ \"$1\" = - ]; then cat > '" + store + "'; exit 0; fi\nexit 2\n",
            0755);
  const RunOptions path = WithEnv({"PATH=" + bin.path() + ":/usr/bin:/bin"});
  JobDir j(JobBody(kPasswdIoc, {"/etc"}, "", kWeekly));

  RunResult r = j.Run({"job", "install", "--apply"}, path);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "crontab: added: 15 * * * *"));
  CHECK(Slurp(store) == j.Run({"job", "install"}).out);

  // Someone else's lines stay; applying again changes nothing; --remove takes only ours away.
  std::ofstream(store, std::ios::app) << "0 4 * * * /usr/bin/backup\n";
  r = j.Run({"job", "install", "--apply"}, path);
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "crontab: removed:"));
  CHECK(Has(Slurp(store), "0 4 * * * /usr/bin/backup\n"));
  const std::string table = Slurp(store);
  CHECK(std::count(table.begin(), table.end(), '\n') == 3);
  r = j.Run({"job", "install", "--apply", "--remove"}, path);
  CHECK(r.exit_code == 0);
  CHECK(Slurp(store) == "0 4 * * * /usr/bin/backup\n");
}

TEST_CASE("job install --systemd --apply --user writes units and enables the timer", "[cli][job]") {
  ScratchDir bin, home;
  const std::string log = bin.Join("systemctl.log");
  bin.Write("systemctl", "#!/bin/sh\necho \"$@\" >> '" + log + "'\n", 0755);
  const RunOptions env = WithEnv({"PATH=" + bin.path() + ":/usr/bin:/bin", "HOME=" + home.path()});
  JobDir j(JobBody(kPasswdIoc, {"/etc"}, "", kWeekly));

  RunResult r = j.Run({"job", "install", "--systemd", "--apply", "--user"}, env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string units = home.Join(".config/systemd/user");
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(units)) names.push_back(e.path().filename().string());
  REQUIRE(names.size() == 2);
  std::sort(names.begin(), names.end());
  CHECK_THAT(names[0], Catch::StartsWith("iocscan-job-cli-test-"));
  CHECK_THAT(names[0], Catch::EndsWith(".service"));
  const std::string base = names[0].substr(0, names[0].size() - 8);
  CHECK(Has(r.out, "wrote: " + units + "/" + base + ".timer"));
  CHECK(Slurp(log) == "--user daemon-reload\n--user enable --now " + base + ".timer\n");
  // The printed units are what was written.
  RunResult printed = j.Run({"job", "install", "--systemd"});
  CHECK(Has(printed.out, Slurp(units + "/" + base + ".timer")));

  r = j.Run({"job", "install", "--systemd", "--apply", "--user", "--remove"}, env);
  CHECK(r.exit_code == 0);
  CHECK(fs::is_empty(units));
  CHECK(Has(Slurp(log), "--user disable --now " + base + ".timer\n"));
}

}  // namespace
}  // namespace iocscan::testing
