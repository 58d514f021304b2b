// toml++ for job files, which are untrusted input.
#pragma once

// toml++ 3.3 asserts on some malformed documents (e.g. a line "[[[") where it should report a parse
// error, so a Debug build aborted on a hostile job file. Without its internal asserts the parser
// reports the error as it does in Release builds (GCC has no __builtin_assume, so nothing is
// assumed either).
#ifndef TOML_ASSERT
#define TOML_ASSERT(expr) static_assert(true)
#endif
#include <toml++/toml.h>
