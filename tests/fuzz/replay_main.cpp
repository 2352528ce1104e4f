// Replays files through LLVMFuzzerTestOneInput so a fuzz target runs as a regression test under any compiler.
// Arguments are files or folders. A file inside a folder named after a function (tests/fixtures/planOutbound/x.json)
// is sent to that function (the functions target reads "<function>\n<request>").
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "adapter/call.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

void replay(const fs::path& file, std::size_t& count) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string input = buf.str();
  std::string folder = file.parent_path().filename().string();
  if (adapter::isFunction(folder)) input = folder + "\n" + input;
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  ++count;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    fs::path path(argv[i]);
    if (fs::is_directory(path)) {
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) replay(entry.path(), count);
      }
    } else {
      replay(path, count);
    }
  }
  std::cout << "replayed " << count << " inputs, every property held\n";
  return count > 0 ? 0 : 1;
}
