# Every dependency comes from Debian 12 packages (or, for the static build, from Debian's source
# packages built by scripts/build-static-deps.sh into IOCSCAN_DEPS_PREFIX).
#
# Target `iocscan_deps` (INTERFACE) carries them all. The link order is the order a static link
# needs: header-only libraries, then tinyxml2/libzip/re2 and their own dependencies, then libcrypto
# and the thread library last.
if(WIN32)
  include(${CMAKE_CURRENT_LIST_DIR}/DependenciesWindows.cmake)
  return()
endif()

find_package(Threads REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(PkgConfig REQUIRED)

# fmt is used header-only so the static build needs no libfmt.a.
find_package(fmt CONFIG REQUIRED)

# toml++ header-only too: Debian's CMake config points at libtomlplusplus.so (TOML_HEADER_ONLY=0),
# which has no static archive.
find_path(IOCSCAN_TOMLPP_INCLUDE_DIR toml++/toml.h)

# tinyxml2, libzip and re2 through pkg-config: Debian's libzip CMake config insists on the zipcmp
# tools being installed, and the static build points PKG_CONFIG_PATH at its own prefix.
if(IOCSCAN_DEPS_PREFIX)
  set(ENV{PKG_CONFIG_PATH} "${IOCSCAN_DEPS_PREFIX}/lib/pkgconfig:${IOCSCAN_DEPS_PREFIX}/lib/x86_64-linux-gnu/pkgconfig:$ENV{PKG_CONFIG_PATH}")
endif()
pkg_check_modules(TINYXML2 REQUIRED IMPORTED_TARGET tinyxml2)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
# sqlite3 reads browser history databases; zlib inflates rotated .gz logs.
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)

add_library(iocscan_deps INTERFACE)
target_compile_definitions(iocscan_deps INTERFACE IOCSCAN_VERSION="${PROJECT_VERSION}")
target_link_libraries(iocscan_deps INTERFACE
  CLI11::CLI11 nlohmann_json::nlohmann_json fmt::fmt-header-only)
if(IOCSCAN_TOMLPP_INCLUDE_DIR)
  target_include_directories(iocscan_deps INTERFACE ${IOCSCAN_TOMLPP_INCLUDE_DIR})
  target_compile_definitions(iocscan_deps INTERFACE TOML_HEADER_ONLY=1)
endif()

if(IOCSCAN_STATIC)
  # Each library named by the .pc files (Libs + Libs.private) as the full path of its .a, so that a
  # missing archive stops the configure step instead of turning into a silent dynamic link. Archives
  # under IOCSCAN_DEPS_PREFIX win over the system's.
  if(NOT IOCSCAN_DEPS_PREFIX)
    message(FATAL_ERROR "IOCSCAN_STATIC needs -DIOCSCAN_DEPS_PREFIX=<prefix of scripts/build-static-deps.sh>")
  endif()
  set(static_archives "")
  foreach(dep TINYXML2 LIBZIP RE2 SQLITE3 ZLIB)
    target_include_directories(iocscan_deps BEFORE INTERFACE ${${dep}_STATIC_INCLUDE_DIRS})
    foreach(lib IN LISTS ${dep}_STATIC_LIBRARIES)
      if(lib MATCHES "^(pthread|dl|rt|m)$")
        continue()  # part of glibc; Threads::Threads comes last
      endif()
      find_library(IOCSCAN_STATIC_LIB_${lib} NAMES lib${lib}.a
        PATHS ${${dep}_STATIC_LIBRARY_DIRS} "${IOCSCAN_DEPS_PREFIX}/lib" NO_DEFAULT_PATH)
      find_library(IOCSCAN_STATIC_LIB_${lib} NAMES lib${lib}.a)
      if(NOT IOCSCAN_STATIC_LIB_${lib})
        message(FATAL_ERROR "IOCSCAN_STATIC: no lib${lib}.a (needed by ${dep}); run scripts/build-static-deps.sh")
      endif()
      if(lib STREQUAL "sqlite3")
        # Debian's libsqlite3.a can load extensions, so it references dlopen, and glibc warns that a
        # static binary using dlopen needs its shared libraries at run time (the CI refuses that
        # warning). iocscan never loads SQLite extensions: link a copy whose dl* references are
        # renamed to stubs that fail (collect/history/sqlite_db.cc).
        set(nodl "${CMAKE_BINARY_DIR}/libsqlite3-nodl.a")
        execute_process(COMMAND ${CMAKE_OBJCOPY}
          --redefine-sym dlopen=iocscan_static_dlopen --redefine-sym dlsym=iocscan_static_dlsym
          --redefine-sym dlclose=iocscan_static_dlclose --redefine-sym dlerror=iocscan_static_dlerror
          ${IOCSCAN_STATIC_LIB_${lib}} ${nodl} RESULT_VARIABLE objcopy_rc)
        if(NOT objcopy_rc EQUAL 0)
          message(FATAL_ERROR "IOCSCAN_STATIC: objcopy could not rewrite ${IOCSCAN_STATIC_LIB_${lib}}")
        endif()
        list(APPEND static_archives ${nodl})
        target_compile_definitions(iocscan_deps INTERFACE IOCSCAN_SQLITE_NO_DLOPEN=1)
        continue()
      endif()
      list(APPEND static_archives ${IOCSCAN_STATIC_LIB_${lib}})
    endforeach()
  endforeach()
  message(STATUS "iocscan static archives: ${static_archives}")
  target_link_libraries(iocscan_deps INTERFACE ${static_archives})
  if(NOT OPENSSL_CRYPTO_LIBRARY MATCHES "\\.a$")
    message(FATAL_ERROR "IOCSCAN_STATIC: OpenSSL crypto is not a static archive: ${OPENSSL_CRYPTO_LIBRARY}")
  endif()
else()
  target_link_libraries(iocscan_deps INTERFACE PkgConfig::TINYXML2 PkgConfig::LIBZIP PkgConfig::RE2
    PkgConfig::SQLITE3 PkgConfig::ZLIB)
endif()
target_link_libraries(iocscan_deps INTERFACE OpenSSL::Crypto Threads::Threads)
