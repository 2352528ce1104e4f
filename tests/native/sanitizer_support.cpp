// Makes a sanitizer report fail the run even where the sanitizer would only print (belt and braces with
// -fno-sanitize-recover=all and halt_on_error).
#include <cstdio>
#include <cstdlib>

extern "C" {
void __ubsan_on_report() {
  std::fputs("UndefinedBehaviorSanitizer report: failing the test run\n", stderr);
  std::abort();
}
void __asan_on_error() { std::fputs("AddressSanitizer report: failing the test run\n", stderr); }
}
