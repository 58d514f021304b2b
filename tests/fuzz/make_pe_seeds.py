#!/usr/bin/env python3
"""Writes small, well-formed PE images into a folder, as seeds for fuzz_pe_info.

Linux machines have no PE files to seed from, and binaries must not be committed, so the seeds are
built here from the format's layout: a PE32+ executable with one import by name and one by ordinal,
the same as a DLL with an export table, and a truncated copy (headers only).

Usage: make_pe_seeds.py OUTDIR
"""
import os
import struct
import sys

FILE_ALIGN = 0x200
SECT_ALIGN = 0x1000


def section_header(name, vsize, va, raw_size, raw_ptr, characteristics):
    return struct.pack("<8sIIIIIIHHI", name, vsize, va, raw_size, raw_ptr, 0, 0, 0, 0,
                       characteristics)


def data_section(is_dll):
    """The .rdata section at RVA 0x2000: import table, and for a DLL an export table."""
    base = 0x2000
    buf = bytearray(FILE_ALIGN)
    # Import descriptor (ILT, time, forwarder, name, IAT) + a zero terminator.
    struct.pack_into("<IIIII", buf, 0x00, base + 0x40, 0, 0, base + 0xA0, base + 0x60)
    for table in (0x40, 0x60):  # ILT and IAT: one import by name, one by ordinal (#5)
        struct.pack_into("<QQQ", buf, table, base + 0x80, 0x8000000000000005, 0)
    struct.pack_into("<H", buf, 0x80, 0x0120)
    buf[0x82:0x82 + 12] = b"ExitProcess\0"
    buf[0xA0:0xA0 + 13] = b"KERNEL32.dll\0"
    if is_dll:
        # Export directory: name, base 1, 1 function, 1 name, function/name/ordinal tables.
        struct.pack_into("<IIHHIIIIIII", buf, 0x100, 0, 0x5F000000, 0, 0, base + 0x150, 1, 1, 1,
                         base + 0x130, base + 0x134, base + 0x138)
        struct.pack_into("<IIH", buf, 0x130, 0x1000, base + 0x140, 0)
        buf[0x140:0x144] = b"Run\0"
        buf[0x150:0x159] = b"seed.dll\0"
    return bytes(buf)


def image(is_dll):
    e_lfanew = 0x80
    dos = bytearray(e_lfanew)
    dos[0:2] = b"MZ"
    struct.pack_into("<I", dos, 0x3C, e_lfanew)
    characteristics = 0x0022 | (0x2000 if is_dll else 0)
    coff = struct.pack("<HHIIIHH", 0x8664, 2, 0x5F000000, 0, 0, 240, characteristics)
    dirs = [(0, 0)] * 16
    dirs[1] = (0x2000, 40)
    if is_dll:
        dirs[0] = (0x2100, 0x60)
    opt = struct.pack("<HBBIIIII", 0x20B, 14, 0, FILE_ALIGN, FILE_ALIGN, 0, 0x1000, 0x1000)
    opt += struct.pack("<QII", 0x140000000, SECT_ALIGN, FILE_ALIGN)
    opt += struct.pack("<HHHHHHI", 6, 0, 0, 0, 6, 0, 0)
    opt += struct.pack("<IIIHH", 0x3000, 0x200, 0, 3, 0x8160)  # size, headers, checksum, CUI
    opt += struct.pack("<QQQQII", 0x100000, 0x1000, 0x100000, 0x1000, 0, 16)
    opt += b"".join(struct.pack("<II", rva, size) for rva, size in dirs)
    assert len(opt) == 240
    sections = section_header(b".text", 0x10, 0x1000, FILE_ALIGN, 0x200, 0x60000020)
    sections += section_header(b".rdata", 0x200, 0x2000, FILE_ALIGN, 0x400, 0x40000040)
    headers = bytes(dos) + b"PE\0\0" + coff + opt + sections
    headers += bytes(FILE_ALIGN - len(headers))
    text = (b"\x48\x31\xc0\xc3" + bytes(range(256)) * 2)[:FILE_ALIGN]
    return headers + text + data_section(is_dll)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    seeds = {"seed.exe": image(False), "seed.dll": image(True), "seed-headers.exe": image(False)[:0x200]}
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
