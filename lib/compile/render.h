// Text forms of IOCs for people: one term on a line, the indented tree for `iocscan show`, and the
// matched branch for match cards. Control characters are escaped (\n, \t, \xNN) so a hostile IOC
// cannot drive the terminal; other bytes are kept. Trees are walked with explicit stacks.
//
//   RenderTerm(term)        FileItem/FileName is not "x" (case)
//   RenderTree(ioc)         metadata, then OR / AND / terms indented by two spaces
//   RenderBranch(ioc, set)  only the true nodes (and their ancestors), true terms marked "  ✓"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compile/compiler.h"
#include "ioc/model.h"

namespace iocscan::compile {

// `search condition [not] "content"`, with ` (case)` when preserve-case is set. isnot/containsnot are
// shown as `is not`/`contains not`; `negate` adds `not`.
std::string RenderTerm(const ioc::Term& term);

// The metadata header and the whole tree, comments and parameters beside their node, parameters
// that name no node listed at the end. Ends with a newline. With `report` (the IOC's compile report),
// unsupported terms are followed by "  [unsupported: <problem>]".
std::string RenderTree(const ioc::Ioc& ioc, const IocReport* report = nullptr);

// The tree restricted to `true_nodes` (Ioc::nodes indices; their ancestors are added), each true term
// followed by "  ✓". No trailing newline.
std::string RenderBranch(const ioc::Ioc& ioc, const std::vector<std::uint32_t>& true_nodes);

// Escapes control characters (and backslash and `quote` when not 0) for display.
std::string EscapeForDisplay(std::string_view text, char quote = 0);

}  // namespace iocscan::compile
