# Third-party libraries, all from Debian 12 packages (see scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

find_package(ICU REQUIRED COMPONENTS uc i18n)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
find_package(dnnl CONFIG REQUIRED)
find_package(OpenMP REQUIRED)  # oneDNN's runtime; sift pins its thread count
find_package(fmt REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
# libzip's CMake config needs its command-line tools; pkg-config does not.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
find_package(EXPAT REQUIRED)
find_package(ZLIB REQUIRED)  # the digest browser test decodes screenshots

# Xapian's CMake config sets variables only; wrap them in a target.
find_package(xapian CONFIG REQUIRED)
add_library(sift_xapian INTERFACE)
target_include_directories(sift_xapian SYSTEM INTERFACE ${XAPIAN_INCLUDE_DIR})
target_link_libraries(sift_xapian INTERFACE ${XAPIAN_LIBRARIES})

# libcsv ships neither CMake config nor pkg-config file.
find_path(LIBCSV_INCLUDE_DIR csv.h REQUIRED)
find_library(LIBCSV_LIBRARY NAMES csv REQUIRED)
add_library(sift_libcsv INTERFACE)
target_include_directories(sift_libcsv SYSTEM INTERFACE ${LIBCSV_INCLUDE_DIR})
target_link_libraries(sift_libcsv INTERFACE ${LIBCSV_LIBRARY})
find_package(OpenSSL REQUIRED COMPONENTS Crypto)  # libssl-dev: SHA-256 of input files
