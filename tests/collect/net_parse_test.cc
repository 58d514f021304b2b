// The pure parsers of /proc/net tables, on literal text as the kernel writes it (trailing padding
// included). Address words are in host order in tcp/udp/route; these tests assume a
// little-endian host, as every machine iocscan is built for today.
#include <catch2/catch.hpp>

#include <bit>

#include "collect/network/net_parse.h"

namespace iocscan::collect {
namespace {

TEST_CASE("hex addresses in /proc/net byte order", "[collect][net]") {
  REQUIRE(std::endian::native == std::endian::little);
  CHECK(HostOrderHexToIp("0100007F") == "127.0.0.1");
  CHECK(HostOrderHexToIp("010200C0") == "192.0.2.1");
  CHECK(HostOrderHexToIp("00000000") == "0.0.0.0");
  // tcp6: four 32-bit words, each in host order.
  CHECK(HostOrderHexToIp("00000000000000000000000001000000") == "::1");
  CHECK(HostOrderHexToIp("0000000000000000FFFF00000100007F") == "::ffff:127.0.0.1");
  CHECK(HostOrderHexToIp("000080FE00000000FF0BD6021E6F4FFE") == "fe80::2d6:bff:fe4f:6f1e");
  CHECK_FALSE(HostOrderHexToIp("0100007"));
  CHECK_FALSE(HostOrderHexToIp("0100007G"));
  // ipv6_route: the 16 bytes in network order.
  CHECK(NetworkOrderHexToIpv6("fe800000000000000000000000000000") == "fe80::");
  CHECK(NetworkOrderHexToIpv6("fd000000000000000000000000000001") == "fd00::1");
  CHECK_FALSE(NetworkOrderHexToIpv6("fe80"));
}

TEST_CASE("ParseInetTable reads tcp and udp rows", "[collect][net]") {
  std::string tcp =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode  "
      "                                                   \n"
      "   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 23456 1 "
      "0000000091a6df9c 100 0 0 10 0                      \n"
      "   1: 0F02000A:C5DA 5DB8D822:01BB 01 00000000:00000000 02:000A1B2C 00000000  1000        0 34567 2 "
      "00000000deadbeef 20 4 30 10 -1                     \n"
      "   2: 0F02000A:C5DB 5DB8D822:01BB 06 00000000:00000000 03:00001770 00000000     0        0 0 3 "
      "0000000000000000\n";
  std::vector<InetSocket> rows = ParseInetTable(tcp, SocketProto::kTcp, false);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].local_ip == "127.0.0.1");
  CHECK(rows[0].local_port == 3306);
  CHECK(rows[0].remote_ip == "0.0.0.0");
  CHECK(rows[0].state == "LISTEN");
  CHECK(rows[0].uid == 106);
  CHECK(rows[0].inode == 23456);
  CHECK(rows[1].local_ip == "10.0.2.15");
  CHECK(rows[1].local_port == 50650);
  CHECK(rows[1].remote_ip == "34.216.184.93");
  CHECK(rows[1].remote_port == 443);
  CHECK(rows[1].state == "ESTABLISHED");
  CHECK(rows[2].state == "TIME_WAIT");
  CHECK(rows[2].inode == 0);
  CHECK(ProtoName(rows[0].proto) == "TCP");

  std::string udp6 =
      "  sl  local_address                         remote_address                        st tx_queue rx_queue tr "
      "tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
      "  512: 00000000000000000000000001000000:0035 00000000000000000000000000000000:0000 07 00000000:00000000 "
      "00:00000000 00000000   101        0 4567 2 0000000000000000 0\n";
  std::vector<InetSocket> u = ParseInetTable(udp6, SocketProto::kUdp, true);
  REQUIRE(u.size() == 1);
  CHECK(u[0].ipv6);
  CHECK(u[0].local_ip == "::1");
  CHECK(u[0].local_port == 53);
  CHECK(u[0].remote_ip == "::");
  CHECK(u[0].state.empty());  // unconnected UDP
  CHECK(ProtoName(u[0].proto) == "UDP");
  CHECK(ParseInetTable("header only\n", SocketProto::kTcp, false).empty());
  CHECK(ParseInetTable("h\n   0: garbage\n", SocketProto::kTcp, false).empty());
}

TEST_CASE("ParseUnixTable reads type state inode and path", "[collect][net]") {
  std::string text =
      "Num       RefCount Protocol Flags    Type St Inode Path\n"
      "000000000b6edd93: 00000002 00000000 00010000 0001 01 1158 /run/my app.sock\n"
      "00000000b17b5109: 00000003 00000000 00000000 0001 03  1157\n"
      "00000000b17b5110: 00000002 00000000 00000000 0002 01 1160 @/tmp/.X11-unix/X0\n";
  std::vector<UnixSocket> rows = ParseUnixTable(text);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].inode == 1158);
  CHECK(rows[0].type == "STREAM");
  CHECK(rows[0].state == "LISTEN");
  CHECK(rows[0].path == "/run/my app.sock");
  CHECK(rows[1].state == "CONNECTED");
  CHECK(rows[1].path.empty());
  CHECK(rows[2].type == "DGRAM");
  CHECK(rows[2].path == "@/tmp/.X11-unix/X0");
}

TEST_CASE("ParseArpTable reads the ARP cache", "[collect][net]") {
  std::string text =
      "IP address       HW type     Flags       HW address            Mask     Device\n"
      "192.0.2.1        0x1         0x2         02:fc:00:00:00:05     *        eth0\n"
      "192.0.2.9        0x1         0x0         00:00:00:00:00:00     *        eth0\n"
      "10.9.9.9         0x1         0x6         aa:bb:cc:dd:ee:ff     *        br-lan\n";
  std::vector<ArpEntry> rows = ParseArpTable(text);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].ip == "192.0.2.1");
  CHECK(rows[0].mac == "02:fc:00:00:00:05");
  CHECK(rows[0].device == "eth0");
  CHECK(ArpCacheType(rows[0].flags) == "Dynamic");
  CHECK(ArpCacheType(rows[1].flags) == "Invalid");
  CHECK(ArpCacheType(rows[2].flags) == "Static");
  CHECK(ArpHardwareName(rows[0].hw_type) == "Ethernet");
  CHECK(ArpHardwareName(772) == "Loopback");
}

TEST_CASE("ParseRouteTable reads IPv4 routes", "[collect][net]") {
  REQUIRE(std::endian::native == std::endian::little);
  std::string text =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                 \n"
      "eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0                                   \n"
      "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t1500\t0\t0                                  \n";
  std::vector<RouteEntry> rows = ParseRouteTable(text);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].device == "eth0");
  CHECK(rows[0].destination == "0.0.0.0");
  CHECK(rows[0].gateway == "192.0.2.1");
  CHECK(rows[0].netmask == "0.0.0.0");
  CHECK(rows[0].metric == 100);
  CHECK(RouteFlagLetters(rows[0].flags) == "UG");
  CHECK(rows[1].destination == "192.0.2.0");
  CHECK(rows[1].netmask == "255.255.255.0");
  CHECK(rows[1].mtu == 1500);
  CHECK(RouteFlagLetters(rows[1].flags) == "U");
  CHECK_FALSE(rows[1].ipv6);
}

TEST_CASE("ParseIpv6RouteTable reads IPv6 routes", "[collect][net]") {
  std::string text =
      "fe800000000000000000000000000000 40 00000000000000000000000000000000 00 "
      "00000000000000000000000000000000 00000100 00000002 00000000 00000001     eth0\n"
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
      "fd000000000000000000000000000001 00000400 00000003 00000000 00040003     eth0\n"
      "00000000000000000000000000000001 80 00000000000000000000000000000000 00 "
      "00000000000000000000000000000000 00000000 00000002 00000000 80200001       lo\n";
  std::vector<RouteEntry> rows = ParseIpv6RouteTable(text);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].ipv6);
  CHECK(rows[0].destination == "fe80::");
  CHECK(rows[0].netmask == "ffff:ffff:ffff:ffff::");
  CHECK(rows[0].gateway == "::");
  CHECK(rows[0].metric == 256);
  CHECK(rows[1].gateway == "fd00::1");
  CHECK(rows[1].netmask == "::");
  CHECK(rows[1].metric == 1024);
  CHECK(RouteFlagLetters(rows[1].flags) == "UGA");
  CHECK(rows[2].destination == "::1");
  CHECK(rows[2].netmask == "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  CHECK(rows[2].device == "lo");
  CHECK(ParseIpv6RouteTable("").empty());
}

}  // namespace
}  // namespace iocscan::collect
