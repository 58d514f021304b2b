// Lint: terms that are valid OpenIOC but almost certainly not what their author meant. Pure functions
// of a parsed IOC (no platform, no registry of collectors), so `check`, `scan` and the compiler can
// all ask the same question and get the same one-line warnings.
//
//   for (const Warning& w : compile::EmptyDigestWarnings(ioc)) ...
//
// Empty digest: `FileItem/Md5sum is "d41d8cd98f00b204e9800998ecf8427e"` (or the SHA-1 / SHA-256 of
// empty input, any case, surrounded by whitespace or not) matches every empty file on the host; that
// is what a feed produces when it hashed a file it failed to read. Applies to every term the registry
// types md5/sha1/sha256 (FileItem, stream, persistence, service hashes, ...), and to unknown search
// paths whose last segment ends in Md5sum/Sha1sum/Sha256sum; only the condition `is` without negate
// (`isnot`, negate="true" and substring conditions are left alone).
#pragma once

#include <cstdint>
#include <optional>

#include "core/warning.h"
#include "ioc/model.h"

namespace iocscan::compile {

// One Warning{ioc.source, message} per empty-digest term, in node order. The message reads
//   term <id> at line <n> (FileItem/Md5sum is "d41d8cd98f00b204e9800998ecf8427e"): the digest of
//   the empty file matches every empty file
// (without the id when the term has none).
Warnings EmptyDigestWarnings(const ioc::Ioc& ioc);

// The same test on one node (Ioc::nodes index); nullopt when it is not an empty-digest term.
std::optional<Warning> EmptyDigestWarning(const ioc::Ioc& ioc, std::uint32_t node);

}  // namespace iocscan::compile
