# nlohmann/json from Debian's nlohmann-json3-dev, as the target nlohmann_json::nlohmann_json.
if(EMSCRIPTEN)
  include(${CMAKE_CURRENT_LIST_DIR}/StageHeaders.cmake)
  adapter_stage_headers(adapter_json nlohmann /usr/include/nlohmann)
  add_library(nlohmann_json::nlohmann_json ALIAS adapter_json)
else()
  find_package(nlohmann_json 3.11 REQUIRED)
endif()
