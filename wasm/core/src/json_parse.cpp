// Request text into the DOM the readers walk: nlohmann's parser driven through its SAX interface into a DOM builder
// of our own, built as nlohmann's own parse builds it (a later duplicate key replaces the earlier value), except
// that the entries of one gated field's object are judged as they are read and the ones turned away are never built
// (a connector's 5,000 caller attributes cost their reading, not 5,000 map entries and their copies).
#include <string>
#include <vector>

#include "adapter/json_reader.h"

namespace adapter {
namespace {

void checkDepth(std::string_view text) {
  // Brackets outside strings. Cheap, and it bounds every recursive walk that follows.
  int depth = 0;
  bool inString = false;
  bool escaped = false;
  for (char c : text) {
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inString = false;
      }
      continue;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNestingDepth) {
        throw RequestError("", "nesting too deep: at most " + std::to_string(kMaxNestingDepth) + " levels");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}

// nlohmann's SAX events into an InJson. The gated object (the gate's field of the top-level object) receives each
// entry only once the gate kept it: a scalar at once, a nested value when it is complete.
class DomBuilder {
 public:
  explicit DomBuilder(EntryGate* gate) : gate_(gate) {}

  InJson& root() { return root_; }

  bool null() { return value(InJson(nullptr)); }
  bool boolean(bool v) { return value(InJson(v)); }
  bool number_integer(InJson::number_integer_t v) { return value(InJson(v)); }
  bool number_unsigned(InJson::number_unsigned_t v) { return value(InJson(v)); }
  bool number_float(InJson::number_float_t v, const std::string&) { return value(InJson(v)); }
  bool string(std::string& v) { return value(InJson(v)); }
  bool binary(InJson::binary_t& v) { return value(InJson::binary(v)); }  // never in JSON text

  bool start_object(std::size_t) { return open(InJson::value_t::object); }
  bool start_array(std::size_t) { return open(InJson::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    if (skipping_ > 0) return true;
    Frame& top = frames_.back();
    if (top.gated && !gate_->mayKeep(k)) {
      skipNext_ = true;
      return true;
    }
    top.key = k;
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  struct Frame {
    InJson* container;
    std::string key;       // an object's key whose value comes next
    bool gated = false;    // the gated field's object: its entries are read into entry_ first
    bool pending = false;  // an entry of the gated object is being read
  };

  // Consumes an event that belongs to a value turned away; true when it did.
  bool skippedValue() {
    if (skipping_ > 0) return true;
    if (!skipNext_) return false;
    skipNext_ = false;
    return true;
  }

  // Where a new value goes: the root, the end of an array, an object's key, or the gated object's entry.
  InJson* place(InJson&& v) {
    if (frames_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& top = frames_.back();
    if (top.container->is_array()) {
      top.container->push_back(std::move(v));
      return &top.container->back();
    }
    if (top.gated) {
      entry_ = std::move(v);
      top.pending = true;
      return &entry_;
    }
    InJson& slot = (*top.container)[top.key];
    slot = std::move(v);
    return &slot;
  }

  void finishEntry(Frame& gated) {
    gated.pending = false;
    if (gate_->keep(gated.key, entry_)) (*gated.container)[gated.key] = std::move(entry_);
    entry_ = InJson();
  }

  bool value(InJson&& v) {
    if (skippedValue()) return true;
    place(std::move(v));
    if (!frames_.empty() && frames_.back().pending) finishEntry(frames_.back());
    return true;
  }

  bool open(InJson::value_t type) {
    if (skipping_ > 0) {
      ++skipping_;
      return true;
    }
    if (skipNext_) {
      skipNext_ = false;
      skipping_ = 1;
      return true;
    }
    bool gated = gate_ && type == InJson::value_t::object && frames_.size() == 1 && frames_[0].container->is_object() &&
                 frames_[0].key == gate_->field();
    InJson* at = place(InJson(type));
    frames_.push_back(Frame{at, {}, gated, false});
    if (gated) gate_->begin();
    return true;
  }

  bool close() {
    if (skipping_ > 0) {
      --skipping_;
      return true;
    }
    frames_.pop_back();
    if (!frames_.empty() && frames_.back().pending) finishEntry(frames_.back());
    return true;
  }

  EntryGate* gate_;
  InJson root_;
  InJson entry_;  // the gated object's entry being read
  std::vector<Frame> frames_;
  int skipping_ = 0;       // containers open inside a value turned away
  bool skipNext_ = false;  // the next value was turned away by its key
};

}  // namespace

InJson parseRequest(std::string_view text, EntryGate* gate) {
  if (text.size() > kMaxRequestBytes) {
    throw RequestError("", "request too large: at most " + std::to_string(kMaxRequestBytes) + " bytes");
  }
  checkDepth(text);
  DomBuilder builder(gate);
  if (!InJson::sax_parse(text.begin(), text.end(), &builder)) throw RequestError("", "malformed JSON");
  if (!builder.root().is_object()) throw RequestError("", "expected a JSON object");
  return std::move(builder.root());
}

}  // namespace adapter
