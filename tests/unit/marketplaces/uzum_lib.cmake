# Sets BY_UZUM_LIB: the library holding BY_BROWSER_SOURCES and BY_UZUM_SOURCES. That is by_marketplaces once
# src/marketplaces/CMakeLists.txt builds them (it sets BY_MARKETPLACES_HAS_UZUM in the cache), else a
# stand-in built once from the same source lists. Included by the unit and the integration test folders.
if(TARGET by_marketplaces AND BY_MARKETPLACES_HAS_UZUM)
  set(BY_UZUM_LIB by_marketplaces)
else()
  if(NOT TARGET by_uzum_standalone)
    include(${PROJECT_SOURCE_DIR}/src/marketplaces/browser/sources.cmake)
    include(${PROJECT_SOURCE_DIR}/src/marketplaces/uzum/sources.cmake)
    set(by_uzum_standalone_srcs ${BY_BROWSER_SOURCES} ${BY_UZUM_SOURCES})
    list(TRANSFORM by_uzum_standalone_srcs PREPEND ${PROJECT_SOURCE_DIR}/src/marketplaces/)
    add_library(by_uzum_standalone STATIC ${by_uzum_standalone_srcs})
    target_include_directories(by_uzum_standalone PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(by_uzum_standalone PUBLIC by_core by_obs by_net by_vault nlohmann_json::nlohmann_json)
  endif()
  set(BY_UZUM_LIB by_uzum_standalone)
endif()
