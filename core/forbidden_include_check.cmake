# Fails when a file of a folder includes a header it must not (the sibling of layer_check.cmake,
# for folders above core). The GUI's rule: ui/ reaches the engine only through a Backend, so no
# file of it includes "storage/engine.h" (docs/architecture.md, "The GUI's data path").
# Run as: cmake -DSOURCE_DIR=<dir> -DSHOWN=<name in messages> "-DFORBIDDEN=a.h;b/c.h"
#               "-DREASON=<why>" -P forbidden_include_check.cmake
if(NOT SOURCE_DIR OR NOT SHOWN OR NOT FORBIDDEN)
  message(FATAL_ERROR "forbidden_include_check.cmake needs SOURCE_DIR, SHOWN and FORBIDDEN")
endif()

set(violations "")
file(GLOB_RECURSE sources "${SOURCE_DIR}/*.h" "${SOURCE_DIR}/*.cc")
foreach(source IN LISTS sources)
  file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]")
  foreach(line IN LISTS includes)
    string(REGEX MATCH "[\"<]([^\">]+)[\">]" header "${line}")
    list(FIND FORBIDDEN "${CMAKE_MATCH_1}" forbidden_index)
    if(NOT forbidden_index EQUAL -1)
      file(RELATIVE_PATH shown "${SOURCE_DIR}" "${source}")
      list(APPEND violations "${SHOWN}/${shown} includes ${header}")
    endif()
  endforeach()
endforeach()

if(violations)
  list(LENGTH violations violation_count)
  string(REPLACE ";" "\n  " listed "${violations}")
  message(FATAL_ERROR "Include check: ${violation_count} forbidden include(s) in ${SHOWN}/. "
                      "${REASON}\n  ${listed}")
endif()
