# Browser automation (W3C WebDriver client for chromedriver, session pool). Included by
# src/marketplaces/CMakeLists.txt; paths are relative to src/marketplaces/.
set(BY_BROWSER_SOURCES
  browser/webdriver_protocol.cpp
  browser/webdriver.cpp
  browser/chromedriver_process.cpp
  browser/session_pool.cpp)
