#include "digit_regex.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace adapter::digit_regex {
namespace {

constexpr std::uint16_t kAllDigits = 0x3FF;
constexpr long kMaxSteps = 200000;  // a bound for pathological input; the metadata needs far fewer
constexpr int kMaxRepeat = 64;

struct Node {
  enum Kind { Set, Seq, Alt, Group, Repeat, End } kind = Seq;
  std::uint16_t mask = 0;
  int group = -1;  // Group: capture index (0-based), or -1 for (?:...)
  int min = 1, max = 1;
  std::vector<Node> children;
};

Node make(Node::Kind kind, std::uint16_t mask = 0) {
  Node n;
  n.kind = kind;
  n.mask = mask;
  return n;
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  bool parse(Node& root, int& groups) {
    root = alternation();
    groups = groups_;
    return ok_ && i_ == s_.size();
  }

 private:
  bool more() const { return i_ < s_.size(); }
  char peek() const { return s_[i_]; }
  void fail() { ok_ = false; }

  Node alternation() {
    Node alt = make(Node::Alt);
    alt.children.push_back(sequence());
    while (ok_ && more() && peek() == '|') {
      ++i_;
      alt.children.push_back(sequence());
    }
    if (alt.children.size() == 1) return std::move(alt.children[0]);
    return alt;
  }

  Node sequence() {
    Node seq = make(Node::Seq);
    while (ok_ && more() && peek() != '|' && peek() != ')') {
      Node a = atom();
      if (!ok_) break;
      quantifier(a);
      seq.children.push_back(std::move(a));
    }
    return seq;
  }

  Node atom() {
    char c = s_[i_++];
    if (c >= '0' && c <= '9') return make(Node::Set, static_cast<std::uint16_t>(1u << (c - '0')));
    if (c == '$') return make(Node::End);
    if (c == '\\') {
      if (more() && peek() == 'd') {
        ++i_;
        return make(Node::Set, kAllDigits);
      }
      fail();
      return make(Node::Seq);
    }
    if (c == '[') return charClass();
    if (c == '(') {
      Node g = make(Node::Group);
      if (s_.substr(i_, 2) == "?:") {
        i_ += 2;
      } else {
        g.group = groups_++;
      }
      g.children.push_back(alternation());
      if (!more() || peek() != ')') {
        fail();
        return g;
      }
      ++i_;
      return g;
    }
    fail();
    return make(Node::Seq);
  }

  Node charClass() {
    std::uint16_t mask = 0;
    while (more() && peek() != ']') {
      char from = s_[i_++];
      if (from == '\\' && more() && peek() == 'd') {
        ++i_;
        mask |= kAllDigits;
        continue;
      }
      if (from < '0' || from > '9') {
        fail();
        return make(Node::Seq);
      }
      char to = from;
      if (i_ + 1 < s_.size() && peek() == '-' && s_[i_ + 1] != ']') {
        to = s_[i_ + 1];
        i_ += 2;
        if (to < from || to > '9') {
          fail();
          return make(Node::Seq);
        }
      }
      for (char d = from; d <= to; ++d) mask |= static_cast<std::uint16_t>(1u << (d - '0'));
    }
    if (!more()) {
      fail();
      return make(Node::Seq);
    }
    ++i_;  // ]
    return make(Node::Set, mask);
  }

  int number() {
    int n = 0;
    bool any = false;
    while (more() && peek() >= '0' && peek() <= '9') {
      n = n * 10 + (s_[i_++] - '0');
      any = true;
      if (n > kMaxRepeat) fail();
    }
    if (!any) fail();
    return n;
  }

  void quantifier(Node& a) {
    if (!more()) return;
    int min = 1, max = 1;
    if (peek() == '?') {
      ++i_;
      min = 0;
    } else if (peek() == '{') {
      ++i_;
      min = max = number();
      if (more() && peek() == ',') {
        ++i_;
        max = number();
      }
      if (!more() || peek() != '}' || max < min) {
        fail();
        return;
      }
      ++i_;
    } else {
      return;
    }
    Node r = make(Node::Repeat);
    r.min = min;
    r.max = max;
    r.children.push_back(std::move(a));
    a = std::move(r);
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int groups_ = 0;
  bool ok_ = true;
};

using Inst = Pattern::Inst;

void emit(const Node& n, std::vector<Inst>& code) {
  switch (n.kind) {
    case Node::Set: code.push_back({Inst::Set, n.mask, 0, 0}); break;
    case Node::End: code.push_back({Inst::End, 0, 0, 0}); break;
    case Node::Seq:
      for (const auto& c : n.children) emit(c, code);
      break;
    case Node::Group:
      if (n.group >= 0) code.push_back({Inst::Save, 0, 2 * n.group, 0});
      emit(n.children[0], code);
      if (n.group >= 0) code.push_back({Inst::Save, 0, 2 * n.group + 1, 0});
      break;
    case Node::Alt: {
      std::vector<std::size_t> jumps;
      for (std::size_t k = 0; k < n.children.size(); ++k) {
        std::size_t split = code.size();
        bool last = k + 1 == n.children.size();
        if (!last) code.push_back({Inst::Split, 0, static_cast<int>(split + 1), 0});
        emit(n.children[k], code);
        if (!last) {
          jumps.push_back(code.size());
          code.push_back({Inst::Jmp, 0, 0, 0});
          code[split].y = static_cast<int>(code.size());
        }
      }
      for (auto j : jumps) code[j].x = static_cast<int>(code.size());
      break;
    }
    case Node::Repeat: {
      for (int k = 0; k < n.min; ++k) emit(n.children[0], code);
      std::vector<std::size_t> splits;
      for (int k = n.min; k < n.max; ++k) {  // greedy: each further copy is tried before giving up
        splits.push_back(code.size());
        code.push_back({Inst::Split, 0, static_cast<int>(code.size() + 1), 0});
        emit(n.children[0], code);
      }
      for (auto s : splits) code[s].y = static_cast<int>(code.size());
      break;
    }
  }
}

class Runner {
 public:
  Runner(const std::vector<Inst>& code, std::string_view text, bool whole, int groups)
      : code_(code), text_(text), whole_(whole), slots_(static_cast<std::size_t>(2 * groups), -1) {}

  std::optional<Match> run() {
    if (!step(0, 0)) return std::nullopt;
    Match m;
    m.end = end_;
    m.groups = slots_;
    return m;
  }

 private:
  bool step(int pc, std::size_t sp) {
    for (;;) {
      if (++steps_ > kMaxSteps) return false;
      const Inst& in = code_[static_cast<std::size_t>(pc)];
      switch (in.op) {
        case Inst::Set:
          if (sp < text_.size() && text_[sp] >= '0' && text_[sp] <= '9' && ((in.mask >> (text_[sp] - '0')) & 1)) {
            ++pc;
            ++sp;
            break;
          }
          return false;
        case Inst::Jmp: pc = in.x; break;
        case Inst::Split:
          if (step(in.x, sp)) return true;
          pc = in.y;
          break;
        case Inst::Save: {
          auto& slot = slots_[static_cast<std::size_t>(in.x)];
          int old = slot;
          slot = static_cast<int>(sp);
          if (step(pc + 1, sp)) return true;
          slot = old;
          return false;
        }
        case Inst::End:
          if (sp != text_.size()) return false;
          ++pc;
          break;
        case Inst::Accept:
          if (whole_ && sp != text_.size()) return false;
          end_ = sp;
          return true;
      }
    }
  }

  const std::vector<Inst>& code_;
  std::string_view text_;
  bool whole_;
  std::vector<int> slots_;
  std::size_t end_ = 0;
  long steps_ = 0;
};

}  // namespace

std::string_view Match::group(std::string_view text, int n) const {
  if (n < 1) return {};
  const auto at = 2 * static_cast<std::size_t>(n - 1);
  if (at + 1 >= groups.size() || groups[at] < 0 || groups[at + 1] < 0) return {};
  return text.substr(static_cast<std::size_t>(groups[at]), static_cast<std::size_t>(groups[at + 1] - groups[at]));
}

Pattern::Pattern(std::string_view source) {
  Node root;
  Parser parser(source);
  if (!parser.parse(root, groups_)) return;
  emit(root, code_);
  code_.push_back({Inst::Accept, 0, 0, 0});
  ok_ = true;
}

std::optional<Match> Pattern::matchStart(std::string_view text, bool whole) const {
  if (!ok_) return std::nullopt;
  return Runner(code_, text, whole, groups_).run();
}

const Pattern& compiled(std::string_view source) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Pattern>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(source);
  if (it == cache.end()) it = cache.emplace(std::string(source), std::make_unique<Pattern>(source)).first;
  return *it->second;
}

bool matchesEntirely(std::string_view text, std::string_view source) {
  return compiled(source).matchStart(text, true).has_value();
}

bool matchesAtStart(std::string_view text, std::string_view source) {
  return compiled(source).matchStart(text, false).has_value();
}

}  // namespace adapter::digit_regex
