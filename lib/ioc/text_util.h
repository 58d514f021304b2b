// Small string helpers shared by the ioc/ sources (internal to the module).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ascii.h"  // EqualsIgnoreCase, used with these helpers across ioc/

namespace iocscan::ioc {

// `s` made printable on one line: control characters (newlines, tabs, ESC, ...) become '?'. Every
// message iocscan prints is one line, and names from files or archives are not to be trusted.
std::string OneLine(std::string_view s);

// True when `name` ends with `ext` (given with its dot, lower case), ignoring ASCII case.
bool HasExtension(std::string_view name, std::string_view ext);

// xs:boolean: "true", "false", "1", "0" after trimming XML whitespace; case is forgiven (real files
// are not always schema-valid). nullopt for anything else.
std::optional<bool> ParseXsBoolean(std::string_view s);

}  // namespace iocscan::ioc
