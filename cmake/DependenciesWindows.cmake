# Dependencies of the Windows cross build (cmake/mingw-w64-x86_64.cmake): static tinyxml2, libzip,
# re2 and sqlite3 cross-built from Debian's source packages by scripts/build-mingw-deps.sh into
# IOCSCAN_DEPS_PREFIX, zlib from libz-mingw-w64-dev, and the header-only libraries from
# IOCSCAN_DEPS_PREFIX/header-only (never /usr/include, which holds glibc's headers). Hashing uses the
# OS's CNG (bcrypt.dll, lib/platform/windows/cng_digest.cc), so OpenSSL is not needed.
#
# The link is fully static (-static: mingw also ships libz.dll.a and libwinpthread's import
# library), so iocscan.exe imports only DLLs that Windows ships.
if(NOT IOCSCAN_DEPS_PREFIX)
  message(FATAL_ERROR "The Windows build needs -DIOCSCAN_DEPS_PREFIX=<prefix of scripts/build-mingw-deps.sh>")
endif()
find_package(Threads REQUIRED)
foreach(lib tinyxml2 zip re2 sqlite3)
  if(NOT EXISTS "${IOCSCAN_DEPS_PREFIX}/lib/lib${lib}.a")
    message(FATAL_ERROR "No ${IOCSCAN_DEPS_PREFIX}/lib/lib${lib}.a: run scripts/build-mingw-deps.sh")
  endif()
endforeach()

add_library(iocscan_deps INTERFACE)
target_compile_definitions(iocscan_deps INTERFACE IOCSCAN_VERSION="${PROJECT_VERSION}"
  FMT_HEADER_ONLY TOML_HEADER_ONLY=1 UNICODE _UNICODE WIN32_LEAN_AND_MEAN NOMINMAX _WIN32_WINNT=0x0601)
target_include_directories(iocscan_deps SYSTEM INTERFACE
  "${IOCSCAN_DEPS_PREFIX}/include" "${IOCSCAN_DEPS_PREFIX}/header-only")
target_link_directories(iocscan_deps INTERFACE "${IOCSCAN_DEPS_PREFIX}/lib")
# System DLLs only (the CI checks the import table): what the Windows sources and collectors call.
target_link_libraries(iocscan_deps INTERFACE tinyxml2 zip re2 sqlite3 z bcrypt advapi32 iphlpapi wevtapi netapi32
  dnsapi psapi ole32 oleaut32 userenv version ws2_32 Threads::Threads)
add_link_options(-static -static-libgcc -static-libstdc++)

# Catch2 v2 is header-only; its CMake helpers (catch_discover_tests) come from the build machine and
# run the test .exe under CMAKE_CROSSCOMPILING_EMULATOR (wine).
add_library(Catch2::Catch2 INTERFACE IMPORTED)
set_target_properties(Catch2::Catch2 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${IOCSCAN_DEPS_PREFIX}/header-only")
list(APPEND CMAKE_MODULE_PATH /usr/lib/cmake/Catch2)
