# nlohmann/json from Debian's nlohmann-json3-dev, as the target nlohmann_json::nlohmann_json.
# Under Emscripten find_package cannot see /usr, and adding /usr/include would pull glibc headers into the
# WASM build, so a folder in the build tree holding only a link to the nlohmann headers is used instead.
if(EMSCRIPTEN)
  set(_json_stage "${CMAKE_BINARY_DIR}/json-include")
  if(NOT EXISTS "${_json_stage}/nlohmann/json.hpp")
    if(NOT EXISTS /usr/include/nlohmann/json.hpp)
      message(FATAL_ERROR "nlohmann/json.hpp not found: run scripts/setup")
    endif()
    file(MAKE_DIRECTORY "${_json_stage}")
    file(CREATE_LINK /usr/include/nlohmann "${_json_stage}/nlohmann" SYMBOLIC)
  endif()
  add_library(adapter_json INTERFACE)
  target_include_directories(adapter_json SYSTEM INTERFACE "${_json_stage}")
  add_library(nlohmann_json::nlohmann_json ALIAS adapter_json)
else()
  find_package(nlohmann_json 3.11 REQUIRED)
endif()
