// Types of the values that terms compare.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace iocscan::terms {

// The content type of a term, as the registry defines it (the term's own type wins over
// Content/@type: a Md5sum typed "string" is still a hash). int and uint64 are one 64-bit family;
// double and float are one.
enum class ValueType : std::uint8_t { kString, kInt, kDouble, kDate, kBool, kIp, kMd5, kSha1, kSha256 };

std::string_view ValueTypeName(ValueType t);  // "string", "int", "double", "date", "bool", "IP", "md5", ...

// A Content/@type (or iocterms display-type) string, case-insensitive: "string", "int", "uint64",
// "double", "float", "date", "bool", "IP", "md5", "sha1", "sha256". nullopt for anything else.
std::optional<ValueType> ParseValueType(std::string_view text);

// Index of a term in terms::AllTerms(); collectors use it to name the field they are asked for.
using FieldId = std::uint16_t;

}  // namespace iocscan::terms
