// struct stat to the portable FileStat (platform/file_stat.h), for POSIX code that already has one.
#pragma once

#include <sys/stat.h>

#include "platform/file_stat.h"

namespace iocscan::platform {

FileType TypeOfMode(mode_t mode);

// From a struct stat (no birth time on Linux).
FileStat FromStat(const struct stat& st);

}  // namespace iocscan::platform
