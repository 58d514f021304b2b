// PortItem on Windows, the portable half: one item per row of the TCP/UDP tables (socket_row.h),
// with the owning process's name and image path looked up by pid only when a term asks for them
// or the row matched (its card names the process). A row with pid 0 (TIME_WAIT; every row under
// Wine, whose tables do not know owners) has no pid, process nor path.
//
//   WinPortItem item(PortFieldsOf(row), owners);   // owners: pid -> process, built once per scan
//   visit(item);
#pragma once

#include <cstdint>
#include <vector>

#include "collect/record_item.h"
#include "collect/windows/process_record.h"
#include "collect/windows/socket_row.h"

namespace iocscan::collect {

// The processes of this host by pid (a snapshot the platform takes on first Find).
class WinProcessIndex {
 public:
  virtual ~WinProcessIndex() = default;
  virtual const WinProcess* Find(std::int64_t pid) = 0;  // nullptr: gone, or the idle process
};

class WinPortItem final : public CollectedItem {
 public:
  WinPortItem(const PortFields& fields, WinProcessIndex& owners);
  WinPortItem(const WinPortItem&) = delete;  // its lazy fields point at it
  WinPortItem& operator=(const WinPortItem&) = delete;
  const compile::FieldValue* Get(terms::FieldId field) override { return record_.Get(field); }
  std::vector<report::CardField> CardFields() override;

 private:
  PortFields fields_;
  WinProcessIndex& owners_;
  RecordItem record_;
};

}  // namespace iocscan::collect
