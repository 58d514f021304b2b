#!/usr/bin/env python3
"""Writes small ZIP collections of IOC files into a folder, as seeds for fuzz_zip_load.

ZIPs are not committed; they are built here from the IOC files found in the given folders
(*.ioc, *.xml), in the shapes the loader must handle: deflated and stored entries, nested folders,
a non-IOC entry beside IOCs, an empty archive. Each archive stays under MAX_BYTES so libFuzzer
keeps it whole.

Usage: make_zip_seeds.py OUTDIR DIR...
"""
import os
import sys
import zipfile

MAX_BYTES = 200 * 1024
PER_ZIP = 6


def ioc_files(dirs):
    found = []
    for top in dirs:
        for root, _, names in os.walk(top):
            for name in sorted(names):
                if name.lower().endswith((".ioc", ".xml")):
                    path = os.path.join(root, name)
                    if os.path.getsize(path) <= MAX_BYTES // 2:
                        found.append(path)
    return sorted(found)


def write_zip(path, members, compression):
    with zipfile.ZipFile(path, "w", compression) as z:
        for arcname, data in members:
            z.writestr(arcname, data)
    if os.path.getsize(path) > MAX_BYTES:
        os.remove(path)


def main():
    out, dirs = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    files = ioc_files(d for d in dirs if os.path.isdir(d))
    write_zip(os.path.join(out, "empty.zip"), [], zipfile.ZIP_STORED)
    for i in range(0, len(files), PER_ZIP):
        chunk = files[i:i + PER_ZIP]
        members = []
        for n, path in enumerate(chunk):
            with open(path, "rb") as f:
                data = f.read()
            folder = "iocs/" if n % 2 else "iocs/nested/deeper/"
            members.append((folder + "%d-%s" % (n, os.path.basename(path)), data))
        members.append(("README.txt", b"not an IOC\n"))
        mode = zipfile.ZIP_DEFLATED if (i // PER_ZIP) % 2 == 0 else zipfile.ZIP_STORED
        write_zip(os.path.join(out, "collection-%03d.zip" % (i // PER_ZIP)), members, mode)


if __name__ == "__main__":
    main()
