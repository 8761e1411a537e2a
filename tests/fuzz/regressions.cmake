# The fuzz targets' seed corpora and the inputs fuzzing found (tests/fuzz/corpus/<target>,
# tests/fuzz/regressions/<target>) replayed in the normal build, so ctest catches a regression
# without clang or libFuzzer. Each target's entry point is renamed so that all of them link
# into one executable; tests/fuzz/fuzz_regressions.cc calls them.
set(fuzz_dir ${PROJECT_SOURCE_DIR}/tests/fuzz)
set(fuzz_targets dispatch expressions http_parser json_codec json_text model_file item_reader
                 scenario sigv4 aws_config)
set(fuzz_sources)
foreach(target IN LISTS fuzz_targets)
  set(source ${fuzz_dir}/fuzz_${target}.cc)
  list(APPEND fuzz_sources ${source})
  set_source_files_properties(${source} PROPERTIES
    COMPILE_DEFINITIONS "LLVMFuzzerTestOneInput=fuzzInput_${target};LLVMFuzzerInitialize=fuzzInit_${target}"
    SKIP_PRECOMPILE_HEADERS ON)
endforeach()
add_executable(fuzz_regressions ${fuzz_dir}/fuzz_regressions.cc ${fuzz_sources})
target_include_directories(fuzz_regressions PRIVATE ${PROJECT_SOURCE_DIR}/server)
target_link_libraries(fuzz_regressions PRIVATE core server core_remote)
target_compile_options(fuzz_regressions PRIVATE ${SHARDSCAPE_TEST_OPTIMIZATION})
add_test(NAME fuzz_regressions COMMAND fuzz_regressions ${fuzz_dir})
set_target_properties(fuzz_regressions PROPERTIES AUTOMOC OFF)
set_tests_properties(fuzz_regressions PROPERTIES LABELS headless)
add_dependencies(sanitizer_suites fuzz_regressions)
