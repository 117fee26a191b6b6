# Wildberries, Ozon and Yandex Market adapters: unit and contract tests (label unit). Included from this
# folder's CMakeLists.txt. Contract tests run net_contract_validate.py with /usr/bin/python3
# (python3-jsonschema, python3-yaml) against ${BY_SHARED_DIR}/marketplace-api.
by_add_test(marketplaces_api_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/adapters_wb_test.cpp ${CMAKE_CURRENT_LIST_DIR}/adapters_ozon_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/adapters_yandex_test.cpp ${CMAKE_CURRENT_LIST_DIR}/adapters_net_common_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/reasons_test.cpp
  DEPS by_marketplaces by_net by_obs
  LABELS unit)
