#pragma once
// The properties every answer of the live adapter must have (docs/fuzzing.md "Properties"), checked by the live
// fuzz targets after each event. A failure aborts with the property's name.
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "event_text.h"
#include "fake_zendesk.h"

namespace fuzz {

// What the harness read from an answer's text without parsing it (answer_text.h). The default is an answer
// parsed whole.
struct UnparsedAnswer {
  bool sameView = false;     // the view's text is the last view's: `answer` has no view, view() stays
  std::string_view view;     // the view's text when known (the next answer's fast path)
  bool persisted = false;    // a persist effect came first; `answer`'s effects are the others
  bool stateObject = false;  // its state is a JSON object (its text was checked to be JSON)
};

class LiveProperties {
 public:
  explicit LiveProperties(const FakeZendesk& zendesk) : zendesk_(zendesk) {}

  // One answer to one event (as it was sent). `open` is every request effect not answered yet. Returns whether the
  // event was accepted (false: refused with INVALID_REQUEST); an accepted answer's view moves into view().
  bool check(const SentEvent& event, nlohmann::json& answer, const std::vector<nlohmann::json>& open,
             const UnparsedAnswer& unparsed = UnparsedAnswer());
  // A refused event changes nothing: `probe` answered a paneActivated sent right after it.
  // `sameView`: the probe's view text was the last view's (so the probe holds only its effects).
  void checkUnchanged(const nlohmann::json& probe, bool sameView = false) const;
  // A reload: the next adapter starts without a view.
  void reloaded() {
    view_ = nlohmann::json();
    viewText_.clear();
    sidebarAsks_ = 0;  // a new page: the sidebars ask again (the core keeps no ask across a reload)
  }
  const nlohmann::json& view() const { return view_; }
  // view()'s text as the adapter printed it, or empty when it came from an answer parsed whole.
  const std::string& viewText() const { return viewText_; }

 private:
  // `open`: the requests not answered yet, then those of this answer before `effect` (two creates in one answer
  // count as two), by address: the checks run on every event and must not copy the requests.
  using Requests = std::vector<const nlohmann::json*>;
  void checkEffect(const std::string& type, std::int64_t nowMs, const nlohmann::json& effect, std::size_t index,
                   const Requests& open);
  void checkWrite(const std::string& type, std::int64_t nowMs, const nlohmann::json& request, const Requests& open);
  void remember(const SentEvent& event);

  const FakeZendesk& zendesk_;
  nlohmann::json view_;                              // the last accepted answer's view
  std::string viewText_;                             // its text (empty: not known)
  std::set<std::string> ended_;                      // calls the connector said ended or left
  std::map<std::string, int> rings_;                 // callRinging per call id (a reused id is another call)
  std::map<std::string, std::string> markerOfCall_;  // external_id -> the comment marker of its create
  int sidebarAsks_ = 0;  // requesterNumbersWanted accepted and not yet answered with sidebarNumbers (FO-5c)
};

}  // namespace fuzz
