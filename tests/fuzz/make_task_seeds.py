#!/usr/bin/env python3
"""Writes Windows task files into a folder, as seeds for fuzz_task_files.

Built from the formats' layouts rather than committed: a legacy .job file ([MS-TSCH] 2.4: fixed
part, strings, reserved data, a daily and a logon trigger), a TaskCache DynamicInfo value (36
bytes), and a task XML file as the Schedule service writes it (UTF-16LE with a BOM).

Usage: make_task_seeds.py OUTDIR [SEARCH_DIR...]   (search dirs are not used)
"""
import os
import struct
import sys


def job_string(text):
    if not text:
        return struct.pack("<H", 0)
    units = text.encode("utf-16-le") + b"\0\0"
    return struct.pack("<H", len(units) // 2) + units


def trigger(kind, flags, begin, end=(0, 0, 0)):
    return struct.pack("<HHHHHHHHHHIIIIHHHHHH", 0x30, 0, *begin, *end, 9, 30, 0, 0, flags, kind,
                       1, 0, 0, 0, 0, 0)


def job_file():
    fixed = struct.pack("<HH16sHHHHHHIIIII", 0x0601, 1, b"\x5a" * 16, 0x46, 0, 3, 1, 10, 60, 0x20,
                        72 * 3600 * 1000, 1, 0x41300, 0x200)
    fixed += struct.pack("<8H", 2024, 12, 5, 27, 8, 15, 42, 0)
    body = struct.pack("<H", 0)
    for text in ("C:\\Users\\Public\\update.exe", "/silent", "C:\\Temp", "CORP\\mallory", "updater"):
        body += job_string(text)
    body += struct.pack("<H", 0) + struct.pack("<H", 8) + b"\0" * 8
    body += struct.pack("<H", 2) + trigger(1, 1, (2024, 3, 1), (2025, 3, 1)) + trigger(7, 4, (2024, 3, 1))
    return fixed + body


def dynamic_info():
    registered = 133800000000000000
    return struct.pack("<IQQIIQ", 3, registered, registered + 36000000000, 0, 0x80070002,
                       registered + 36050000000)


TASK_XML = """<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Date>2024-03-01T10:15:30</Date><Author>CORP\\mallory</Author><URI>\\Updater</URI></RegistrationInfo>
  <Triggers><LogonTrigger><Enabled>true</Enabled></LogonTrigger>
    <CalendarTrigger><StartBoundary>2024-03-01T09:00:00Z</StartBoundary><ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger></Triggers>
  <Principals><Principal id="Author"><UserId>S-1-5-18</UserId><RunLevel>HighestAvailable</RunLevel></Principal></Principals>
  <Settings><Hidden>true</Hidden><ExecutionTimeLimit>PT1H</ExecutionTimeLimit></Settings>
  <Actions Context="Author"><Exec><Command>%SystemRoot%\\System32\\notepad.exe</Command><Arguments>-k</Arguments></Exec>
    <ComHandler><ClassId>{A6BA00FE-40E8-477C-B713-C64A14F16AEB}</ClassId></ComHandler></Actions>
</Task>
"""


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    seeds = {
        "legacy.job": job_file(),
        "dynamic-info.bin": dynamic_info(),
        "task-utf16.xml": b"\xff\xfe" + TASK_XML.encode("utf-16-le"),
        "task-utf8.xml": TASK_XML.replace("UTF-16", "UTF-8").encode("utf-8"),
    }
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
