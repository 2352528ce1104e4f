#pragma once
// Reads the fuzzer's bytes as small choices (which event, which call, how much time passes). Past the end every
// read answers 0, so any prefix of an input is itself a valid, shorter input (libFuzzer's mutations stay useful).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fuzz {

class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  bool empty() const { return pos_ >= size_; }
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  // One of n choices (n > 0).
  std::size_t pick(std::size_t n) { return byte() % n; }
  bool flag() { return byte() & 1; }
  // Up to max bytes taken as they are (raw text for the parsers).
  std::string_view bytes(std::size_t max) {
    std::size_t n = pos_ < size_ ? size_ - pos_ : 0;
    if (n > max) n = max;
    std::string_view out(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return out;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

template <typename T, std::size_t N>
const T& pickFrom(ByteReader& in, const T (&options)[N]) {
  return options[in.pick(N)];
}

}  // namespace fuzz
