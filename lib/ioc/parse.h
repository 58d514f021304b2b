// Parsing one OpenIOC 1.0 or 1.1 document into the model of model.h.
//
// The version is recognised by the root element and its namespace (`ioc` in
// http://schemas.mandiant.com/2010/ioc, `OpenIOC` in http://openioc.org/schemas/OpenIOC_1.1), never
// by file extension; a namespace-less `ioc`/`OpenIOC` root is accepted too (ioc_writer strips
// namespaces). The reader is liberal, as real files demand (see docs/corpus-stats.md): UTF-8 BOM, CRLF,
// no declaration, comments anywhere, metadata in any order, items after sub-Indicators, missing ids,
// 1.1 attributes on 1.0 items, elements of foreign namespaces (skipped).
//
//   Warnings warnings;
//   Result<Ioc> r = ParseIoc(bytes, "dir/x.ioc", &warnings);
//   if (!r.ok()) ... r.error().Text() ...   // one line: "dir/x.ioc: not well-formed XML (line 3): ..."
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "core/warning.h"
#include "ioc/model.h"

namespace iocscan::ioc {

// Parses one OpenIOC document. Refusals (not well-formed XML, not an IOC, nested too deep, a DOCTYPE)
// are an Error whose message is one line; problems that do not stop the IOC (dangling param ref-id,
// unknown elements, multiple top-level Indicators, ...) are appended to *warnings (when not null)
// with `source`. The result keeps `bytes` verbatim in Ioc::bytes and `source` in Ioc::source.
Result<Ioc> ParseIoc(std::string_view bytes, std::string source, Warnings* warnings);

}  // namespace iocscan::ioc
