// libFuzzer target: the Windows task file parsers over arbitrary bytes. Task XML from
// System32\Tasks, legacy .job files and TaskCache DynamicInfo values come from the scanned host:
// whatever their counts and offsets say, a parser must return a value or an error, never read
// outside the input, crash or loop. A parsed task must also map to TaskItem fields.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/wintask/job_file.h"
#include "collect/wintask/task_fields.h"
#include "collect/wintask/task_run_info.h"
#include "collect/wintask/task_xml.h"

namespace collect = iocscan::collect;

namespace {

void Fields(const collect::ScheduledTask& task) {
  collect::RecordItem item;
  collect::AddTaskFields(task, "\\fuzz", "C:\\Windows\\Tasks\\fuzz", {}, item);
  (void)item.CardFields();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  iocscan::Result<collect::ScheduledTask> job = collect::ParseJobFile(bytes);
  if (job.ok()) Fields(job.value());
  (void)collect::ParseTaskDynamicInfo(bytes);
  iocscan::Result<collect::ScheduledTask> xml = collect::ParseTaskXml(bytes);
  if (xml.ok()) Fields(xml.value());
  return 0;
}
