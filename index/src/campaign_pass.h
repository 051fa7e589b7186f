// Internal: finding campaigns over a whole database at the end of an ingest
// run, so they span every run's responses.
#ifndef SIFT_INDEX_SRC_CAMPAIGN_PASS_H_
#define SIFT_INDEX_SRC_CAMPAIGN_PASS_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sift/core/status.h"
#include "sift/ingest/campaigns.h"

namespace sift::index {

struct CampaignCounts {
  std::int64_t campaigns = 0;
  std::int64_t members = 0;
  std::int64_t repeated_answers = 0;  // groups (ingest::RepeatedAnswer)
  std::int64_t repeated_members = 0;
};

// Collects the run's responses as they are built (only MinHash signatures
// are kept), then, with the database's other responses, finds the campaigns
// and sets value slot 7 (the campaign id) on the documents whose campaign
// changed. Writes metadata
// "sift.campaigns": a JSON list of {"id", "size", "template"} (template =
// the medoid's response id), and "sift.repeated_answers": a JSON list of
// {"id", "members"} (response ids) for the repeated short answers, which
// get no value or term: each still counts on its own. Documents are
// updated, never removed.
// Not thread-safe: one thread adds, then Finish() runs once.
class CampaignPass {
 public:
  // A response of this run, by its unique id term.
  void Add(const std::string& id_term, std::string_view display_text);

  // Xapian errors propagate as Xapian::Error for the caller to translate.
  Result<CampaignCounts> Finish(Xapian::WritableDatabase* db);

 private:
  ingest::CampaignFinder finder_;
  std::vector<std::string> id_terms_;  // per finder index
  std::unordered_set<std::string> seen_;
};

}  // namespace sift::index

#endif  // SIFT_INDEX_SRC_CAMPAIGN_PASS_H_
