// Writing IOCs back out as one ZIP collection (the `export` command), byte for byte as loaded.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "ioc/model.h"

namespace iocscan::ioc {

// Writes the IOCs (their original bytes, Ioc::bytes) into one ZIP collection at `zip_path`, one entry
// per IOC named `<id or sanitized name>.ioc` (unique names: `-2`, `-3`, ... appended on collision),
// built in memory with libzip and written with WriteFileAtomically (core/atomic_file.h).
// Overwrite::kRefuse unless `force`: an existing `zip_path` is an error and is left untouched.
Status ExportZip(const std::vector<const Ioc*>& iocs, const std::string& zip_path, bool force);

}  // namespace iocscan::ioc
