# sift_library(NAME SOURCES... ) declares one module library: public headers in
# <dir>/include, sources in <dir>/src, strict warnings for our own code.
set(SIFT_WARNINGS -Wall -Wextra -Wpedantic)

function(sift_library name)
  add_library(${name} STATIC ${ARGN})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                     PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE ${SIFT_WARNINGS})
endfunction()
