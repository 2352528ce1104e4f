# Under Emscripten, Debian's CMake packages add /usr/include, which would pull glibc headers into the WASM
# build. adapter_stage_headers(<target> <name> <dir>) makes an INTERFACE target whose include folder, in the
# build tree, holds only a link <name> -> <dir>.
function(adapter_stage_headers target name dir)
  set(stage "${CMAKE_BINARY_DIR}/staged-include/${target}")
  if(NOT EXISTS "${stage}/${name}")
    if(NOT EXISTS "${dir}")
      message(FATAL_ERROR "${dir} not found: run scripts/setup")
    endif()
    file(MAKE_DIRECTORY "${stage}")
    file(CREATE_LINK "${dir}" "${stage}/${name}" SYMBOLIC)
  endif()
  add_library(${target} INTERFACE)
  target_include_directories(${target} SYSTEM INTERFACE "${stage}")
endfunction()
