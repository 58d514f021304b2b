// Lexical path helpers for the walker (bytes; no filesystem access, so they are pure and tested).
#pragma once

#include <string>
#include <string_view>

namespace iocscan::walk {

// Makes `path` absolute against `cwd` (itself absolute) and tidies it: repeated slashes and "."
// components are dropped and there is no trailing slash ("/" stays "/"). ".." is KEPT: resolving
// it lexically would be wrong across symlinks, and the kernel resolves it when the root is opened.
std::string MakeAbsolute(std::string_view path, std::string_view cwd);

// True when `path` has a ".." component.
bool HasDotDot(std::string_view path);

// "<dir>/<name>", without doubling the slash when dir is "/".
void AppendChild(std::string* out, std::string_view dir, std::string_view name);

// True when `path` is `dir` or lies under it ("/a/b" is inside "/a", "/ab" is not; everything is
// inside "/").
bool IsInside(std::string_view path, std::string_view dir);

}  // namespace iocscan::walk
