# by_add_module(NAME SOURCES ... DEPS ...): one static library per src/<folder>, named by_<folder>.
function(by_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(by_${name} STATIC ${ARG_SOURCES})
  target_include_directories(by_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(by_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# by_add_test(NAME SOURCES ... DEPS ... LABELS unit|pg|redis|sandbox|e2e [ENV K=V ...])
function(by_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS;ENV" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "BY_SOURCE_DIR=${PROJECT_SOURCE_DIR};BY_SHARED_DIR=${PROJECT_SOURCE_DIR}/contracts;${ARG_ENV}")
endfunction()

# by_add_test_variant(NAME EXE LABELS ... ENV ...): the same test program run again under other settings
# (e.g. the storage suite against PostgreSQL).
function(by_add_test_variant name exe)
  cmake_parse_arguments(ARG "" "TIMEOUT" "LABELS;ENV" ${ARGN})
  add_test(NAME ${name} COMMAND ${exe})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "BY_SOURCE_DIR=${PROJECT_SOURCE_DIR};BY_SHARED_DIR=${PROJECT_SOURCE_DIR}/contracts;${ARG_ENV}")
endfunction()
