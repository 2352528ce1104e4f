// A call's caller attributes, bounded. The live adapter reads them for PF-1 only (profile flags) and keeps them in
// the persisted snapshot; a connector may send thousands. The attributes PF-1 reads are always kept; the others are
// kept up to a count and a size, in the order they arrive, and the rest dropped (D120). An event's are bounded while
// it is parsed (D340), so the ones past the bound are never built.
#include <algorithm>

#include "adapter/profile_flags.h"
#include "live/flows.h"
#include "live_edge/edge.h"

namespace adapter::live {
namespace {

std::size_t attributeBytes(const std::string& key, const CallerAttributes& value) {
  return key.size() + value.dump(-1, ' ', false, CallerAttributes::error_handler_t::replace).size();
}

}  // namespace

AttributeTally::AttributeTally(const CallerAttributes& held) {
  for (const auto& [key, value] : held.items()) {
    if (isProfileFlagAttribute(key)) continue;
    std::size_t size = attributeBytes(key, value);
    sizes_[key] = size;
    bytes_ += size;
  }
}

bool AttributeTally::mayKeep(const std::string& key) const {
  return isProfileFlagAttribute(key) || sizes_.size() < kMaxCallAttributes || sizes_.count(key) > 0;
}

bool AttributeTally::keep(const std::string& key, const CallerAttributes& value) {
  if (isProfileFlagAttribute(key)) return true;
  if (!mayKeep(key)) return false;
  std::size_t size = attributeBytes(key, value);
  auto existing = sizes_.find(key);
  std::size_t replaced = existing == sizes_.end() ? 0 : existing->second;
  if (bytes_ - replaced + size > kMaxCallAttributeBytes) return false;
  bytes_ = bytes_ - replaced + size;
  sizes_[key] = size;
  return true;
}

void AttributeGate::begin() {  // a repeated "attributes" replaces the first
  tally_ = AttributeTally();
  order_.clear();
  dropped_ = 0;
}

bool AttributeGate::mayKeep(const std::string& key) {
  if (tally_.mayKeep(key)) return true;
  dropped_++;
  return false;
}

bool AttributeGate::keep(const std::string& key, const InJson& value) {
  if (!tally_.keep(key, value)) {
    dropped_++;
    return false;
  }
  if (std::find(order_.begin(), order_.end(), key) == order_.end()) order_.push_back(key);
  return true;
}

IncomingAttributes AttributeGate::read(const CallerAttributes& kept) const { return {kept, order_, dropped_}; }

int mergeCallAttributes(CallerAttributes& attributes, const IncomingAttributes& incoming) {
  // Bounded already as if the call held none: a new call's attributes are the event's.
  if (attributes.empty()) {
    attributes = incoming.entries;
    return incoming.dropped;
  }
  AttributeTally tally(attributes);
  int dropped = incoming.dropped;
  for (const auto& key : incoming.order) {
    const auto& value = incoming.entries.at(key);
    if (tally.keep(key, value)) {
      attributes[key] = value;
    } else {
      dropped++;
    }
  }
  return dropped;
}

int mergeCallAttributes(CallerAttributes& attributes, const CallerAttributes& incoming) {
  AttributeTally tally(attributes);
  int dropped = 0;
  for (const auto& [key, value] : incoming.items()) {
    if (tally.keep(key, value)) {
      attributes[key] = value;
    } else {
      dropped++;
    }
  }
  return dropped;
}

}  // namespace adapter::live
