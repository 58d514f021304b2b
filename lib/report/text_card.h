// The human form of cards, warnings and the summary (`--format text`, the default on a terminal).
// Every byte string from the host or an IOC goes through TerminalSafe (escape.h): no raw control
// character reaches a terminal. Multi-line texts (description, branch) keep their line breaks and
// are indented; each line is escaped on its own.
#pragma once

#include <string>

#include "core/warning.h"
#include "report/card.h"

namespace iocscan::report {

// One card as an indented block ending with a blank line:
//   MATCH  <name>  [<id>]
//     source       <source> (OpenIOC <version>)
//     ...
//     items        <n>
//       <document>
//         <field>  <value>
//         matched  <term>
//     branch
//       <branch lines>
// `color` adds ANSI bold/red to the header line.
std::string CardText(const Card& card, bool color);

// "Scan complete in 12.3 s: 2 cards from 40 IOCs (38 usable)" ("timed out after", "interrupted
// after" for the other statuses), then one line per non-empty count.
std::string SummaryText(const Summary& summary);

// "warning: <source>: <message>\n"
std::string WarningText(const Warning& warning);

// 1536 -> "1.5 KiB"; below 1 KiB -> "123 B".
std::string HumanBytes(std::uint64_t bytes);

}  // namespace iocscan::report
