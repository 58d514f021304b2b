// ModuleItem on Linux: one item per loaded kernel module (/proc/modules, what lsmod lists), with
// its file from the running kernel's modules.dep. Live only. Fields (under ModuleItem/):
//   ModuleName, Module          the module's name
//   Size, ModuleSize            its size in memory (bytes)
//   Status                      Live, Loading or Unloading
//   Address                     its load address as /proc/modules writes it; ModuleAddress and
//                               ModuleBase the same as a number, absent when the kernel hides it
//                               (0 for readers without CAP_SYSLOG under kptr_restrict)
//   UsedByList/Module           the modules that use it
//   Taint                       its taint flags ("O" out-of-tree, "E" unsigned, ...); "" when none
//   Intree                      "Y", or "N" for an out-of-tree module (taint O), as modinfo says
//   Filename, ModulePath        /lib/modules/<release>/<path of modules.dep>; absent for built-in
//                               modules and modules loaded from elsewhere (insmod of a file)
//   DependsList/Depends/Module  the modules it needs, from modules.dep
//   SrcVersion                  /sys/module/<name>/srcversion; ParmList/Parm/Name: its parameters
//   Md5sum, Sha1sum, Sha256sum  of the module file (as stored: .ko, .ko.xz, .ko.zst), when asked
//   License, Vermagic, Retpoline, AliasList/Alias/Name   the module file's .modinfo section, read
//                               when asked; absent for compressed files (.ko.xz, .ko.zst: no
//                               decompressor is linked in)
// Signer, SigKey and the other signature fields (inside the appended PKCS#7) are not collected.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeModuleCollector();

}  // namespace iocscan::collect
