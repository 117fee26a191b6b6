# Uzum adapter and browser automation: unit tests (label unit). Included from this folder's CMakeLists.txt.
include(${CMAKE_CURRENT_LIST_DIR}/uzum_lib.cmake)

by_add_test(uzum_webdriver_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/browser_webdriver_test.cpp ${CMAKE_CURRENT_LIST_DIR}/browser_fake_chromedriver.cpp
  DEPS ${BY_UZUM_LIB} by_net PkgConfig::HTTPLIB Threads::Threads
  LABELS unit)
by_add_test(uzum_api_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/uzum_api_test.cpp
  DEPS ${BY_UZUM_LIB} by_net PkgConfig::HTTPLIB Threads::Threads
  LABELS unit)
