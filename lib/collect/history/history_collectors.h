// The documents read from users' homes (the accounts of <root>/etc/passwd), live or offline:
//   ShellHistoryItem  ~/.bash_history, ~/.zsh_history, ~/.local/share/fish/fish_history; one item
//                     per entry; entries without a time (plain bash history) are always kept and
//                     have no Timestamp
//   UrlHistoryItem    Firefox places.sqlite and Chromium-family History databases of every profile
//                     (collect/history/browser_profiles.h); one item per URL, kept when its last
//                     visit or any recorded visit is inside the window
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeShellHistoryCollector();
std::unique_ptr<Collector> MakeUrlHistoryCollector();

}  // namespace iocscan::collect
