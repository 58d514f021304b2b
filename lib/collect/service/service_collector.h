// ServiceItem on Linux: one item per systemd service unit (system units, the units of every user
// manager, each user's ~/.config/systemd/user) and per SysV script of /etc/init.d. Read from the
// live system or from an offline root (env.root), never through systemctl or D-Bus.
//
// Fields (search paths under ServiceItem/):
//   name             the unit name ("ssh.service"), or the init script's name ("ssh")
//   descriptiveName  Description= (init scripts: the LSB Short-Description)
//   description      Description= too (systemd has no longer text; init scripts: LSB Description)
//   path, arguments  the first ExecStart= command: its binary (prefixes "-@:+!" stripped; a bare
//                    name resolved in systemd's fixed search path) and the rest of the line;
//                    init scripts: the script itself, no arguments
//   mode             "masked" (a symlink to /dev/null or an empty file), "enabled" (a symlink in a
//                    *.wants/ or *.requires/ folder; init scripts: an S link in /etc/rc[2-5].d),
//                    "static" (no [Install] section), else "disabled"
//   status           live system units only: "active" when running, else "inactive"; absent under
//                    an offline root, on hosts without systemd, and for user units
//   startedAs        User= (DynamicUser=yes: the unit's name; default root); a home unit: its user;
//                    absent for the units of every user manager
//   type             Type= as systemd defaults it (simple, oneshot, dbus); init scripts: "sysv"
//   pathmd5sum, pathsha1sum, pathsha256sum and md5sum, sha1sum, sha256sum: digests of `path`,
//                    read once when some IOC asks
// Drop-ins ("<unit>.d/*.conf") are applied in systemd's order. Cards show name, path, arguments,
// mode, startedAs, the scope (system, user, user:<name>) and the unit file.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeServiceCollector();

}  // namespace iocscan::collect
