// A call's caller attributes, bounded. The live adapter reads them for PF-1 only (profile flags) and keeps them in
// the persisted snapshot; a connector may send thousands. The attributes PF-1 reads are always kept; the others are
// kept up to a count and a size, in the order they arrive (key order within one event), and the rest dropped.
#include "adapter/profile_flags.h"
#include "live/flows.h"

namespace adapter::live {
namespace {

std::size_t attributeBytes(const std::string& key, const CallerAttributes& value) {
  return key.size() + value.dump(-1, ' ', false, CallerAttributes::error_handler_t::replace).size();
}

}  // namespace

int mergeCallAttributes(CallerAttributes& attributes, const CallerAttributes& incoming) {
  std::size_t count = 0, bytes = 0;
  for (const auto& [key, value] : attributes.items()) {
    if (isProfileFlagAttribute(key)) continue;
    count++;
    bytes += attributeBytes(key, value);
  }
  int dropped = 0;
  for (const auto& [key, value] : incoming.items()) {
    if (isProfileFlagAttribute(key)) {
      attributes[key] = value;
      continue;
    }
    std::size_t size = attributeBytes(key, value);
    auto existing = attributes.find(key);
    std::size_t replaced = existing == attributes.end() ? 0 : attributeBytes(key, *existing);
    bool fits = bytes - replaced + size <= kMaxCallAttributeBytes &&
                (existing != attributes.end() || count < kMaxCallAttributes);
    if (!fits) {
      dropped++;
      continue;
    }
    if (existing == attributes.end()) count++;
    bytes = bytes - replaced + size;
    attributes[key] = value;
  }
  return dropped;
}

}  // namespace adapter::live
