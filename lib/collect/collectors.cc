// The table of collectors: one line per document collected on this platform (FileItem is the
// scan's own sweep and is not listed). A collector joins by adding its line here.
#include <string_view>

#include "collect/collector.h"

namespace iocscan::collect {
namespace {

struct CollectorEntry {
  std::string_view document;
  std::unique_ptr<Collector> (*make)();
};

constexpr CollectorEntry kCollectors[] = {
    {"", nullptr},  // placeholder so the table is never empty; collectors are added above it
};

}  // namespace

std::unique_ptr<Collector> MakeCollector(std::string_view document) {
  for (const CollectorEntry& e : kCollectors) {
    if (e.make && e.document == document) return e.make();
  }
  return nullptr;
}

}  // namespace iocscan::collect
