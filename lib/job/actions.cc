#include "job/actions.h"

#include "platform/job_os.h"

namespace iocscan::job {

std::vector<std::string> ExpandPlaceholders(const std::vector<std::string>& argv,
                                            const std::map<std::string, std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& arg : argv) {
    std::string expanded;
    std::size_t i = 0;
    while (i < arg.size()) {
      bool replaced = false;
      if (arg[i] == '{') {
        std::size_t close = arg.find('}', i);
        if (close != std::string::npos) {
          auto it = values.find(arg.substr(i + 1, close - i - 1));
          if (it != values.end()) {
            expanded += it->second;
            i = close + 1;
            replaced = true;
          }
        }
      }
      if (!replaced) expanded += arg[i++];
    }
    out.push_back(std::move(expanded));
  }
  return out;
}

Result<int> RunAction(const std::vector<std::string>& argv) {
  Result<platform::ProgramRun> run = platform::RunProgram(argv, std::nullopt, false);
  if (!run.ok()) return run.error();
  return run->exit_code;
}

}  // namespace iocscan::job
