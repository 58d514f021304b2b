// UserItem and GroupItem on Linux: one item per account of /etc/passwd and per group of
// /etc/group, read from the live system or under an offline root (env.root; never through NSS, so
// the image's own accounts are reported and a static binary works).
//
// UserItem fields (search paths under UserItem/):
//   Username, userid, homedirectory, shell   the passwd fields (an empty shell is absent)
//   fullname                the GECOS field up to its first ',' (absent when empty)
//   grouplist/groupname     the primary group's name and every group of /etc/group that lists
//                           the user (a primary gid without a group entry is given as its number)
//   disabled                /etc/shadow's password field starts with '!' or '*' (locked, or never
//                           given a password): see accounts.h. Read only when an IOC asks; absent
//                           for an account without a shadow line; a shadow file that cannot be read
//                           (non-root) is one warning and the field is absent for everyone
//   LastLogin               the later of /var/log/lastlog's record of the uid and the account's
//                           latest login (USER_PROCESS) in /var/log/wtmp (rotated wtmp.1 is not
//                           read); absent when neither knows a login
// GroupItem fields: GroupName, gid, userlist/username (the group's member list plus the accounts
// whose primary group it is: both are members for the kernel).
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeUserCollector();
std::unique_ptr<Collector> MakeGroupCollector();

}  // namespace iocscan::collect
