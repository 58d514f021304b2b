#include "platform/linux/net_interfaces.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <cerrno>
#include <cstring>

#include "platform/linux/pseudo_file.h"

namespace iocscan::platform {
namespace {

std::string AddressText(const sockaddr* sa) {
  char text[INET6_ADDRSTRLEN] = {};
  const void* raw = sa->sa_family == AF_INET ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(sa)->sin_addr)
                                             : static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr);
  if (::inet_ntop(sa->sa_family, raw, text, sizeof text) == nullptr) return {};
  return text;
}

NetInterface& Entry(std::vector<NetInterface>& list, const char* name) {
  for (NetInterface& i : list) {
    if (i.name == name) return i;
  }
  list.push_back(NetInterface{name, ReadPseudoValue("/sys/class/net/" + std::string(name) + "/address"), {}, {}, {}});
  return list.back();
}

}  // namespace

Result<std::vector<NetInterface>> ListNetInterfaces() {
  struct ifaddrs* head = nullptr;
  if (::getifaddrs(&head) != 0) return Error{"getifaddrs", std::strerror(errno)};
  std::vector<NetInterface> out;
  for (const struct ifaddrs* a = head; a; a = a->ifa_next) {
    if (!a->ifa_name) continue;
    NetInterface& entry = Entry(out, a->ifa_name);
    if (!a->ifa_addr) continue;
    if (a->ifa_addr->sa_family == AF_INET) {
      entry.ipv4.push_back(AddressText(a->ifa_addr));
      entry.ipv4_masks.push_back(a->ifa_netmask ? AddressText(a->ifa_netmask) : std::string());
    } else if (a->ifa_addr->sa_family == AF_INET6) {
      entry.ipv6.push_back(AddressText(a->ifa_addr));
    }
  }
  ::freeifaddrs(head);
  return out;
}

}  // namespace iocscan::platform
