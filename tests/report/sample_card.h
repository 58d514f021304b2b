// Fixed cards and summaries for the report tests: one with awkward bytes (a Latin-1 name with an
// ESC in it, a list field, a multi-line description), one minimal for exact-output checks.
#pragma once

#include "report/card.h"

namespace iocscan::report::testing {

inline const char kAwkwardPath[] = "/tmp/caf\xE9\x1b[31m.bin";  // Latin-1 é, then an ANSI escape

inline Card AwkwardCard() {
  Card c;
  c.ioc = {"6d2a1b5c-0000-4000-8000-000000000001", "Evil dropper", "Drops a file.\nThen runs nc.", "analyst",
           "bundle.zip:iocs/evil.ioc", "1.1"};
  c.host = {"web01", "Linux 6.1.0 x86_64"};
  c.time = 1795867200;
  CardItem file;
  file.document = "FileItem";
  file.fields = {{"FullPath", {CardValue::Text(kAwkwardPath)}},
                 {"SizeInBytes", {CardValue::Int(12)}},
                 {"Md5sum", {CardValue::Text("d41d8cd98f00b204e9800998ecf8427e")}},
                 {"Modified", {CardValue::Date(1795860000)}},
                 {"Entropy", {CardValue::Real(7.5)}}};
  file.terms = {"FileItem/Md5sum is \"d41d8cd98f00b204e9800998ecf8427e\""};
  CardItem process;
  process.document = "ProcessItem";
  process.fields = {{"pid", {CardValue::Int(4242)}},
                    {"name", {CardValue::Text("nc")}},
                    {"path", {CardValue::Text("/usr/bin/nc")}},
                    {"PortList/PortItem/remotePort", {CardValue::Int(443), CardValue::Int(8443)}},
                    {"Username", {}}};
  process.terms = {"ProcessItem/name is \"nc\"", "ProcessItem/PortList/PortItem/remotePort is 443"};
  c.items = {file, process};
  c.branch =
      "OR\n  FileItem/Md5sum is \"d41d8cd98f00b204e9800998ecf8427e\"  \xE2\x9C\x93\n"
      "  AND\n    ProcessItem/name is \"nc\"  \xE2\x9C\x93\n"
      "    ProcessItem/PortList/PortItem/remotePort is 443  \xE2\x9C\x93";
  return c;
}

inline Card MinimalCard() {
  Card c;
  c.ioc = {"id-1", "Name", "", "", "x.ioc", "1.0"};
  c.host = {"h", "os"};
  c.time = 0;
  CardItem file;
  file.document = "FileItem";
  file.fields = {{"FullPath", {CardValue::Text("/a/b")}}, {"SizeInBytes", {CardValue::Int(3)}}};
  file.terms = {"FileItem/FileName is \"b\""};
  c.items = {file};
  c.branch = "FileItem/FileName is \"b\"";
  return c;
}

inline Summary SampleSummary() {
  Summary s;
  s.start = 1795867200;
  s.end = 1795867212;
  s.duration_seconds = 12.25;
  s.status = ScanStatus::kTimeout;
  s.iocs_loaded = 40;
  s.iocs_usable = 38;
  s.files_visited = 12345;
  s.files_read = 400;
  s.bytes_read = 3ull << 30;
  s.files_skipped_by_size = 3;
  s.unreadable_by_errno = {{"EACCES", 10}, {"ENOENT", 2}};
  s.items_per_document = {{"FileItem", 12345}, {"ProcessItem", 300}};
  s.errors_by_kind = {{"read", 1}};
  s.skipped_mounts = {"/mnt/nfs"};
  return s;
}

}  // namespace iocscan::report::testing
