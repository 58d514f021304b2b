// Loading and compiling the IOCs of a scan (the CLI's scan command and job files share it):
// every input loaded (ioc/collection.h), compiled for the documents asked (compile/compiler.h),
// and every problem gathered as a warning with its source.
//
//   Result<PreparedIocs> p = PrepareIocs({"samples/iocs"}, {});   // error: no usable IOC, ...
#pragma once

#include <string>
#include <vector>

#include "compile/compiler.h"
#include "core/result.h"
#include "core/warning.h"

namespace iocscan::scan {

struct PreparedIocs {
  compile::CompiledSet set;
  Warnings refused;   // inputs that could not be used at all (missing, malformed, refused ZIP)
  Warnings warnings;  // load warnings, then each IOC's compile warnings (unsupported terms, ...)
};

// Errors: a document name that no term list knows; no usable IOC (none loaded, or none with a
// supported term among `documents`). Refused inputs alone are not an error: they are reported.
Result<PreparedIocs> PrepareIocs(const std::vector<std::string>& paths, const std::vector<std::string>& documents);

}  // namespace iocscan::scan
