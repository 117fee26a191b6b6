# Uzum adapter (seller OpenAPI + seller-cabinet automation). Included by src/marketplaces/CMakeLists.txt;
# paths are relative to src/marketplaces/. Needs BY_BROWSER_SOURCES (browser/sources.cmake) in the same library.
set(BY_UZUM_SOURCES
  uzum/uzum_api.cpp
  uzum/uzum_cabinet.cpp
  uzum/uzum_adapter.cpp)
