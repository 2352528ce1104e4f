# Flags live on INTERFACE targets that other targets link, never in global variables.

add_library(adapter_warnings INTERFACE)
target_compile_options(adapter_warnings INTERFACE -Wall -Wextra -Werror -Wshadow -Wconversion -Wno-sign-conversion)

add_library(adapter_options INTERFACE)

# Build time (docs/decisions.md D385): the core, the Catch2 suite and the fuzz support each compile as a few unity
# translation units, so nlohmann/json's and Catch2's templates are instantiated once per chunk instead of once per
# file. Off for clang-tidy's compile_commands.json (the lint preset), which must name every source file.
option(ADAPTER_UNITY_BUILD "Compile the larger targets as unity translation units" ON)
set(ADAPTER_UNITY_BATCH 8 CACHE STRING "Source files per unity translation unit (0: one per target)")
function(adapter_unity_build target)
  if(ADAPTER_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${ADAPTER_UNITY_BATCH})
  endif()
endfunction()
target_compile_features(adapter_options INTERFACE cxx_std_17)

# Measuring alternatives (bench/size.mjs): replaces the WebAssembly exception mode, -O level and LTO below on compile
# and link, e.g. "-fexceptions -Oz -flto". Empty (the default) builds exactly what ships.
set(ADAPTER_WASM_CODEGEN "" CACHE STRING "WebAssembly code generation flags replacing the shipped ones (bench only)")

if(EMSCRIPTEN AND NOT ADAPTER_WASM_CODEGEN STREQUAL "")
  separate_arguments(_wasm_codegen UNIX_COMMAND "${ADAPTER_WASM_CODEGEN}")
  target_compile_options(adapter_options INTERFACE ${_wasm_codegen} -fno-rtti)
  target_link_options(adapter_options INTERFACE ${_wasm_codegen} -fno-rtti)
elseif(EMSCRIPTEN)
  # One exception mode for every WebAssembly translation unit: native wasm exceptions. Emscripten 3.1.6
  # disables catching by default, which would let a bad request kill the module (see docs/decisions.md).
  target_compile_options(adapter_options INTERFACE -fwasm-exceptions)
  target_link_options(adapter_options INTERFACE -fwasm-exceptions)
  # Size (the gzip budget in wasm/bindings/CMakeLists.txt). No RTTI: nothing uses typeid or dynamic_cast, and
  # thrown and caught types still get their type_info.
  target_compile_options(adapter_options INTERFACE -fno-rtti)
  target_link_options(adapter_options INTERFACE -fno-rtti)
  # The shipped module (MinSizeRel): -Oz instead of CMake's -Os, and link-time optimisation across the core. Not for
  # a test driver (the ADAPTER_TEST_DRIVER property): the Catch2 suite under node needs the core's behaviour, not its
  # size, and -Oz with LTO over the whole suite was the longest step of the WebAssembly build.
  set(_shipped_code "$<AND:$<CONFIG:MinSizeRel>,$<NOT:$<BOOL:$<TARGET_PROPERTY:ADAPTER_TEST_DRIVER>>>>")
  target_compile_options(adapter_options INTERFACE "$<${_shipped_code}:-Oz;-flto>")
  target_link_options(adapter_options INTERFACE "$<${_shipped_code}:-Oz;-flto>")
endif()

if(ADAPTER_SANITIZE)
  set(_sanitizers -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(adapter_options INTERFACE ${_sanitizers})
  target_link_options(adapter_options INTERFACE ${_sanitizers})
endif()

# The fuzz build's sanitizers (docs/fuzzing.md "Speed"): ASan + UBSan by default; the long runs' throughput build
# (fuzz-fast) has none, and scripts/fuzz replays what it kept under ASan + UBSan (D393). Empty: coverage only.
set(ADAPTER_FUZZ_SANITIZERS "address,undefined" CACHE STRING "Sanitizers of the fuzz build, besides libFuzzer's")
# Functions left without coverage instrumentation (a -fsanitize-coverage-ignorelist file), or empty for none.
set(ADAPTER_FUZZ_COVERAGE_IGNORE "" CACHE FILEPATH "Coverage ignorelist of the fuzz build")
# libFuzzer's comparison hooks on every integer compare (-fsanitize-coverage=trace-cmp); off in fuzz-fast (D393).
option(ADAPTER_FUZZ_TRACE_CMP "Comparison hooks in the fuzz build" ON)

if(ADAPTER_FUZZ)
  # Coverage instrumentation for everything the fuzz target reaches; the target itself links libFuzzer.
  if(ADAPTER_FUZZ_SANITIZERS)
    set(_fuzz_flags -fsanitize=fuzzer-no-link,${ADAPTER_FUZZ_SANITIZERS} -fno-sanitize-recover=all)
    target_link_options(adapter_options INTERFACE -fsanitize=${ADAPTER_FUZZ_SANITIZERS})
  else()
    set(_fuzz_flags -fsanitize=fuzzer-no-link)
  endif()
  list(APPEND _fuzz_flags -fno-omit-frame-pointer)
  if(NOT ADAPTER_FUZZ_TRACE_CMP)
    list(APPEND _fuzz_flags -fno-sanitize-coverage=trace-cmp)
  endif()
  if(ADAPTER_FUZZ_COVERAGE_IGNORE)
    list(APPEND _fuzz_flags -fsanitize-coverage-ignorelist=${ADAPTER_FUZZ_COVERAGE_IGNORE})
  endif()
  target_compile_options(adapter_options INTERFACE ${_fuzz_flags})
endif()
