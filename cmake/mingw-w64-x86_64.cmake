# CMake toolchain file: cross-build for 64-bit Windows with Debian 12's mingw-w64 (posix threads).
#
#   cmake -S . -B build-win -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64-x86_64.cmake \
#         -DIOCSCAN_DEPS_PREFIX=$PWD/.deps/mingw        (prefix built by scripts/build-mingw-deps.sh)
#
# Packages: g++-mingw-w64-x86-64-posix, libz-mingw-w64-dev; wine (+ wine64) to run the .exe tests
# (scripts/install-deps.sh --windows). The -posix compilers are the ones with std::thread/std::mutex.
#
# Libraries, headers and packages are looked up only under /usr/x86_64-w64-mingw32 and
# IOCSCAN_DEPS_PREFIX; programs only on the build machine. /usr/include is never on the include path
# (it holds glibc's headers): header-only libraries come from ${IOCSCAN_DEPS_PREFIX}/header-only.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(IOCSCAN_MINGW_TRIPLET x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${IOCSCAN_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${IOCSCAN_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${IOCSCAN_MINGW_TRIPLET}-windres)

# try_compile() projects re-read this file without the cache: hand the prefix on to them.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES IOCSCAN_DEPS_PREFIX)

set(CMAKE_FIND_ROOT_PATH /usr/${IOCSCAN_MINGW_TRIPLET})
if(IOCSCAN_DEPS_PREFIX)
  list(APPEND CMAKE_FIND_ROOT_PATH "${IOCSCAN_DEPS_PREFIX}")
  # pkg-config: only the cross prefix and mingw's own .pc files (zlib.pc), never the build
  # machine's /usr/lib/x86_64-linux-gnu/pkgconfig.
  set(ENV{PKG_CONFIG_LIBDIR}
    "${IOCSCAN_DEPS_PREFIX}/lib/pkgconfig:/usr/${IOCSCAN_MINGW_TRIPLET}/lib/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# ctest / add_test run the .exe files under Wine when it is installed (launcher: `wine`; Debian's
# wine64 package has no `wine64` command on PATH). Set WINEPREFIX / WINEDEBUG=-all in the environment.
if(NOT CMAKE_CROSSCOMPILING_EMULATOR)
  find_program(IOCSCAN_WINE wine)
  if(IOCSCAN_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${IOCSCAN_WINE})
  endif()
endif()
