# Every dependency comes from Debian 12 packages (or, for the static build, from Debian's source
# packages built by scripts/build-static-deps.sh into IOCSCAN_DEPS_PREFIX).
find_package(Threads REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(tomlplusplus CONFIG QUIET)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(PkgConfig REQUIRED)

# fmt is used header-only so the static build needs no libfmt.a.
find_package(fmt CONFIG REQUIRED)

# tinyxml2, libzip and re2 through pkg-config: Debian's libzip CMake config insists on the zipcmp
# tools being installed, and the static build points PKG_CONFIG_PATH at its own prefix.
if(IOCSCAN_DEPS_PREFIX)
  set(ENV{PKG_CONFIG_PATH} "${IOCSCAN_DEPS_PREFIX}/lib/pkgconfig:${IOCSCAN_DEPS_PREFIX}/lib/x86_64-linux-gnu/pkgconfig:$ENV{PKG_CONFIG_PATH}")
endif()
pkg_check_modules(TINYXML2 REQUIRED IMPORTED_TARGET tinyxml2)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)

add_library(iocscan_deps INTERFACE)
target_compile_definitions(iocscan_deps INTERFACE IOCSCAN_VERSION="${PROJECT_VERSION}")
target_link_libraries(iocscan_deps INTERFACE
  CLI11::CLI11 nlohmann_json::nlohmann_json fmt::fmt-header-only
  OpenSSL::Crypto Threads::Threads)
if(IOCSCAN_STATIC)
  foreach(dep TINYXML2 LIBZIP RE2)
    target_include_directories(iocscan_deps INTERFACE ${${dep}_STATIC_INCLUDE_DIRS})
    target_link_directories(iocscan_deps INTERFACE ${${dep}_STATIC_LIBRARY_DIRS})
    target_link_libraries(iocscan_deps INTERFACE ${${dep}_STATIC_LIBRARIES})
  endforeach()
else()
  target_link_libraries(iocscan_deps INTERFACE PkgConfig::TINYXML2 PkgConfig::LIBZIP PkgConfig::RE2)
endif()
if(tomlplusplus_FOUND)
  target_link_libraries(iocscan_deps INTERFACE tomlplusplus::tomlplusplus)
endif()
